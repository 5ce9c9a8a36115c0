// End to end against the `npm start` stack in headless Chromium: a tenant rents and pays, the
// provider accepts and provisions, time advances, the provider sees earnings and withdraws, the
// tenant cancels another contract and sees the refund, leaves feedback, and the trust badge changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { advanceTime, chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, signIn, startStack, type Stack } from './stack';
import { join } from 'node:path';
import { userKey } from '@trustcloud/localnet';

const DAY = 86_400_000;

const amountOf = async (page: Page, testId: string): Promise<bigint> => {
    const l = page.getByTestId(testId);
    const own = await l.getAttribute('data-amount');
    return BigInt(own ?? (await l.locator('[data-amount]').first().getAttribute('data-amount'))!);
};

async function bobScore(page: Page, appUrl: string): Promise<string> {
    await page.goto(`${appUrl}/`);
    const card = page.getByRole('article').filter({ has: page.getByRole('link', { name: 'Nimbus VPS M' }) });
    const score = card.getByTestId('trust-score');
    await score.waitFor();
    return (await score.textContent()) ?? '';
}

describe.skipIf(!chromiumAvailable())('tenant and provider in the browser', () => {
    let stack: Stack;
    let browser: Browser;
    const errors: string[] = [];

    beforeAll(async () => {
        stack = await startStack({ appPort: 8091, localnetPort: 4953, relayPort: 8797, stateRoot: join(ROOT, '.localnet', 'e2e') });
        browser = await launchBrowser();
    }, 420_000);

    afterAll(async () => {
        await browser?.close();
        await stack?.stop();
    }, 60_000);

    it('pays with ICPay, then asks about the contract in the chat (verified identity, help bot)', async () => {
        // `npm start` serves a local ICPay API on the local ICPay canister: the SDK creates an intent
        // there, the wallet transfers to ICPay's canister and notifies it, the canister keeps its fees
        // and forwards the rest to the escrow; the browser notifies the marketplace, which verifies
        // ICPay's record and the ledger's blocks and books what arrived (the relay's webhook notify too).
        const icpayErrors: string[] = [];
        const { context, page: t } = await newUserPage(browser, icpayErrors);
        try {
            await t.goto(`${stack.appUrl}/`);
            // As with Internet Identity: a delegation chain rooted in the identity canister's
            // canister-signature key for this origin (an Ed25519 root would give another principal).
            expect(await signIn(t, 'alice')).toBe(userKey('alice', stack.appUrl).principal.toText());
            await t.getByRole('link', { name: 'Nimbus VPS L' }).click();
            await t.getByRole('heading', { level: 1, name: 'Nimbus VPS L' }).waitFor();
            await t.getByRole('button', { name: 'Rent this server' }).click();
            const dialog = t.getByRole('dialog');
            await dialog.getByRole('button', { name: '3 days' }).click();
            await expect.poll(() => dialog.getByTestId('checkout-price').textContent()).toContain('TCY');
            const quoted = await dialog.getByTestId('checkout-price').textContent();
            await dialog.getByLabel('ICPay').check();
            await dialog.getByRole('button', { name: 'Continue' }).click();
            // ICPay's fees shown before paying (read from ICPay's canister), and the grossed-up total.
            const shown = {
                price: await amountOf(t, 'order-price'),
                platform: await amountOf(t, 'order-icpay-platform-fee'),
                relay: await amountOf(t, 'order-icpay-relay-fee'),
                forward: await amountOf(t, 'order-icpay-forward-fee'),
                ledger: await amountOf(t, 'order-ledger-fees'),
                total: await amountOf(t, 'order-total')
            };
            expect(shown.platform).toBeGreaterThan(0n);
            const b0 = BigInt((await t.getByTestId('header-balance').locator('[data-amount]').getAttribute('data-amount'))!);
            await dialog.getByRole('button', { name: /^Pay / }).click();
            await dialog.getByText('Paid into escrow').waitFor({ timeout: 120_000 });
            // What left the wallet is the total shown; what ICPay relayed to the escrow is the total less the fees shown.
            await expect.poll(async () => b0 - BigInt((await t.getByTestId('header-balance').locator('[data-amount]').getAttribute('data-amount'))!), { timeout: 30_000 }).toBe(shown.total);
            const relayed = /ICPay \(local\): payment pay_local_\S+ completed \(ICPay tx \d+, (\d+) relayed\)/.exec(stack.output());
            expect(BigInt(relayed![1]!)).toBe(shown.total - shown.ledger - shown.platform - shown.relay - shown.forward);
            expect(BigInt(relayed![1]!)).toBeGreaterThanOrEqual(shown.price);
            await shot(t, '00-icpay-paid');
            await dialog.getByRole('button', { name: 'Close' }).last().click();
            await t.waitForURL(/\/contracts\/\d+$/);
            await expect.poll(() => t.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('Awaiting provider');
            // What arrived after ICPay's fees covers the quote (the gross was computed for it).
            expect(await t.getByTestId('escrow-paid').textContent()).toBe(quoted);
            expect(stack.output()).toMatch(/ICPay \(local\): payment pay_local_\S+ completed/);

            // Chat about the contract: the widget identifies alice with the identifier_hash the relay
            // computed from her signed proof, the local Chatwoot checks it, and the help bot answers
            // from the Help Center with links to the articles.
            const contractId = /\/contracts\/(\d+)$/.exec(t.url())![1]!;
            await t.getByRole('button', { name: 'Chat with the provider' }).click();
            const chat = t.getByRole('dialog', { name: 'Support chat' });
            await expect.poll(() => chat.locator('.local-chatwoot-identity').textContent(), { timeout: 30_000 }).toMatch(/^Verified as /);
            expect(await chat.locator('.local-chatwoot-contract').textContent()).toBe(`About contract #${contractId}`);
            await chat.getByLabel('Message', { exact: true }).fill('How do refunds work when I cancel a contract?');
            await chat.getByRole('button', { name: 'Send' }).click();
            const log = chat.getByRole('log');
            await log.getByText('How do refunds work when I cancel a contract?').waitFor();
            await log.getByText(/Refunds when you cancel a contract/).waitFor({ timeout: 60_000 });
            const article = log.getByRole('link', { name: /\/hc\/help\/articles\/refunds-and-cancellation$/ });
            const page = await fetch((await article.getAttribute('href'))!);
            expect([page.status, await page.text()]).toEqual([200, expect.stringContaining('unused remainder of your payment is refunded')]);
            await shot(t, '00-chat-help-bot');
        } catch (e) {
            await shot(t, 'failure-icpay').catch(() => undefined);
            throw new Error(`${(e as Error).message}\nbrowser errors:\n${icpayErrors.join('\n')}\nstack:\n${stack.output().slice(-3000)}`);
        } finally {
            await context.close();
        }
        expect(icpayErrors.filter((e) => !/favicon/.test(e))).toEqual([]);
    }, 300_000);

    it('rents, provisions, earns, withdraws, refunds, and gives feedback that counts by the tenant voice', async () => {
        const tenant = await newUserPage(browser, errors);
        const provider = await newUserPage(browser, errors);
        const t = tenant.page;
        const p = provider.page;
        try {
            await scenario(t, p);
        } catch (e) {
            await shot(t, 'failure-tenant').catch(() => undefined);
            await shot(p, 'failure-provider').catch(() => undefined);
            throw new Error(`${(e as Error).message}\nbrowser errors:\n${errors.join('\n')}`);
        }
        expect(errors.filter((e) => !/favicon|Failed to load resource/.test(e))).toEqual([]);
    }, 600_000);

    it('stops cleanly on Ctrl-C and keeps the state for the next start', async () => {
        const cancelledUrl = lastContractUrl;
        // Ctrl-C (SIGINT) stops localnet, the relay and the web server, saving the state.
        expect(await stack.stop()).toBe(0);
        stack = await startStack({ appPort: 8091, localnetPort: 4953, relayPort: 8797, stateRoot: join(ROOT, '.localnet', 'e2e'), fresh: false });
        expect(stack.output()).toMatch(/demo data already seeded/);
        expect(stack.output()).toMatch(/marketplace (unchanged|upgraded)/);
        const { page } = await newUserPage(browser, errors);
        await page.goto(`${stack.appUrl}/contracts`);
        await signIn(page, 'alice');
        await page.goto(cancelledUrl);
        await expect.poll(() => page.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('Cancelled');
        await shot(page, '14-after-restart');
    }, 420_000);

    let lastContractUrl = '';

    async function scenario(t: Page, p: Page): Promise<void> {
        const app = stack.appUrl;

        // The marketplace lists the seeded offerings with trust badges.
        const scoreBefore = await bobScore(t, app);
        await shot(t, '01-marketplace');

        // Tenant signs in (local identity provider popup) and rents Nimbus VPS M for 3 days.
        await signIn(t, 'alice');
        await t.getByRole('link', { name: 'Nimbus VPS M' }).click();
        await t.getByRole('heading', { level: 1, name: 'Nimbus VPS M' }).waitFor();
        await t.getByText('Provider trust profile').waitFor();
        await shot(t, '02-offering');
        await t.getByRole('button', { name: 'Rent this server' }).click();
        const dialog = t.getByRole('dialog');
        await dialog.getByRole('button', { name: '3 days' }).click();
        await expect.poll(() => dialog.getByTestId('checkout-price').textContent()).toContain('TCY');
        await dialog.getByRole('button', { name: 'Continue' }).click();
        await shot(t, '03-checkout-review');
        await dialog.getByRole('button', { name: /^Pay / }).click();
        await dialog.getByText('Paid into escrow').waitFor({ timeout: 60_000 });
        await dialog.getByRole('button', { name: 'Close' }).last().click();
        await t.waitForURL(/\/contracts\/\d+$/);
        const contractId = /\/contracts\/(\d+)$/.exec(t.url())![1]!;
        await expect.poll(() => t.getByTestId('contract-status').first().textContent(), { timeout: 30_000 }).toBe('Awaiting provider');
        await shot(t, '04-contract-paid');

        // Provider accepts, provisions and reports the connection details.
        await p.goto(`${app}/provider`);
        await signIn(p, 'bob');
        const row = p.getByTestId(`request-${contractId}`);
        await row.waitFor({ timeout: 30_000 });
        await shot(p, '05-provider-requests');
        await row.getByRole('button', { name: 'Accept' }).click();
        await p.getByRole('button', { name: `Start provisioning #${contractId}` }).click();
        await p.getByLabel(`Connection details for #${contractId}`).fill('ssh root@203.0.113.99 -p 22');
        // Where uptime monitors probe it (setProbeEndpoint; listed to them by probeTargets).
        await p.getByLabel(`Monitoring endpoint for #${contractId} (optional)`).fill('tcp://203.0.113.99:22');
        await p.getByRole('button', { name: 'Report provisioned' }).click();
        await p.getByRole('link', { name: `#${contractId}` }).first().waitFor({ timeout: 30_000 });
        expect(await p.getByRole('alert').count()).toBe(0);
        await shot(p, '06-provider-provisioned');

        // The tenant sees the server.
        await t.reload();
        await expect.poll(() => t.getByTestId('connection').textContent(), { timeout: 30_000 }).toContain('203.0.113.99');

        // Two days pass on the local IC; daily releases pay the provider.
        await advanceTime(stack.localnetUrl, 2 * DAY);
        await p.reload();
        const withdrawable = p.getByTestId('withdrawable');
        await withdrawable.waitFor({ timeout: 30_000 });
        const amount = Number(((await withdrawable.textContent()) ?? '0').replace(/[^0-9.]/g, ''));
        expect(amount).toBeGreaterThan(0);
        await shot(p, '07-provider-earnings');
        await p.getByRole('button', { name: 'Withdraw to my wallet' }).click();
        // The confirmation shows what arrives: the amount minus the ledger fee.
        const confirm = p.getByRole('dialog', { name: 'Withdraw TCY' });
        await confirm.getByTestId('withdraw-arrives').waitFor();
        await confirm.getByRole('button', { name: /^Withdraw / }).dblclick();
        await p.getByTestId('withdraw-result').waitFor({ timeout: 60_000 });
        expect(await p.getByTestId('withdraw-result').textContent()).toMatch(/withdrawn − .* ledger fee/);
        await shot(p, '08-provider-withdrawn');
        await confirm.getByRole('button', { name: 'Close' }).last().click();

        // The tenant cancels the seeded contract (rented from bob before) and sees the refund.
        await t.goto(`${app}/contracts`);
        await t.getByRole('table').waitFor();
        await shot(t, '09-my-contracts');
        const seeded = t.getByRole('row').filter({ hasText: 'Nimbus VPS S' }).getByRole('link').first();
        await seeded.click();
        await t.getByRole('button', { name: 'Cancel contract' }).click();
        const cancel = t.getByRole('dialog');
        await expect.poll(() => cancel.getByTestId('refund-preview').textContent(), { timeout: 30_000 }).toMatch(/TCY/);
        await shot(t, '10-cancel-preview');
        await cancel.getByRole('button', { name: 'Cancel and refund' }).click();
        await cancel.getByTestId('refund-result').waitFor({ timeout: 60_000 });
        const refunded = BigInt((await cancel.getByTestId('refund-arrives').getAttribute('data-amount')) ?? '0');
        expect(refunded).toBeGreaterThan(0n);
        await shot(t, '11-refunded');
        await cancel.getByRole('button', { name: 'Close' }).last().click();
        lastContractUrl = t.url();

        // Feedback on the ended contract.
        await t.reload();
        await t.getByRole('form', { name: 'Feedback' }).waitFor({ timeout: 30_000 });
        await t.getByRole('group', { name: 'Did the service match the description?' }).getByLabel('No').check();
        await t.getByRole('group', { name: 'Would you rent from this provider again?' }).getByLabel('No').check();
        await t.getByRole('button', { name: 'Send feedback' }).click();
        await t.getByText('Thank you').waitFor({ timeout: 30_000 });
        await shot(t, '12-feedback');

        // The feedback is recorded, but alice has no paid history with other providers: her voice is
        // 0 (trust README, "voice"), so bob's badge does not move on her word alone.
        expect(await bobScore(t, app)).toBe(scoreBefore);
        await shot(t, '13-marketplace-after');
    }
});
