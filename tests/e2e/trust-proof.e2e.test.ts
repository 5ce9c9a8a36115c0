// The trust proof in the real app (`npm start` stack, headless Chromium): an offering page shows
// the provider's summary verified against localnet's root key; when the query answer is tampered
// with on the way (the summary's score changed, certificate and witness kept), the page says it is
// unverified; when an answer recorded earlier is replayed after localnet's clock moved past the
// 5-minute bound (a boundary node serving an old summary), the page says "Stale since …".
import { Cbor } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { advanceTime, chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, startStack, type Stack } from './stack';

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

/** Records certifiedTrustSummary answers as they pass; once `replay.on`, serves the first recorded one again. */
async function recordAndReplay(page: Page, stack: Stack): Promise<{ on: boolean; recorded: () => boolean }> {
    const state = { on: false, body: undefined as Buffer | undefined };
    await page.route(/\/api\/v\d\/canister\/[^/]+\/query$/, async (route) => {
        const req = Cbor.decode<{ content: { method_name: string } }>(new Uint8Array(route.request().postDataBuffer() ?? Buffer.alloc(0)));
        if (req.content.method_name !== 'certifiedTrustSummary') return route.fulfill({ response: await route.fetch({ url: stack.loopback(route.request().url()) }) });
        if (state.on && state.body !== undefined) return route.fulfill({ status: 200, contentType: 'application/cbor', body: state.body });
        const res = await route.fetch({ url: stack.loopback(route.request().url()) });
        state.body ??= Buffer.from(await res.body());
        return route.fulfill({ response: res });
    });
    return {
        get on() {
            return state.on;
        },
        set on(v: boolean) {
            state.on = v;
        },
        recorded: () => state.body !== undefined
    };
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
        await expect.poll(async () => (await proof.textContent()) ?? '', { timeout: 30_000 }).toMatch(/^(✓ Verified|Unverified|Stale since)/);
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

    it('a genuine answer replayed after the clock moved past 5 minutes shows "Stale since …", not Verified', async () => {
        const errors: string[] = [];
        const { context, page } = await newUserPage(browser, errors);
        try {
            // The browser's clock on the IC's time, as on mainnet (localnet's canister clock runs ahead
            // of the wall once the seed advanced it); both move on together below.
            const ic = (await (await fetch(`${stack.localnetUrl}/_/time`)).json()) as { nowMs: number };
            await context.clock.install({ time: ic.nowMs });
            const replay = await recordAndReplay(page, stack);
            expect(await proofOn(page)).toMatch(/^✓ Verified/);
            expect(replay.recorded()).toBe(true);
            await advanceTime(stack.localnetUrl, 6 * 60_000);
            await context.clock.fastForward(6 * 60_000);
            replay.on = true;
            const stale = await proofOn(page);
            await shot(page, 'trust-proof-stale');
            expect(stale).toMatch(/^Stale since .+: the certificate is genuine but older than 5 minutes, so it may predate later events \(score \d+ then\)/);
            // A current answer from the same IC is verified again.
            replay.on = false;
            await page.unrouteAll({ behavior: 'ignoreErrors' });
            expect(await proofOn(page)).toMatch(/^✓ Verified/);
        } finally {
            await context.close();
        }
    }, 240_000);
});
