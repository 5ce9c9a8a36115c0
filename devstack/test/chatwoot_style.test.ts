// The Chatwoot stand-in's SDK injects its styles inline as Chatwoot's does, and the hash the
// operator's script reads from a running SDK is the one the local CSP admits.
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalChatwoot, SDK_STYLE_HASH } from '../src/chatwoot/server';
import { chatwootStyleHash } from '../../scripts/chatwoot-style-hash';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe.skipIf(!existsSync(CHROMIUM))('chat widget styles', () => {
    let chatwoot: LocalChatwoot;
    let url: string;
    beforeAll(async () => {
        chatwoot = new LocalChatwoot({});
        url = await chatwoot.start();
    });
    afterAll(async () => chatwoot?.stop());

    /** Violations and the launcher's computed position on a page whose CSP has `styleSrc`. */
    async function loadWidget(styleSrc: string): Promise<{ violations: string[]; position: string }> {
        const page = `<!doctype html><title>t</title><body><script src="${url}/packs/js/sdk.js"></script><script src="/boot.js"></script></body>`;
        const boot = `window.chatwootSDK.run({ websiteToken: 't', baseUrl: ${JSON.stringify(url)} });`;
        const csp = `default-src 'none'; script-src 'self' ${url}; style-src ${styleSrc}; style-src-attr 'unsafe-inline'; connect-src ${url}`;
        const server: Server = createServer((req, res) => {
            const js = req.url === '/boot.js';
            res.writeHead(200, { 'content-type': js ? 'text/javascript' : 'text/html', 'content-security-policy': csp }).end(js ? boot : page);
        });
        await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
        const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
        try {
            const p = await browser.newPage();
            await p.addInitScript(() => {
                const seen: string[] = [];
                (window as unknown as { seen: string[] }).seen = seen;
                document.addEventListener('securitypolicyviolation', (e) => seen.push(e.effectiveDirective));
            });
            await p.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
            const launcher = p.locator('.local-chatwoot-launcher');
            await launcher.waitFor({ state: 'attached' });
            await p.waitForTimeout(200);
            return { violations: await p.evaluate(() => (window as unknown as { seen: string[] }).seen), position: await launcher.evaluate((e) => getComputedStyle(e).position) };
        } finally {
            await browser.close();
            server.close();
        }
    }

    it("is blocked by style-src 'self' (as the real widget is) and admitted by its hash alone", async () => {
        expect(await loadWidget("'self'")).toEqual({ violations: ['style-src-elem'], position: 'static' });
        expect(await loadWidget(`'self' ${SDK_STYLE_HASH}`)).toEqual({ violations: [], position: 'fixed' });
    }, 60_000);

    it('the SDK injects <style id="cw-widget-styles"> whose sha256 is the CSP source start uses', async () => {
        expect(SDK_STYLE_HASH).toMatch(/^'sha256-[A-Za-z0-9+/]{43}='$/);
        expect(await chatwootStyleHash(url, CHROMIUM)).toBe(SDK_STYLE_HASH);
    }, 60_000);
});
