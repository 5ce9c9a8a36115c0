// Frontend figures: initial JavaScript of the marketplace page (gzipped, what the browser loads
// before the offerings render) and its largest contentful paint in headless Chromium against
// localnet. Starts the `npm start` stack on its own ports unless BENCH_APP_URL points at one.
//
//   npx tsx bench/frontend.ts            (RUNS=7 by default)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchBrowser, ROOT, startStack, type Stack } from '../tests/e2e/stack';

const RUNS = Number(process.env.RUNS ?? 7);
const BUDGET_KB = 250;

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
}

async function main(): Promise<void> {
    let stack: Stack | undefined;
    let app = process.env.BENCH_APP_URL;
    if (app === undefined) {
        stack = await startStack({ appPort: 8092, localnetPort: 4954, relayPort: 8798, stateRoot: join(ROOT, '.localnet', 'bench') });
        app = stack.appUrl;
    }
    const browser = await launchBrowser();
    const lcps: number[] = [];
    const fcps: number[] = [];
    let scripts: string[] = [];
    let otherScripts: string[] = [];
    try {
        for (let i = 0; i < RUNS; i++) {
            const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
            const page = await context.newPage();
            const loaded: string[] = [];
            const thirdParty: string[] = [];
            page.on('response', (r) => {
                const u = new URL(r.url());
                if (!u.pathname.endsWith('.js')) return;
                // The app's own bundle counts against the budget; the chat widget's script comes
                // from the Chatwoot host, loads after the app, and is reported apart.
                if (u.origin === new URL(app!).origin) loaded.push(u.pathname);
                else thirdParty.push(r.url());
            });
            await page.addInitScript(() => {
                (window as unknown as { __lcp: number }).__lcp = 0;
                new PerformanceObserver((list) => {
                    for (const e of list.getEntries()) (window as unknown as { __lcp: number }).__lcp = e.startTime;
                }).observe({ type: 'largest-contentful-paint', buffered: true });
            });
            await page.goto(`${app}/`);
            await page.getByRole('list', { name: 'Offerings' }).waitFor({ timeout: 60_000 });
            await page.waitForTimeout(500);
            const { lcp, fcp } = await page.evaluate(() => ({
                lcp: (window as unknown as { __lcp: number }).__lcp,
                fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? 0
            }));
            lcps.push(lcp);
            fcps.push(fcp);
            scripts = loaded;
            otherScripts = thirdParty;
            await context.close();
        }
    } finally {
        await browser.close();
        await stack?.stop();
    }
    const dist = join(ROOT, 'frontend', 'dist');
    const files = [...new Set(scripts)].map((p) => {
        const raw = readFileSync(join(dist, p));
        return { file: p, raw: raw.length, gzip: gzipSync(raw, { level: 9 }).length };
    });
    const gzipKb = files.reduce((s, f) => s + f.gzip, 0) / 1024;
    const result = {
        page: 'marketplace (/) with seeded offerings',
        runs: RUNS,
        lcpMs: { median: Math.round(median(lcps)), min: Math.round(Math.min(...lcps)), max: Math.round(Math.max(...lcps)) },
        fcpMs: { median: Math.round(median(fcps)) },
        initialJs: { files: files.length, gzipKb: Math.round(gzipKb * 10) / 10, rawKb: Math.round(files.reduce((s, f) => s + f.raw, 0) / 102.4) / 10, budgetKb: BUDGET_KB, withinBudget: gzipKb <= BUDGET_KB },
        scripts: files.sort((a, b) => b.gzip - a.gzip).map((f) => `${f.file} ${(f.gzip / 1024).toFixed(1)} KB gz`),
        otherOrigins: [...new Set(otherScripts)]
    };
    console.log(JSON.stringify(result, null, 2));
    if (!result.initialJs.withinBudget) process.exitCode = 1;
}

void main();
