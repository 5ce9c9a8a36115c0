// The app as production serves it — from the asset canister, through the HTTP gateway, with the
// .ic-assets.json5 headers — opening the chat widget, whose SDK injects an inline
// <style id="cw-widget-styles"> as Chatwoot's does: the CSP admits that style by its hash and
// nothing reports a violation.
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumAvailable, launchBrowser, newUserPage, ROOT, shot, signIn, startStack, type Stack } from './stack';

describe.skipIf(!chromiumAvailable())('CSP of the app served by the asset canister', () => {
    let stack: Stack;
    let browser: Browser;

    beforeAll(async () => {
        stack = await startStack({ appPort: 8097, localnetPort: 4959, relayPort: 8803, stateRoot: join(ROOT, '.localnet', 'e2e-csp') });
        browser = await launchBrowser();
    }, 420_000);

    afterAll(async () => {
        await browser?.close();
        await stack?.stop();
    }, 60_000);

    it('opens the chat widget with its injected style sheet and no CSP violation', async () => {
        const errors: string[] = [];
        const { context, page } = await newUserPage(browser, errors);
        try {
            await page.addInitScript(() => {
                const seen: string[] = [];
                (window as unknown as { cspViolations: string[] }).cspViolations = seen;
                document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI} ${e.sample}`));
            });
            const response = await page.goto(`${stack.appUrl}/`);
            expect(new URL(page.url()).hostname).toMatch(/^[a-z0-9-]+\.localhost$/);
            const csp = (await response!.allHeaders())['content-security-policy'] ?? '';
            expect(csp).toMatch(/style-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
            expect(csp).not.toMatch(/'unsafe-inline'[^;]*;\s*style-src-attr|style-src [^;]*'unsafe-inline'/);
            await signIn(page, 'alice');
            await page.goto(`${stack.appUrl}/contracts`);
            await page.getByRole('button', { name: /^Chat/ }).first().click();
            const styles = page.locator('style#cw-widget-styles');
            await styles.waitFor({ state: 'attached', timeout: 30_000 });
            const launcher = page.locator('.local-chatwoot-launcher');
            await launcher.waitFor({ state: 'attached' });
            // The sheet applied (a blocked <style> leaves the launcher unstyled).
            expect(await launcher.evaluate((e) => [getComputedStyle(e).position, getComputedStyle(e).backgroundColor])).toEqual(['fixed', 'rgb(31, 95, 168)']);
            await shot(page, '00-csp-chat-widget');
            expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
            expect(errors.filter((e) => /Content Security Policy|Refused to/.test(e))).toEqual([]);
        } catch (e) {
            throw new Error(`${(e as Error).message}\nbrowser errors:\n${errors.join('\n')}\nstack:\n${stack.output().slice(-3000)}`);
        } finally {
            await context.close();
        }
    }, 240_000);
});
