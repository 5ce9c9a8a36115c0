// `npx tsx scripts/chatwoot-style-hash.ts https://chat.example.com`: the CSP source that admits
// your Chatwoot's widget styles. Chatwoot's SDK injects its CSS as an inline
// <style id="cw-widget-styles"> (sdk/DOMHelpers.js), whose text changes with the Chatwoot version:
// this loads that instance's SDK in headless Chromium, reads the injected text and prints its
// `'sha256-…'`, to put in `style-src` of frontend/public/.ic-assets.json5.
import { createHash } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

export async function chatwootStyleHash(baseUrl: string, executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'): Promise<string> {
    const browser = await chromium.launch({ executablePath, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
    try {
        const page = await browser.newPage();
        const base = baseUrl.replace(/\/$/, '');
        await page.setContent('<!doctype html><title>style hash</title><body></body>');
        await page.addScriptTag({ url: `${base}/packs/js/sdk.js` });
        await page.evaluate((b) => (window as unknown as { chatwootSDK: { run(o: object): void } }).chatwootSDK.run({ websiteToken: 'style-hash', baseUrl: b }), base);
        const css = await page.locator('style#cw-widget-styles').textContent({ timeout: 30_000 });
        return `'sha256-${createHash('sha256').update(css ?? '').digest('base64')}'`;
    } finally {
        await browser.close();
    }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
    const url = process.argv[2];
    if (url === undefined) {
        console.error('usage: npx tsx scripts/chatwoot-style-hash.ts <chatwoot base url>');
        process.exit(2);
    }
    console.log(await chatwootStyleHash(url));
}
