// The trust proof in the real app (`npm start` stack, headless Chromium): an offering page shows
// the provider's summary verified against localnet's root key; when the query answer is tampered
// with on the way (the summary's score changed, certificate and witness kept), the page says it is
// unverified.
import { Cbor } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, startStack, type Stack } from './stack';

const Answer = IDL.Opt(IDL.Record({ summary: IDL.Text, certificate: IDL.Vec(IDL.Nat8), witness: IDL.Vec(IDL.Nat8) }));

/** Rewrites the score inside certifiedTrustSummary answers (everything else untouched). */
async function tamper(page: Page, stack: Stack): Promise<void> {
    await page.route(/\/api\/v\d\/canister\/[^/]+\/query$/, async (route) => {
        const req = Cbor.decode<{ content: { method_name: string } }>(new Uint8Array(route.request().postDataBuffer() ?? Buffer.alloc(0)));
        // Playwright fetches from Node, which does not resolve <id>.localhost.
        const res = await route.fetch({ url: stack.loopback(route.request().url()) });
        if (req.content.method_name !== 'certifiedTrustSummary') return route.fulfill({ response: res });
        const body = Cbor.decode<{ status: string; reply?: { arg: Uint8Array } }>(new Uint8Array(await res.body()));
        if (body.status !== 'replied' || body.reply === undefined) return route.fulfill({ response: res });
        const [v] = IDL.decode([Answer], body.reply.arg) as [[{ summary: string; certificate: number[] | Uint8Array; witness: number[] | Uint8Array }] | []];
        if (v.length === 0) return route.fulfill({ response: res });
        const forged = { ...v[0], summary: JSON.stringify({ ...JSON.parse(v[0].summary), score: 99 }) };
        const arg = new Uint8Array(IDL.encode([Answer], [[forged]]));
        await route.fulfill({ status: 200, contentType: 'application/cbor', body: Buffer.from(Cbor.encode({ ...body, reply: { arg } })) });
    });
}

describe.skipIf(!chromiumAvailable())('trust proof in the app', () => {
    let stack: Stack;
    let browser: Browser;

    beforeAll(async () => {
        stack = await startStack({ appPort: 8093, localnetPort: 4955, relayPort: 8799, stateRoot: join(ROOT, '.localnet', 'e2e-trust') });
        browser = await launchBrowser();
    }, 420_000);

    afterAll(async () => {
        await browser?.close();
        await stack?.stop();
    }, 60_000);

    async function proofOn(page: Page): Promise<string> {
        await page.goto(`${stack.appUrl}/`);
        await page.getByRole('link', { name: 'Nimbus VPS M' }).click();
        const proof = page.getByTestId('trust-proof');
        await expect.poll(async () => (await proof.textContent()) ?? '', { timeout: 30_000 }).toMatch(/^(✓ Verified|Unverified)/);
        return (await proof.textContent()) ?? '';
    }

    it('verifies the certified summary, and shows a tampered answer as unverified', async () => {
        const errors: string[] = [];
        const { context, page } = await newUserPage(browser, errors);
        try {
            const genuine = await proofOn(page);
            await shot(page, 'trust-proof-verified');
            expect(genuine).toMatch(/^✓ Verified in your browser against the Internet Computer’s root key: score \d+/);
            const score = Number(/score (\d+)/.exec(genuine)![1]);
            expect(await page.getByTestId('trust-profile-score').textContent()).toBe(String(score));
            await tamper(page, stack);
            const forged = await proofOn(page);
            await shot(page, 'trust-proof-tampered');
            expect(forged).toBe('Unverified: the summary does not match its certified hash. Do not rely on these figures.');
        } finally {
            await context.close();
        }
    }, 240_000);
});
