// End to end: an unmodified AuthClient.login in Chromium against the local identity provider
// page (a canister-signature identity, as with II; with and without derivationOrigin), then calls
// with the delegated identity from another origin (CORS). Skipped when /usr/bin/chromium is not
// installed (apt-get install chromium).
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { userKey } from '../../src/identity_provider/keys.js';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { installWhoami } from './whoami_canister.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const here = dirname(fileURLToPath(import.meta.url));

describe.skipIf(!existsSync(CHROMIUM))('AuthClient with the local identity provider (Chromium)', () => {
    let ic: LocalnetServer;
    let app: Server;
    let appUrl = '';
    let canister: Principal;
    let site: Server;
    let siteOrigin = '';
    let alternativeOrigins: string[] = [];

    beforeAll(async () => {
        const keys = deriveDevKeys();
        const localIc = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
        ic = await startLocalnetServer({ ic: localIc, keys, port: 0 });
        canister = installWhoami(localIc, Ed25519KeyIdentity.generate().getPrincipal());
        const esbuild = await import('esbuild');
        const bundle = await esbuild.build({ entryPoints: [join(here, 'browser', 'app.ts')], bundle: true, format: 'esm', platform: 'browser', write: false, logLevel: 'silent' });
        const js = bundle.outputFiles[0]?.text ?? '';
        const html = '<!doctype html><html><body><button id="login">Login</button><pre id="out"></pre><script type="module" src="/app.js"></script></body></html>';
        app = createServer((req, res) => {
            if (req.url?.startsWith('/app.js')) res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(js);
            else res.writeHead(200, { 'Content-Type': 'text/html' }).end(html);
        });
        await new Promise<void>(r => app.listen(0, '127.0.0.1', () => r()));
        appUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}`;
        site = createServer((req, res) => {
            if (req.url === '/.well-known/ii-alternative-origins') res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ alternativeOrigins }));
            else res.writeHead(404).end();
        });
        await new Promise<void>(r => site.listen(0, '127.0.0.1', () => r()));
        siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
        await ic?.close();
        await new Promise(r => app?.close(r));
        await new Promise(r => site?.close(r));
    });

    /** AuthClient.login in the app, alice chosen in the popup; the app's JSON result. */
    async function login(derivationOrigin?: string): Promise<Record<string, unknown>> {
        const { chromium } = await import('playwright-core');
        const browser = await chromium.launch({
            executablePath: CHROMIUM,
            args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']
        });
        try {
            const page = await browser.newPage();
            const consoleLines: string[] = [];
            page.on('console', m => consoleLines.push(`app: ${m.text()}`));
            page.on('popup', p => p.on('console', m => consoleLines.push(`idp: ${m.text()}`)));
            const derivation = derivationOrigin === undefined ? '' : `&derivation=${encodeURIComponent(derivationOrigin)}`;
            await page.goto(`${appUrl}/?ic=${encodeURIComponent(ic.url)}&canister=${canister.toText()}${derivation}`);
            const [popup] = await Promise.all([page.waitForEvent('popup'), page.click('#login')]);
            await popup.waitForSelector('button[data-user="alice"]');
            await popup.waitForFunction(() => document.getElementById('status')?.textContent?.startsWith('Sign in to'));
            await popup.click('button[data-user="alice"]');
            await page.waitForFunction(() => (document.getElementById('out')?.textContent ?? '') !== '', undefined, { timeout: 30_000 });
            const result = JSON.parse((await page.textContent('#out')) ?? '{}') as Record<string, unknown>;
            if (result.error !== undefined && derivationOrigin === undefined) console.log(consoleLines.join('\n'));
            return result;
        } finally {
            await browser.close();
        }
    }

    it('logs in as a test user and calls with the delegation', async () => {
        const expected = userKey('alice', appUrl).principal.toText();
        expect(await login()).toEqual({ principal: expected, who: expected, whoQuery: expected, authenticated: true });
    });

    it("with a derivationOrigin that lists the app: that origin's principal; that does not: refused", async () => {
        alternativeOrigins = [appUrl];
        const expected = userKey('alice', siteOrigin).principal.toText();
        expect(await login(siteOrigin)).toEqual({ principal: expected, who: expected, whoQuery: expected, authenticated: true });
        alternativeOrigins = ['https://someone-else.example'];
        expect(String((await login(siteOrigin)).error)).toMatch(/Invalid derivation origin: .* is not listed/);
    });
});
