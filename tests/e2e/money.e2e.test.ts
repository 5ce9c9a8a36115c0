// Money in the browser, against the `npm start` stack: the order summary adds up to what leaves the
// wallet (wallet and ICPay paths), a double click pays once, an interrupted wallet rental leaves no
// contract and a retry pays once, the cancel preview is what arrives, contracts are private to their
// parties, the wallet page has movements, receipts and a CSV, offerings are managed with limits, the
// public provider page, notifications, sign-out across tabs, and errors as sentences.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, signIn, startStack, type Stack } from './stack';

/** The exact base units behind a displayed amount (`data-amount`, on the element or inside it). */
async function units(l: Locator): Promise<bigint> {
    const own = await l.getAttribute('data-amount');
    if (own !== null) return BigInt(own);
    return BigInt((await l.locator('[data-amount]').first().getAttribute('data-amount'))!);
}

async function headerBalance(page: Page): Promise<bigint> {
    const l = page.getByTestId('header-balance').locator('[data-amount]');
    await l.waitFor({ timeout: 30_000 });
    return BigInt((await l.getAttribute('data-amount'))!);
}

/** Polls the header balance (refetched after a payment) until it differs from `before`. */
async function balanceAfter(page: Page, before: bigint): Promise<bigint> {
    let now = before;
    await expect
        .poll(
            async () => {
                await page.reload();
                now = await headerBalance(page);
                return now;
            },
            { timeout: 30_000, interval: 1_000 }
        )
        .not.toBe(before);
    return now;
}

describe.skipIf(!chromiumAvailable())('money and trust in the browser', () => {
    let stack: Stack;
    let browser: Browser;
    const errors: string[] = [];
    const contexts: BrowserContext[] = [];
    let alice: Page;
    let bob: Page;
    let ledgerId = '';
    let rentedId = '';

    async function user(name: string, path = '/'): Promise<Page> {
        const { context, page } = await newUserPage(browser, errors);
        contexts.push(context);
        await page.goto(`${stack.appUrl}${path}`);
        await signIn(page, name);
        return page;
    }

    beforeAll(async () => {
        stack = await startStack({ appPort: 8093, localnetPort: 4955, relayPort: 8801, stateRoot: join(ROOT, '.localnet', 'e2e-money') });
        browser = await launchBrowser();
        ledgerId = ((await (await fetch(stack.nodeUrl('/config.json'))).json()) as { ledgerCanisterId: string }).ledgerCanisterId;
        alice = await user('alice');
    }, 420_000);

    afterAll(async () => {
        for (const c of contexts) await c.close().catch(() => undefined);
        await browser?.close();
        await stack?.stop();
        if (errors.length > 0) console.log(`browser errors:\n${errors.join('\n')}`);
    }, 60_000);

    it('the order summary adds up, equals what leaves the wallet, and a double click pays once', async () => {
        const b0 = await headerBalance(alice);
        await alice.getByRole('link', { name: 'Nimbus VPS M' }).click();
        await alice.getByRole('button', { name: 'Rent this server' }).click();
        const dialog = alice.getByRole('dialog');
        await dialog.getByRole('button', { name: '3 days' }).click();
        // ICPay: one ledger fee (the transfer to ICPay), and ICPay's own fees shown before paying:
        // the payment is grossed up so that the price still reaches the escrow.
        await dialog.getByLabel('ICPay').check();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        const price = await units(dialog.getByTestId('order-price'));
        const icpayFees = await units(dialog.getByTestId('order-ledger-fees'));
        const charged = (await units(dialog.getByTestId('order-icpay-platform-fee'))) + (await units(dialog.getByTestId('order-icpay-relay-fee'))) + (await units(dialog.getByTestId('order-icpay-forward-fee')));
        const surplus = (await dialog.getByTestId('order-icpay-surplus').count()) > 0 ? await units(dialog.getByTestId('order-icpay-surplus')) : 0n;
        expect(charged).toBeGreaterThan(0n);
        expect(await units(dialog.getByTestId('order-total'))).toBe(price + surplus + charged + icpayFees);
        await shot(alice, 'money-01-order-summary-icpay');
        await dialog.getByRole('button', { name: 'Back' }).click();
        await dialog.getByLabel(/^Wallet/).check();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        const fees = await units(dialog.getByTestId('order-ledger-fees'));
        expect(fees).toBe(2n * icpayFees);
        const total = await units(dialog.getByTestId('order-total'));
        expect(total).toBe(price + fees);
        expect(await units(dialog.getByTestId('order-time-price'))).toBe(price);
        expect(await dialog.getByTestId('order-platform-fee').textContent()).toMatch(/Platform fee 1\.00%: .*included in the price/);
        await shot(alice, 'money-02-order-summary-wallet');
        await alice.setViewportSize({ width: 390, height: 844 });
        await shot(alice, 'money-02b-order-summary-wallet-390');
        await alice.setViewportSize({ width: 1280, height: 900 });
        await dialog.getByRole('button', { name: /^Pay / }).dblclick();
        await dialog.getByText('Paid into escrow').waitFor({ timeout: 60_000 });
        await dialog.getByRole('button', { name: 'Close' }).last().click();
        await alice.waitForURL(/\/contracts\/\d+$/);
        rentedId = /\/contracts\/(\d+)$/.exec(alice.url())![1]!;
        await alice.getByTestId('escrow-paid').waitFor({ timeout: 30_000 });
        expect(await units(alice.getByTestId('escrow-paid'))).toBe(price);
        expect(b0 - (await balanceAfter(alice, b0))).toBe(total);
        // One payment in the contract's books, with its ledger block.
        await alice.getByRole('heading', { name: 'Money movements' }).waitFor();
        const deposits = alice.locator('tr[data-kind="Deposit"]');
        await expect.poll(() => deposits.count(), { timeout: 30_000 }).toBe(1);
        expect(await units(deposits.first().locator('td').nth(2))).toBe(price);
        expect(await deposits.first().locator('td[data-label="Ledger block"]').textContent()).toMatch(/^\d+$/);
        await shot(alice, 'money-03-contract-paid');
    }, 240_000);

    it('the provider accepts; the tenant hears of it in the notifications', async () => {
        bob = await user('bob', '/provider');
        const row = bob.getByTestId(`request-${rentedId}`);
        await row.waitFor({ timeout: 30_000 });
        await row.getByRole('button', { name: 'Accept' }).click();
        await row.waitFor({ state: 'detached', timeout: 30_000 });
        await alice.reload();
        await alice.getByTestId('notifications-button').click();
        const panel = alice.getByRole('region', { name: 'Notifications' });
        await expect.poll(() => panel.textContent(), { timeout: 30_000 }).toContain(`Your request #${rentedId} was accepted by the provider.`);
        await shot(alice, 'money-04-notifications');
        await alice.keyboard.press('Escape');
    }, 120_000);

    it('an extension shows its price, asks for confirmation, and a double click charges once', async () => {
        await alice.goto(`${stack.appUrl}/contracts`);
        await alice.getByRole('row').filter({ hasText: 'Nimbus VPS S' }).getByRole('link').first().click();
        await alice.getByRole('button', { name: 'Extend…' }).waitFor({ timeout: 30_000 });
        const b0 = await headerBalance(alice);
        // The paid contract's movements have loaded (its first deposit) before they are counted.
        await alice.locator('tr[data-kind="Deposit"]').first().waitFor({ timeout: 30_000 });
        const depositsBefore = await alice.locator('tr[data-kind="Deposit"]').count();
        await alice.getByRole('button', { name: 'Extend…' }).click();
        const dialog = alice.getByRole('dialog');
        await dialog.getByRole('button', { name: '1 day' }).click();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        const total = await units(dialog.getByTestId('order-total'));
        await shot(alice, 'money-05-extend-review');
        await dialog.getByRole('button', { name: /^Pay / }).dblclick();
        await dialog.getByText('Paid into escrow').waitFor({ timeout: 60_000 });
        await dialog.getByRole('button', { name: 'Close' }).last().click();
        expect(b0 - (await balanceAfter(alice, b0))).toBe(total);
        await expect.poll(() => alice.locator('tr[data-kind="Deposit"]').count(), { timeout: 30_000 }).toBe(depositsBefore + 1);
        await alice.getByRole('heading', { name: 'SLA credits' }).waitFor();
    }, 180_000);

    it('an interrupted wallet rental leaves no contract behind; retrying pays once; the cancel preview is what arrives', async () => {
        await alice.goto(`${stack.appUrl}/`);
        await alice.getByRole('link', { name: 'Nimbus VPS S' }).click();
        const b0 = await headerBalance(alice);
        // The approval never reaches the ledger (as when the tab is closed right after confirming).
        await alice.route(`**/api/v*/canister/${ledgerId}/call`, (route) => route.abort('internetdisconnected'));
        await alice.getByRole('button', { name: 'Rent this server' }).click();
        const dialog = alice.getByRole('dialog');
        await dialog.getByRole('button', { name: '1 day' }).click();
        await dialog.getByRole('button', { name: 'Continue' }).click();
        const price = await units(dialog.getByTestId('order-price'));
        const total = await units(dialog.getByTestId('order-total'));
        await dialog.getByRole('button', { name: /^Pay / }).click();
        const err = dialog.getByTestId('checkout-error');
        await err.waitFor({ timeout: 60_000 });
        expect(await err.textContent()).toMatch(/^Approving the payment in your wallet failed: The Internet Computer could not be reached/);
        // A wallet rental is created and paid in one call (rentOffering): nothing was created, nothing is held.
        expect(await dialog.getByText(/Contract #\d+ was created/).count()).toBe(0);
        await shot(alice, 'money-06-interrupted');
        await alice.unrouteAll({ behavior: 'wait' });
        await dialog.getByRole('button', { name: 'Retry' }).click();
        await dialog.getByText('Paid into escrow').waitFor({ timeout: 60_000 });
        await dialog.getByRole('button', { name: 'Close' }).last().click();
        await alice.waitForURL(/\/contracts\/\d+$/);
        await expect.poll(async () => units(alice.getByTestId('escrow-paid')), { timeout: 30_000 }).toBe(price);
        expect(b0 - (await headerBalance(alice))).toBe(total);
        expect(await alice.getByRole('button', { name: 'Pay now' }).count()).toBe(0);

        // Not started yet (awaiting the provider): nothing is earned, so the preview cannot drift.
        await alice.getByRole('button', { name: 'Cancel contract' }).click();
        const cancel = alice.getByRole('dialog');
        await cancel.getByTestId('refund-preview').waitFor({ timeout: 30_000 });
        const preview = await units(cancel.getByTestId('refund-preview'));
        expect(preview).toBeGreaterThan(0n);
        await cancel.getByRole('button', { name: 'Cancel and refund' }).dblclick();
        await cancel.getByTestId('refund-result').waitFor({ timeout: 60_000 });
        expect(await units(cancel.getByTestId('refund-arrives'))).toBe(preview);
        expect(await cancel.getByTestId('refund-result').textContent()).toMatch(/refunded − .* ledger fee/);
        await shot(alice, 'money-07-refund-net');
        await cancel.getByRole('button', { name: 'Close' }).last().click();
        await alice.getByTestId('contract-ended').waitFor({ timeout: 30_000 });
    }, 240_000);

    it('contracts are private to their tenant and provider: anyone else gets "not found"', async () => {
        const carol = await user('carol', '/');
        await carol.goto(`${stack.appUrl}/contracts/${rentedId}`);
        await carol.getByTestId('contract-not-found').waitFor({ timeout: 30_000 });
        expect(await carol.locator('main').textContent()).not.toContain('Nimbus VPS M');
        expect(await carol.getByTestId('escrow-paid').count()).toBe(0);
        // The provider of the contract sees it, in provider wording.
        await bob.goto(`${stack.appUrl}/contracts/${rentedId}`);
        await bob.getByText('Refunded to the tenant').waitFor({ timeout: 30_000 });
    }, 120_000);

    it('the wallet page: balances, movements with nets and blocks, a printable receipt, CSV export', async () => {
        await alice.getByRole('link', { name: 'Wallet', exact: true }).click();
        await alice.getByRole('heading', { level: 1, name: 'Wallet' }).waitFor();
        await alice.getByTestId('wallet-ledger-balance').first().waitFor({ timeout: 30_000 });
        const rows = alice.getByRole('table', { name: 'Wallet movements' }).locator('tbody tr');
        await expect.poll(() => rows.count(), { timeout: 30_000 }).toBeGreaterThan(3);
        await shot(alice, 'money-08-wallet');
        const [download] = await Promise.all([alice.waitForEvent('download'), alice.getByRole('button', { name: 'Export CSV' }).click()]);
        const csv = readFileSync((await download.path())!, 'utf8').trim().split('\r\n');
        expect(csv[0]).toBe('seq,time,kind,description,contract,token,amount,fee,net,ledger_block,reference');
        expect(csv.length - 1).toBe(await rows.count());
        // The refund of the cancelled contract has a receipt: amount − ledger fee = received.
        const refund = alice.locator('tr[data-kind="TransferDone"]').filter({ has: alice.getByRole('link', { name: 'Refund receipt' }) }).first();
        await refund.waitFor({ timeout: 30_000 });
        await refund.getByRole('link', { name: 'Refund receipt' }).click();
        await alice.getByRole('heading', { level: 1, name: 'Refund receipt' }).waitFor();
        expect(await alice.getByTestId('receipt-block').textContent()).toMatch(/^\d+$/);
        const text = (id: string) => alice.getByTestId(id).textContent();
        expect(await text('receipt-net')).toMatch(/TCY$/);
        await alice.getByRole('button', { name: 'Print' }).waitFor();
        await shot(alice, 'money-09-receipt');
        await alice.setViewportSize({ width: 390, height: 844 });
        await alice.goto(`${stack.appUrl}/wallet`);
        await alice.getByTestId('wallet-ledger-balance').first().waitFor({ timeout: 30_000 });
        await rows.first().waitFor({ timeout: 30_000 });
        // Stacked rows: the net column is on screen, not scrolled off to the right.
        const net = await rows.first().locator('td[data-label="Net"]').boundingBox();
        expect(net!.x + net!.width).toBeLessThanOrEqual(390);
        await shot(alice, 'money-10-wallet-390');
        await alice.goto(`${stack.appUrl}/contracts/${rentedId}`);
        await alice.getByTestId('escrow-paid').waitFor({ timeout: 30_000 });
        await shot(alice, 'money-11-contract-390');
        await alice.setViewportSize({ width: 1280, height: 900 });
    }, 180_000);

    it('offering management: an absurd price is refused with the reason; duplicate, publish, edit stock, pause', async () => {
        await bob.goto(`${stack.appUrl}/provider`);
        const original = bob.getByRole('row').filter({ has: bob.getByRole('link', { name: 'Nimbus VPS S', exact: true }) });
        await original.getByRole('button', { name: 'Duplicate' }).click({ timeout: 30_000 });
        const form = bob.getByRole('form', { name: 'New offering' });
        expect(await form.getByLabel('Name').inputValue()).toBe('Nimbus VPS S (copy)');
        expect(await form.getByLabel(/^Price \/ month/).inputValue()).toBe('12');
        await form.getByLabel(/^Price \/ month/).fill('99999999999999');
        await form.getByRole('button', { name: 'Publish offering' }).click();
        await form.getByText(/At most 1,000,000 TCY a month/).waitFor();
        await shot(bob, 'money-12-offering-limit');
        await form.getByLabel(/^Price \/ month/).fill('15');
        await form.getByRole('button', { name: 'Publish offering' }).click();
        await bob.getByText('Offering published.').waitFor({ timeout: 30_000 });
        const copy = bob.getByRole('row').filter({ has: bob.getByRole('link', { name: 'Nimbus VPS S (copy)' }) });
        await copy.waitFor({ timeout: 30_000 });
        await copy.getByRole('button', { name: 'Edit' }).click();
        const edit = bob.getByRole('form', { name: 'Edit offering' });
        await edit.getByLabel('Stock').fill('7');
        await edit.getByRole('button', { name: 'Save changes' }).click();
        await bob.getByText('Changes saved.').waitFor({ timeout: 30_000 });
        await expect.poll(() => copy.textContent(), { timeout: 30_000 }).toContain('0 of 7 rented');
        await copy.getByRole('button', { name: 'Pause' }).click();
        await copy.getByText('Paused (not listed)').waitFor({ timeout: 30_000 });
        await shot(bob, 'money-13-offerings-managed');
        await alice.goto(`${stack.appUrl}/`);
        await alice.getByRole('link', { name: 'Nimbus VPS S', exact: true }).waitFor({ timeout: 30_000 });
        expect(await alice.getByRole('link', { name: 'Nimbus VPS S (copy)' }).count()).toBe(0);
    }, 180_000);

    it('the public provider page: profile, status, offerings, trust history', async () => {
        const { context, page } = await newUserPage(browser, errors);
        contexts.push(context);
        await page.goto(`${stack.appUrl}/`);
        await page.getByRole('article').filter({ has: page.getByRole('link', { name: 'Nimbus VPS M' }) }).getByRole('link', { name: /Nimbus/ }).last().click();
        await page.getByRole('heading', { level: 2, name: 'Status' }).waitFor({ timeout: 30_000 });
        await page.getByTestId('provider-status').waitFor({ timeout: 30_000 });
        await page.getByRole('list', { name: 'Offerings of this provider' }).getByRole('link', { name: 'Nimbus VPS M' }).waitFor({ timeout: 30_000 });
        await page.getByRole('heading', { name: 'Trust history' }).waitFor();
        await shot(page, 'money-14-provider-page');
        await page.setViewportSize({ width: 390, height: 844 });
        await shot(page, 'money-15-provider-page-390');
    }, 120_000);

    it('typed errors read as sentences, never as payloads', async () => {
        await alice.goto(`${stack.appUrl}/offerings/9999`);
        const alert = alice.getByRole('alert');
        await alert.waitFor({ timeout: 30_000 });
        expect(await alert.textContent()).toContain('This offering does not exist');
        expect(await alert.textContent()).not.toMatch(/[{}]/);
    }, 60_000);

    it('signing out in one tab signs out every tab', async () => {
        const context = alice.context();
        const second = await context.newPage();
        await second.goto(`${stack.appUrl}/wallet`);
        await second.getByTestId('principal').waitFor({ timeout: 30_000 });
        await alice.getByRole('button', { name: 'Sign out' }).click();
        await second.getByRole('button', { name: 'Sign in', exact: true }).first().waitFor({ timeout: 10_000 });
        expect(await second.getByTestId('principal').count()).toBe(0);
        expect(await second.getByTestId('header-balance').count()).toBe(0);
    }, 60_000);
});
