// Certified trust summaries, end to end: the compiled canister certifies them (localnet signs the
// data certificate with its dev root key, as the IC signs with its own), and the web app's
// verifier — bundled as the app bundles it — runs in Chromium: the real answer is verified; a
// tampered summary, witness or root key is not.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deriveDevKeys } from '../../../../../localnet/src/crypto/root_key.js';
import { LocalCertifier } from '../../../../../localnet/src/crypto/certificate.js';
import { provider, provisioned, stranger, world, type World } from '../../canister/fixture';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const ROOT = resolve(import.meta.dirname, '../../../../..');
const VERIFIER = resolve(ROOT, 'frontend/src/features/trust/api/verify-summary.ts');
const hasChromium = existsSync(CHROMIUM);
if (!hasChromium) console.warn(`certified.browser.test: no Chromium at ${CHROMIUM}; the browser half is skipped`);

interface Answer {
    summary: string;
    certificate: number[];
    witness: number[];
}

describe('certified trust summary, verified in the browser', () => {
    let w: World;
    let browser: Browser | undefined;
    let bundle = '';
    const keys = deriveDevKeys();
    let answer: Answer;
    let certifiedAtMs = 0;
    let server: Server;
    let pageUrl = '';

    beforeAll(async () => {
        w = await world();
        w.pic.ic.setCertifier(new LocalCertifier(keys));
        await provisioned(w, 720);
        const r = (await w.as(stranger).certifiedTrustSummary(provider))[0];
        answer = { summary: r.summary, certificate: [...r.certificate], witness: [...r.witness] };
        certifiedAtMs = Number(w.nowNs() / 1_000_000n);
        const out = await build({
            stdin: { contents: `export { verifyCertifiedSummary } from ${JSON.stringify(VERIFIER)}; export { Principal } from '@dfinity/principal';`, resolveDir: ROOT, loader: 'ts' },
            bundle: true,
            write: false,
            format: 'iife',
            globalName: 'TrustVerify',
            platform: 'browser',
            target: 'es2022',
            logLevel: 'silent'
        });
        bundle = out.outputFiles[0]!.text;
        // Served from 127.0.0.1 like the app (a secure context: WebCrypto is available).
        server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'text/html' }).end(`<main><p id="proof">checking…</p></main><script>${bundle}</script>`));
        await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
        pageUrl = `http://127.0.0.1:${(server.address() as { port: number }).port}/`;
        if (hasChromium) browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
    }, 120_000);
    afterAll(async () => {
        await browser?.close();
        server?.close();
    });

    /** Runs the verifier in a page and returns what the page shows. */
    async function inBrowser(a: Answer, rootKey: Uint8Array, ageMs = 0): Promise<string> {
        const page = await browser!.newPage();
        try {
            await page.goto(pageUrl);
            return await page.evaluate(
                async ({ a, rootKey, canisterId, provider, nowMs }) => {
                    const { verifyCertifiedSummary, Principal } = (globalThis as any).TrustVerify;
                    const v = await verifyCertifiedSummary(
                        { summary: a.summary, certificate: Uint8Array.from(a.certificate), witness: Uint8Array.from(a.witness) },
                        { rootKey: Uint8Array.from(rootKey), canisterId: Principal.fromText(canisterId), provider: Principal.fromText(provider), nowMs }
                    );
                    const el = document.getElementById('proof')!;
                    el.textContent = v.verified ? `${v.fresh ? 'verified' : 'stale'}: score ${v.summary.score}` : `unverified: ${v.reason}`;
                    return el.textContent;
                },
                { a, rootKey: [...rootKey], canisterId: w.marketId.toText(), provider: provider.toText(), nowMs: certifiedAtMs + ageMs }
            );
        } finally {
            await page.close();
        }
    }

    it('the canister answers with the summary, a certificate and a witness', async () => {
        const prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(JSON.parse(answer.summary)).toMatchObject({ provider: provider.toText(), score: prof.score, rank: prof.rank, payers: 1 });
        expect(answer.certificate.length).toBeGreaterThan(100);
        expect(answer.witness.length).toBeGreaterThan(40);
        // A provider with no certified summary yet has none to give.
        expect(await w.as(stranger).certifiedTrustSummary(stranger)).toEqual([]);
    });

    it.skipIf(!hasChromium)('verifies against the root key in Chromium, and shows a tampered answer as unverified', async () => {
        const genuine = await inBrowser(answer, keys.rootKeyDer);
        expect(genuine).toBe(`verified: score ${JSON.parse(answer.summary).score}`);
        const forged = JSON.stringify({ ...JSON.parse(answer.summary), score: 99 });
        expect(await inBrowser({ ...answer, summary: forged }, keys.rootKeyDer)).toBe('unverified: the summary does not match its certified hash');
        const witness = [...answer.witness];
        witness[witness.length - 1] = witness.at(-1)! ^ 0xff;
        expect(await inBrowser({ ...answer, witness }, keys.rootKeyDer)).toBe('unverified: the witness does not match the certified data');
        const otherKey = deriveDevKeys('another-seed').rootKeyDer;
        expect(await inBrowser(answer, otherKey)).toMatch(/^unverified: certificate not signed by the IC root key/);
        console.log(`attack figure | tampered summary (score 99) in the browser: {"shown":"as the canister's"} → {"shown":"unverified"}`);
    }, 120_000);

    it.skipIf(!hasChromium)('a genuine answer older than 5 minutes is stale; one dated ahead of the clock is current', async () => {
        const score = JSON.parse(answer.summary).score;
        expect(await inBrowser(answer, keys.rootKeyDer, 5 * 60_000)).toBe(`verified: score ${score}`);
        expect(await inBrowser(answer, keys.rootKeyDer, 5 * 60_000 + 1_000)).toBe(`stale: score ${score}`);
        expect(await inBrowser(answer, keys.rootKeyDer, -60 * 60_000)).toBe(`verified: score ${score}`);
    }, 120_000);
});
