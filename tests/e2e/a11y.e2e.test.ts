// Accessibility of the web app in headless Chromium: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) on
// the main pages of the `npm start` stack, signed out and signed in as the seeded tenant (alice) and
// provider (bob), on a desktop and a narrow (390 px) viewport; plus one keyboard-only journey.
// Runs on its own ports and state directory; startStack runs one stack at a time (shared build output).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AxeResults, ImpactValue } from 'axe-core';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { chromiumAvailable, launchBrowser, ROOT, shot, signIn, startStack, type Stack } from './stack';

const STATE_ROOT = join(ROOT, '.localnet', 'e2e-a11y');
const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
/** The rules the assertion is about: WCAG 2.0, 2.1 and 2.2, levels A and AA. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
/** Also run (reported in the summary, not asserted): axe's best practices (landmarks, heading order). */
const REPORTED_TAGS = [...WCAG_TAGS, 'best-practice'];
const FAILING: ImpactValue[] = ['serious', 'critical'];

interface Violation {
    id: string;
    impact: ImpactValue | undefined;
    help: string;
    helpUrl: string;
    tags: string[];
    nodes: { target: string; summary: string }[];
}

interface PageReport {
    page: string;
    violations: Violation[];
    /** What axe could not decide by itself (needs a person's review); recorded, not asserted. */
    incomplete: Violation[];
}

const reports: PageReport[] = [];

function describeViolations(vs: Violation[]): string {
    return vs
        .map((v) => `- ${v.id} [${v.impact}] ${v.help} (${v.helpUrl})\n${v.nodes.map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`).join('\n')}`)
        .join('\n');
}

/** Injects axe-core into the current document (once per document) and runs it on the whole page. */
async function runAxe(page: Page): Promise<{ violations: Violation[]; incomplete: Violation[] }> {
    if (!(await page.evaluate(() => 'axe' in window))) await page.addScriptTag({ content: AXE_SOURCE });
    return page.evaluate(async (tags) => {
        const axe = (window as unknown as { axe: { run(ctx: Document, o: object): Promise<AxeResults> } }).axe;
        const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations', 'incomplete'] });
        const plain = (vs: AxeResults['violations']) =>
            vs.map((v) => ({
                id: v.id,
                impact: v.impact ?? undefined,
                help: v.help,
                helpUrl: v.helpUrl,
                tags: v.tags,
                nodes: v.nodes.map((n) => ({ target: n.target.map(String).join(' >> '), summary: n.failureSummary ?? '' }))
            }));
        return { violations: plain(r.violations), incomplete: plain(r.incomplete) };
    }, REPORTED_TAGS);
}

/** Waits until the page has settled: no loading spinner, no busy main region. */
async function settled(page: Page): Promise<void> {
    await page.waitForFunction(() => document.querySelector('.query-loading, .page-spinner, main[aria-busy="true"]') === null, undefined, { timeout: 30_000 });
}

/**
 * Audits the page as it is now; fails on WCAG A/AA violations of impact serious or critical. Also
 * checks the document title names the page (WCAG 2.4.2; axe only checks that there is one).
 */
async function audit(page: Page, name: string, title: string | RegExp): Promise<void> {
    await settled(page);
    await expect.poll(() => page.title(), { message: `${name}: document title` }).toMatch(title);
    const { violations, incomplete } = await runAxe(page);
    reports.push({ page: name, violations, incomplete });
    const failing = violations.filter((v) => v.impact !== undefined && FAILING.includes(v.impact) && v.tags.some((t) => WCAG_TAGS.includes(t)));
    if (failing.length > 0) await shot(page, `a11y-failure-${name.replace(/[^a-z0-9]+/gi, '-')}`).catch(() => undefined);
    expect(failing.length, `${name}: ${failing.length} serious/critical WCAG violation(s):\n${describeViolations(failing)}`).toBe(0);
}

/**
 * The focused element's outline colour against the colour just outside it (what is painted behind
 * the ring), as a WCAG contrast ratio; null when nothing is focused. Runs in the page.
 */
function focusRingContrast(): { element: string; contrast: number; outline: string; background: string } | null {
    const el = document.activeElement as HTMLElement | null;
    if (el === null || el === document.body) return null;
    const parse = (c: string): number[] => (c.match(/[\d.]+/g) ?? ['0', '0', '0', '0']).map(Number).concat(c.startsWith('rgba') ? [] : [1]).slice(0, 4);
    const lum = ([r, g, b]: number[]) => {
        const ch = (v: number) => {
            const s = v / 255;
            return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
        };
        return 0.2126 * ch(r!) + 0.7152 * ch(g!) + 0.0722 * ch(b!);
    };
    const cs = getComputedStyle(el);
    const name = `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 30) || el.getAttribute('aria-label') || ''}"`;
    if (cs.outlineStyle === 'none' || parseFloat(cs.outlineWidth) === 0) return { element: name, contrast: 1, outline: 'none', background: '' };
    // A point in the ring's gap, left of the element (or right, at the left edge of the screen).
    const r = el.getBoundingClientRect();
    const out = parseFloat(cs.outlineOffset) + parseFloat(cs.outlineWidth) / 2;
    const x = r.left - out >= 0 ? r.left - out : r.right + out;
    const y = Math.min(Math.max(r.top + r.height / 2, 0), window.innerHeight - 1);
    const behind = document.elementsFromPoint(x, y).find((e) => e !== el && !el.contains(e));
    // Composite the backgrounds from that element up to the first opaque one (white below all).
    const layers: number[][] = [];
    for (let e: Element | null = behind ?? null; e !== null; e = e.parentElement) {
        const c = parse(getComputedStyle(e).backgroundColor);
        if (c[3]! > 0) layers.push(c);
        if (c[3]! >= 1) break;
    }
    let bg = [255, 255, 255];
    for (const c of layers.reverse()) bg = bg.map((v, i) => c[i]! * c[3]! + v * (1 - c[3]!));
    const ring = parse(cs.outlineColor);
    const [a, b] = [lum(ring), lum(bg)];
    return { element: name, contrast: (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05), outline: cs.outlineColor, background: `rgb(${bg.map(Math.round).join(', ')})` };
}

describe.skipIf(!chromiumAvailable())('accessibility (axe-core, WCAG 2 A/AA)', () => {
    let stack: Stack;
    let browser: Browser;
    const contexts: BrowserContext[] = [];
    const errors: string[] = [];

    async function newPage(options: BrowserContextOptions = {}): Promise<Page> {
        // The app's Content-Security-Policy (script-src 'self', as in production) blocks the inline
        // <script> that page.addScriptTag injects axe-core with, so these contexts bypass the CSP.
        // This is only for this test; the app uses no inline scripts or styles that the CSP would
        // block, so what axe sees is what users see.
        const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, bypassCSP: true, ...options });
        contexts.push(context);
        const page = await context.newPage();
        page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
        return page;
    }

    /** The marketplace with the seeded offerings listed. */
    async function marketplace(page: Page): Promise<void> {
        await page.goto(`${stack.appUrl}/`);
        await page.getByRole('link', { name: 'Nimbus VPS M' }).waitFor({ timeout: 30_000 });
        await page.getByTestId('trust-score').first().waitFor({ timeout: 30_000 });
    }

    let alice: Page;

    beforeAll(async () => {
        stack = await startStack({ appPort: 8095, localnetPort: 4957, relayPort: 8799, stateRoot: STATE_ROOT });
        browser = await launchBrowser();
    }, 420_000);

    afterAll(async () => {
        for (const c of contexts) await c.close().catch(() => undefined);
        await browser?.close();
        await stack?.stop();
        // Every violation found (any impact, including best practices), per page, for the record.
        const rows = (pick: (r: PageReport) => Violation[]) => reports.flatMap((r) => pick(r).map((v) => `  ${r.page}\t${v.id}\t${v.impact}\t${v.nodes.length}`)).join('\n') || '  (none)';
        console.log(`axe-core violations (page, rule, impact, nodes):\n${rows((r) => r.violations)}\nneeds review (axe could not decide):\n${rows((r) => r.incomplete)}`);
        writeFileSync(join(STATE_ROOT, 'axe-report.json'), JSON.stringify(reports, null, 2));
        if (errors.length > 0) console.log(`browser errors:\n${errors.join('\n')}`);
    }, 60_000);

    it('marketplace, signed out', async () => {
        const page = await newPage();
        await marketplace(page);
        await audit(page, 'marketplace (signed out)', 'Rent a server · TrustCloud');
    });

    it('marketplace, signed in', async () => {
        alice = await newPage();
        await marketplace(alice);
        await signIn(alice, 'alice');
        await audit(alice, 'marketplace (signed in)', 'Rent a server · TrustCloud');
    });

    it('offering page', async () => {
        await alice.getByRole('link', { name: 'Nimbus VPS M' }).click();
        await alice.getByRole('heading', { level: 1, name: 'Nimbus VPS M' }).waitFor();
        await alice.getByText('Provider trust profile').waitFor();
        await alice.getByTestId('trust-profile-score').waitFor({ timeout: 30_000 });
        await alice.getByRole('button', { name: 'Rent this server' }).waitFor();
        await audit(alice, 'offering', 'Nimbus VPS M · TrustCloud');
    });

    it('checkout dialog open', async () => {
        await alice.getByRole('button', { name: 'Rent this server' }).click();
        const dialog = alice.getByRole('dialog');
        await dialog.waitFor();
        await expect.poll(() => dialog.getByTestId('checkout-price').textContent()).toContain('TCY');
        await audit(alice, 'checkout dialog', 'Nimbus VPS M · TrustCloud');
        await dialog.getByRole('button', { name: 'Continue' }).click();
        await dialog.getByRole('button', { name: /^Pay / }).waitFor();
        await audit(alice, 'checkout dialog (review)', 'Nimbus VPS M · TrustCloud');
        await dialog.getByRole('button', { name: 'Close' }).click();
        await dialog.waitFor({ state: 'hidden' });
    });

    it('my contracts', async () => {
        await alice.getByRole('link', { name: 'My contracts' }).click();
        await alice.getByRole('table').waitFor({ timeout: 30_000 });
        await audit(alice, 'my contracts', 'My contracts · TrustCloud');
    });

    it('contract page, and its cancel dialog', async () => {
        await alice.getByRole('row').filter({ hasText: 'Nimbus VPS S' }).getByRole('link').first().click();
        await alice.getByRole('heading', { level: 1, name: /^Contract #\d+$/ }).waitFor();
        await alice.getByTestId('escrow-paid').waitFor({ timeout: 30_000 });
        await audit(alice, 'contract', /^Contract #\d+ · TrustCloud$/);
        await alice.getByRole('button', { name: 'Cancel contract' }).click();
        const dialog = alice.getByRole('dialog');
        await expect.poll(() => dialog.getByTestId('refund-preview').textContent(), { timeout: 30_000 }).toMatch(/TCY/);
        await audit(alice, 'cancel contract dialog', /^Contract #\d+ · TrustCloud$/);
        await dialog.getByRole('button', { name: 'Keep the contract' }).click();
        await dialog.waitFor({ state: 'hidden' });
    });

    it('provider console, wide and narrow', async () => {
        const bob = await newPage();
        await bob.goto(`${stack.appUrl}/provider`);
        await signIn(bob, 'bob');
        await bob.getByRole('form', { name: 'Provider profile' }).waitFor({ timeout: 30_000 });
        await bob.getByTestId('withdrawable').waitFor({ timeout: 30_000 });
        await bob.getByRole('heading', { name: /^Incoming requests \(\d+\)$/ }).waitFor();
        await audit(bob, 'provider console', 'Provider console · TrustCloud');
        await bob.getByRole('row').filter({ has: bob.getByRole('link', { name: 'Nimbus VPS S', exact: true }) }).getByRole('button', { name: 'Edit' }).click();
        await bob.getByRole('form', { name: 'Edit offering' }).waitFor();
        await audit(bob, 'provider console (editing an offering)', 'Provider console · TrustCloud');
        // Its tables are wider than a phone: they scroll, and the keyboard must be able to scroll them.
        await bob.setViewportSize({ width: 390, height: 844 });
        await audit(bob, 'provider console (390 px)', 'Provider console · TrustCloud');
    });

    it('wallet page and a receipt, wide and narrow', async () => {
        await alice.getByRole('link', { name: 'Wallet', exact: true }).click();
        await alice.getByTestId('wallet-ledger-balance').first().waitFor({ timeout: 30_000 });
        await alice.getByRole('table', { name: 'Wallet movements' }).waitFor({ timeout: 30_000 });
        await audit(alice, 'wallet', 'Wallet · TrustCloud');
        await alice.getByRole('link', { name: 'Payment receipt' }).first().click();
        await alice.getByRole('heading', { level: 1, name: 'Payment receipt' }).waitFor({ timeout: 30_000 });
        await audit(alice, 'receipt', 'Receipt · TrustCloud');
        await alice.setViewportSize({ width: 390, height: 844 });
        await alice.getByRole('link', { name: 'Back to the wallet' }).click();
        await alice.getByRole('table', { name: 'Wallet movements' }).waitFor({ timeout: 30_000 });
        await audit(alice, 'wallet (390 px)', 'Wallet · TrustCloud');
        await alice.setViewportSize({ width: 1280, height: 900 });
    });

    it('notifications panel open', async () => {
        await alice.getByTestId('notifications-button').click();
        await alice.getByRole('region', { name: 'Notifications' }).waitFor();
        await audit(alice, 'notifications', 'Wallet · TrustCloud');
        await alice.keyboard.press('Escape');
    });

    it('public provider page, wide and narrow', async () => {
        const page = await newPage();
        await marketplace(page);
        await page.getByRole('article').filter({ has: page.getByRole('link', { name: 'Nimbus VPS M' }) }).getByRole('link').last().click();
        await page.getByTestId('provider-status').waitFor({ timeout: 30_000 });
        await page.getByRole('list', { name: 'Offerings of this provider' }).waitFor({ timeout: 30_000 });
        await audit(page, 'provider page', /· TrustCloud$/);
        await page.setViewportSize({ width: 390, height: 844 });
        await audit(page, 'provider page (390 px)', /· TrustCloud$/);
    });

    it('narrow (390 px) marketplace', async () => {
        const page = await newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
        await marketplace(page);
        await audit(page, 'marketplace (390 px)', 'Rent a server · TrustCloud');
    });

    it('keyboard only: reach an offering, open the rent dialog, close it with Escape', async () => {
        const page = await newPage();
        await marketplace(page);
        await signIn(page, 'alice');
        // Start again from a fresh load of the marketplace (still signed in), with the keyboard only.
        await marketplace(page);
        await page.getByTestId('principal').waitFor();
        const focused = () =>
            page.evaluate(() => ({
                tag: document.activeElement?.tagName ?? '',
                text: (document.activeElement?.textContent ?? '').trim().slice(0, 80),
                inDialog: document.activeElement?.closest('dialog') !== null
            }));
        const weakRings: string[] = [];
        const tabTo = async (tag: string, text: string, max = 60, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<void> => {
            for (let i = 0; i < max; i++) {
                await page.keyboard.press(key);
                const ring = await page.evaluate(focusRingContrast);
                if (ring !== null && ring.contrast < 3) weakRings.push(`${ring.element}: ${ring.contrast.toFixed(2)}:1 (${ring.outline} on ${ring.background})`);
                const f = await focused();
                if (f.tag === tag && f.text === text) return;
            }
            throw new Error(`${tag} "${text}" not reached with ${max} ${key} presses (focus on ${JSON.stringify(await focused())})`);
        };
        // The first Tab reaches the skip link, then the header's links and button, then the page.
        await tabTo('A', 'Skip to content', 1);
        // (brand, four links, the wallet balance, notifications, sign out)
        await tabTo('INPUT', '', 10);
        // Back to the skip link: it takes focus past the header into the page.
        await tabTo('A', 'Skip to content', 10, 'Shift+Tab');
        await page.keyboard.press('Enter');
        await tabTo('INPUT', '', 1);
        expect(await page.evaluate(() => document.activeElement?.closest('main') !== null), 'after the skip link, Tab lands in <main>').toBe(true);
        await tabTo('A', 'Nimbus VPS M');
        // Answers from the IC take a few hundred milliseconds on mainnet, not a few on localnet: the
        // offering page renders its heading only after its query has answered.
        await page.route('**/api/**', async (route) => {
            await new Promise((r) => setTimeout(r, 400));
            await route.continue();
        });
        await page.keyboard.press('Enter');
        await page.getByRole('heading', { level: 1, name: 'Nimbus VPS M' }).waitFor();
        // After a client-side navigation, focus moves to the new page's heading.
        await expect.poll(focused, { message: 'focus on the page heading' }).toMatchObject({ tag: 'H1', text: 'Nimbus VPS M' });
        await page.unrouteAll({ behavior: 'wait' });
        await page.getByRole('button', { name: 'Rent this server' }).waitFor({ timeout: 30_000 });
        await tabTo('BUTTON', 'Rent this server');
        await page.keyboard.press('Enter');
        const dialog = page.getByRole('dialog', { name: 'Rent Nimbus VPS M' });
        await dialog.waitFor();
        expect((await focused()).inDialog, 'focus moves into the dialog').toBe(true);
        await page.keyboard.press('Escape');
        // Gone from the page, not only hidden: a closing dialog still in the DOM may take the next key.
        await dialog.waitFor({ state: 'detached' });
        await expect.poll(focused, { message: 'focus back on the button that opened the dialog' }).toMatchObject({ tag: 'BUTTON', text: 'Rent this server', inDialog: false });
        // The dialog opens again (its state followed the close). A background refetch may re-render
        // the button between the two keys and drop its focus: then it is focused again and retried.
        await page.keyboard.press('Enter');
        const reopened = await dialog.waitFor({ timeout: 5_000 }).then(() => true, () => false);
        if (!reopened) {
            await page.getByRole('button', { name: 'Rent this server' }).focus();
            await page.keyboard.press('Enter');
            await dialog.waitFor();
        }
        await page.keyboard.press('Escape');
        await dialog.waitFor({ state: 'hidden' });
        await expect.poll(focused).toMatchObject({ tag: 'BUTTON', text: 'Rent this server' });
        // Every focus indicator passed on the way is visible: 3:1 against what is around it (WCAG 1.4.11).
        expect(weakRings, `focus rings under 3:1:\n${weakRings.join('\n')}`).toEqual([]);
    });
});
