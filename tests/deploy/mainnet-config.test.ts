// A mainnet configuration that starts: the config a simulated mainnet deploy renders
// (scripts/deploy/app-config.ts — what icp-cli's sync step and the dfx recipe write as
// /config.json) passes the app's own config check, names Internet Identity at https://id.ai, and
// with a custom domain keeps principals on the canister's origin and publishes the alternative
// origins II asks for; then the built app, served with that config.json, starts in Chromium.
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { configFor, readRules } from '../../canisters/assets/sync/ic_assets';
import { parseEnv } from '../../frontend/src/config/env';
import { ALTERNATIVE_ORIGINS_PATH, INTERNET_IDENTITY_URL, MAINNET_ICP_LEDGER, alternativeOrigins, renderAppConfig } from '../../scripts/deploy/app-config';
import { chromiumAvailable, launchBrowser } from '../e2e/stack';

// The app's config module reads Vite's `import.meta.env` (typed by vite/client in the frontend's project).
declare global {
    interface ImportMeta {
        readonly env: Record<string, string | boolean | undefined>;
    }
}

const root = resolve(new URL('../..', import.meta.url).pathname);
const dist = join(root, 'frontend/dist');
/** What `icp deploy -e ic` (or dfx's canister_ids.json) would know after a mainnet deploy. */
const mainnet = { marketplace: 'fpmeb-ciaaa-aaaah-qdbba-cai', frontend: 'fvnhv-pqaaa-aaaah-qdbbq-cai' };

describe('the mainnet configuration', () => {
    it('passes the app config check: network ic, Internet Identity at id.ai, the ICP ledger by default', () => {
        const env = parseEnv(renderAppConfig({ network: 'ic', canisterIds: mainnet }));
        expect(env).toMatchObject({ network: 'ic', icHost: '', marketplaceCanisterId: mainnet.marketplace, ledgerCanisterId: MAINNET_ICP_LEDGER, identityProviderUrl: INTERNET_IDENTITY_URL });
        expect(env.derivationOrigin).toBeUndefined();
        // The app's own default is id.ai too (a build without config.json).
        expect(parseEnv({ marketplaceCanisterId: mainnet.marketplace, ledgerCanisterId: MAINNET_ICP_LEDGER }).identityProviderUrl).toBe('https://id.ai');
    });

    it('with a custom domain: derivation origin on the canister, alternative origins listing the domain, served with CORS for II', () => {
        const config = renderAppConfig({ network: 'ic', canisterIds: mainnet, customDomain: 'https://app.trustcloud.example' });
        expect(parseEnv(config).derivationOrigin).toBe(`https://${mainnet.frontend}.icp0.io`);
        expect(alternativeOrigins('https://app.trustcloud.example/')).toEqual({ alternativeOrigins: ['https://app.trustcloud.example'] });
        const rules = readRules(join(root, 'frontend/public/.ic-assets.json5'));
        const served = configFor(rules, ALTERNATIVE_ORIGINS_PATH);
        expect(served.ignore).toBe(false);
        expect(Object.fromEntries(served.headers)).toMatchObject({ 'Access-Control-Allow-Origin': 'https://id.ai', 'Content-Type': 'application/json' });
    });

    it('refuses to render without a marketplace id (a deploy that did not record it)', () => {
        expect(() => renderAppConfig({ network: 'ic', canisterIds: { frontend: mainnet.frontend } })).toThrow(/marketplace/);
    });
});

const built = existsSync(join(dist, 'index.html'));
describe.skipIf(!built || !chromiumAvailable())('the built app with the rendered mainnet config.json', () => {
    let server: Server;
    let url: string;
    let config: Record<string, unknown> = renderAppConfig({ network: 'ic', canisterIds: mainnet });
    const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml' };

    beforeAll(async () => {
        // The asset canister's behaviour that matters here: files, /config.json, SPA fallback.
        server = createServer((req, res) => {
            const path = new URL(req.url ?? '/', 'http://app').pathname;
            if (path === '/config.json') {
                res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(config));
                return;
            }
            const file = join(dist, path);
            const found = path !== '/' && existsSync(file) && file.startsWith(dist);
            res.writeHead(200, { 'content-type': TYPES[extname(found ? file : 'index.html')] ?? 'application/octet-stream' });
            res.end(readFileSync(found ? file : join(dist, 'index.html')));
        });
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    });
    afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

    async function open(): Promise<{ text: string; requests: string[] }> {
        const browser = await launchBrowser();
        try {
            const page = await browser.newPage();
            const requests: string[] = [];
            // Offline: mainnet is out of reach; the app must still start.
            await page.route('**/*', (route) => {
                const u = route.request().url();
                if (u.startsWith(url)) return route.continue();
                requests.push(new URL(u).origin);
                return route.abort();
            });
            await page.goto(url);
            await page.waitForSelector('header, [role="alert"]', { timeout: 20_000 });
            return { text: await page.locator('body').innerText(), requests };
        } finally {
            await browser.close();
        }
    }

    it('starts: the app shell renders, and it talks to the IC boundary nodes, not localhost', async () => {
        const { text, requests } = await open();
        expect(text).not.toMatch(/The app is not configured/);
        expect(text).toContain('TrustCloud');
        expect(requests.every((o) => !o.includes('127.0.0.1') && !o.includes('localhost'))).toBe(true);
    }, 60_000);

    it('and a config without the marketplace id stops at the configuration error', async () => {
        config = { network: 'ic' };
        const { text } = await open();
        expect(text).toMatch(/The app is not configured/);
        expect(text).toMatch(/marketplaceCanisterId/);
    }, 60_000);
});
