// ICPay in a second token, in the browser against the `npm start` stack: an offering priced in the
// local ckUSDC ledger (6 decimals, its own ledger fee) is rented with ICPay; the order summary shows
// the amounts in ckUSDC with the fee the marketplace's config names for that token, and the money
// moves on the ckUSDC ledger exactly as shown — read from the ledger itself, not from the app:
// what left the wallet = the total shown, what ICPay kept = its platform + relay fees shown, what
// reached the escrow = total − every fee shown (and the escrow booked that much).
import { join } from 'node:path';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, signIn, startStack, type Stack } from './stack';
import { CANISTER_IDS } from '../../scripts/start-deploy';
import { idlFactory as ledgerIdl, type _SERVICE as Ledger } from '../../canisters/ledger/declarations';
import { idlFactory as marketIdl, type _SERVICE as Market } from '../../canisters/marketplace/declarations';

async function units(l: Locator): Promise<bigint> {
    const own = await l.getAttribute('data-amount');
    if (own !== null) return BigInt(own);
    return BigInt((await l.locator('[data-amount]').first().getAttribute('data-amount'))!);
}

describe.skipIf(!chromiumAvailable())('ICPay in a second token (ckUSDC) in the browser', () => {
    let stack: Stack;
    let browser: Browser;
    const errors: string[] = [];
    const contexts: BrowserContext[] = [];
    let alice: Page;
    let alicePrincipal = '';
    let balanceOf: (owner: string) => Promise<bigint>;

    beforeAll(async () => {
        // Ports no other e2e test uses.
        stack = await startStack({ appPort: 8107, localnetPort: 4967, relayPort: 8811, stateRoot: join(ROOT, '.localnet', 'e2e-icpay-token') });
        browser = await launchBrowser();
        const agent = await HttpAgent.create({ host: stack.localnetUrl, shouldFetchRootKey: true });
        const usdc = Actor.createActor<Ledger>(ledgerIdl, { agent, canisterId: CANISTER_IDS.ckusdc });
        balanceOf = (owner) => usdc.icrc1_balance_of({ owner: Principal.fromText(owner), subaccount: [] });
        const { context, page } = await newUserPage(browser, errors);
        contexts.push(context);
        await page.goto(`${stack.appUrl}/`);
        alicePrincipal = await signIn(page, 'alice');
        alice = page;
    }, 420_000);

    afterAll(async () => {
        for (const c of contexts) await c.close().catch(() => undefined);
        await browser?.close();
        await stack?.stop();
        if (errors.length > 0) console.log(`browser errors:\n${errors.join('\n')}`);
    }, 60_000);

    it('rents a ckUSDC offering with ICPay: the fees shown are the fees charged, on the ckUSDC ledger', async () => {
        const agent = await HttpAgent.create({ host: stack.localnetUrl, shouldFetchRootKey: true });
        const market = Actor.createActor<Market>(marketIdl, { agent, canisterId: CANISTER_IDS.marketplace });
        const token = (await market.getConfig()).tokens.find((t) => t.symbol === 'ckUSDC')!;
        expect(token.ledger.toText()).toBe(CANISTER_IDS.ckusdc);
        expect(token.decimals).toBe(6);

        // The catalog prices it in its own token.
        const card = alice.getByRole('article').filter({ has: alice.getByRole('link', { name: 'Stratus VPS' }) });
        await expect.poll(() => card.first().textContent(), { timeout: 30_000 }).toMatch(/18(\.0+)? ckUSDC/);
        await alice.getByRole('link', { name: 'Stratus VPS' }).first().click();
        await alice.getByRole('heading', { level: 1, name: 'Stratus VPS' }).waitFor({ timeout: 30_000 });
        // The price and the wallet balance are in the offering's token, on its ledger.
        expect(await alice.locator('.price').textContent()).toMatch(/18(\.0+)? ckUSDC/);
        const shownBalance = alice.getByTestId('offering-wallet-balance');
        await shownBalance.waitFor({ timeout: 30_000 });
        const wallet0 = await balanceOf(alicePrincipal);
        expect(await units(shownBalance)).toBe(wallet0);
        const escrow0 = await balanceOf(CANISTER_IDS.marketplace);
        const icpay0 = await balanceOf(CANISTER_IDS.icpay);

        await alice.getByRole('button', { name: 'Rent this server' }).click();
        const dialog = alice.getByRole('dialog');
        await dialog.getByRole('button', { name: '1 day' }).click();
        await dialog.getByLabel('ICPay').check();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        const price = await units(dialog.getByTestId('order-price'));
        const platform = await units(dialog.getByTestId('order-icpay-platform-fee'));
        const relayFee = await units(dialog.getByTestId('order-icpay-relay-fee'));
        const forward = await units(dialog.getByTestId('order-icpay-forward-fee'));
        const ledgerFee = await units(dialog.getByTestId('order-ledger-fees'));
        const surplus = (await dialog.getByTestId('order-icpay-surplus').count()) > 0 ? await units(dialog.getByTestId('order-icpay-surplus')) : 0n;
        const total = await units(dialog.getByTestId('order-total'));
        // 1 day of 18 ckUSDC a month (720 h), in 6-decimal units; the ckUSDC ledger's fee from the config.
        expect(price).toBe((18_000_000n * 24n) / 720n);
        expect(ledgerFee).toBe(token.fee);
        expect(forward).toBe(token.fee);
        expect(platform).toBeGreaterThan(0n);
        expect(total).toBe(price + surplus + platform + relayFee + forward + ledgerFee);
        expect(await dialog.getByTestId('order-total').textContent()).toContain('ckUSDC');
        expect(await dialog.getByTestId('order-total').textContent()).not.toContain('TCY');
        await shot(alice, 'icpay-token-01-order-summary');

        await dialog.getByRole('button', { name: /^Pay / }).click();
        await dialog.getByText('Paid into escrow').waitFor({ timeout: 120_000 });
        await dialog.getByRole('button', { name: 'Close' }).last().click();
        await alice.waitForURL(/\/contracts\/\d+$/);
        const contractId = BigInt(/\/contracts\/(\d+)$/.exec(alice.url())![1]!);

        // The ledger's word: what left the wallet is the total shown; ICPay kept its fees as shown;
        // the escrow received the total minus every fee shown.
        expect(wallet0 - (await balanceOf(alicePrincipal))).toBe(total);
        expect((await balanceOf(CANISTER_IDS.icpay)) - icpay0).toBe(platform + relayFee);
        const arrived = (await balanceOf(CANISTER_IDS.marketplace)) - escrow0;
        expect(arrived).toBe(total - ledgerFee - platform - relayFee - forward);
        expect(arrived).toBe(price + surplus);
        // The escrow booked what arrived, in ckUSDC, for this contract.
        await alice.getByTestId('escrow-paid').waitFor({ timeout: 30_000 });
        expect(await units(alice.getByTestId('escrow-paid'))).toBe(price);
        const deposits = alice.locator('tr[data-kind="Deposit"]');
        await expect.poll(() => deposits.count(), { timeout: 30_000 }).toBe(1);
        expect(await units(deposits.first().locator('td').nth(2))).toBe(arrived);
        const audit = await market.books();
        const usdcBooks = audit.tokens.find((t) => t.token === 'ckUSDC')!;
        expect(usdcBooks.deposited).toBe(arrived);
        expect(contractId).toBeGreaterThan(0n);
        await shot(alice, 'icpay-token-02-contract-paid');
    }, 300_000);
});
