// Starts the `npm start` stack (scripts/start.ts) on its own ports and state directory for a test
// run, and a headless Debian Chromium driven by playwright-core.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const ROOT = resolve(new URL('../..', import.meta.url).pathname);
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'tests', 'e2e', 'screenshots');

export interface Stack {
    /** `http://<frontend-id>.localhost:<port>`: browsers resolve it, Node does not (use `nodeUrl`). */
    appUrl: string;
    /** The same app resource for Node's fetch: `?canisterId=` on localnet's own host. */
    nodeUrl(path: string): string;
    /** A URL on the app's host with the host replaced by 127.0.0.1 (localnet answers `/api` on any host). */
    loopback(url: string): string;
    localnetUrl: string;
    output: () => string;
    stop(): Promise<number | null>;
}

const LOCK = join(ROOT, '.localnet', 'e2e-stack.lock');

/**
 * One stack at a time on this machine: each start rebuilds the shared `frontend/dist` and
 * `.azle/`, so two e2e files starting stacks in parallel would serve each other half-built files.
 * A lock left by a dead process is taken over.
 */
async function acquireStackLock(timeoutMs: number): Promise<() => void> {
    const deadline = Date.now() + timeoutMs;
    mkdirSync(join(ROOT, '.localnet'), { recursive: true });
    for (;;) {
        try {
            writeFileSync(LOCK, String(process.pid), { flag: 'wx' });
            return () => rmSync(LOCK, { force: true });
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
        }
        const holder = Number(readFileSync(LOCK, 'utf8'));
        if (!alive(holder)) rmSync(LOCK, { force: true });
        else if (Date.now() > deadline) throw new Error(`another e2e stack (pid ${holder}) held ${LOCK} for too long`);
        else await new Promise((r) => setTimeout(r, 500));
    }
}

function alive(pid: number): boolean {
    if (!Number.isInteger(pid) || pid <= 0) return false;
    try {
        process.kill(pid, 0);
        return true;
    } catch {
        return false;
    }
}

export async function startStack(o: { appPort: number; localnetPort: number; relayPort: number; stateRoot: string; fresh?: boolean; timeoutMs?: number }): Promise<Stack> {
    const release = await acquireStackLock(600_000);
    try {
        return await launchStack(o, release);
    } catch (e) {
        release();
        throw e;
    }
}

async function launchStack(o: { appPort: number; localnetPort: number; relayPort: number; stateRoot: string; fresh?: boolean; timeoutMs?: number }, release: () => void): Promise<Stack> {
    if (o.fresh !== false) rmSync(o.stateRoot, { recursive: true, force: true });
    mkdirSync(o.stateRoot, { recursive: true });
    let out = '';
    const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
        cwd: ROOT,
        env: {
            ...process.env,
            START_PORT: String(o.appPort),
            LOCALNET_PORT: String(o.localnetPort),
            RELAY_PORT: String(o.relayPort),
            LOCALNET_STATE_DIR: join(o.stateRoot, 'state')
        },
        stdio: ['ignore', 'pipe', 'pipe']
    });
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    const deadline = Date.now() + (o.timeoutMs ?? 300_000);
    while (!/TrustCloud is running/.test(out)) {
        if (child.exitCode !== null || Date.now() > deadline) {
            child.kill('SIGKILL');
            throw new Error(`npm start did not come up:\n${out.slice(-4000)}`);
        }
        await new Promise((r) => setTimeout(r, 250));
    }
    // The app is served by the asset canister through localnet's HTTP gateway (<id>.localhost).
    const appUrl = /TrustCloud is running:\s+(\S+)/.exec(out)![1]!.replace(/\/$/, '');
    const frontendId = new URL(appUrl).hostname.split('.')[0]!;
    return {
        appUrl,
        loopback: (url) => url.replace(/^http:\/\/[^/]+\.localhost:/, 'http://127.0.0.1:'),
        nodeUrl: (path) => `http://127.0.0.1:${o.localnetPort}${path}${path.includes('?') ? '&' : '?'}canisterId=${frontendId}`,
        localnetUrl: `http://127.0.0.1:${o.localnetPort}`,
        output: () => out,
        stop: async () => {
            if (child.exitCode === null) child.kill('SIGINT');
            const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
            const code = await exited;
            clearTimeout(t);
            release();
            return code;
        }
    };
}

export function chromiumAvailable(): boolean {
    return existsSync(CHROMIUM);
}

export async function launchBrowser(): Promise<Browser> {
    return chromium.launch({
        executablePath: CHROMIUM,
        args: [
            '--headless',
            '--no-sandbox',
            '--disable-gpu',
            '--disable-quic',
            '--no-first-run',
            '--disable-background-networking',
            '--disable-component-update',
            '--disable-sync'
        ]
    });
}

/** Signs in through the local identity provider popup, as a person would. */
export async function signIn(page: Page, user: string): Promise<string> {
    const [popup] = await Promise.all([page.waitForEvent('popup'), page.getByRole('button', { name: 'Sign in', exact: true }).first().click()]);
    await popup.waitForLoadState();
    const existing = popup.locator(`[data-user="${user}"]`);
    if ((await existing.count()) > 0) await existing.click();
    else {
        await popup.fill('#name', user);
        await popup.click('#create-button');
    }
    const principal = page.getByTestId('principal');
    await principal.waitFor({ timeout: 30_000 });
    return (await principal.getAttribute('title')) ?? '';
}

export async function newUserPage(browser: Browser, errors: string[]): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
        if (m.type() === 'error') errors.push(`console: ${m.text()}`);
    });
    page.on('response', (r) => {
        if (r.status() >= 400) {
            const body = r.request().postDataBuffer();
            if (body && process.env.E2E_DUMP_DIR) writeFileSync(join(process.env.E2E_DUMP_DIR, `req-${Date.now()}-${Math.random().toString(36).slice(2, 6)}.cbor`), body);
            void r.text().then((t) => errors.push(`HTTP ${r.status()} ${r.url()}: ${t.slice(0, 300)}`), () => undefined);
        }
    });
    return { context, page };
}

export async function shot(page: Page, name: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export async function advanceTime(localnetUrl: string, ms: number): Promise<void> {
    const r = await fetch(`${localnetUrl}/_/time/advance`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ ms }) });
    if (!r.ok) throw new Error(`advance time: ${r.status} ${await r.text()}`);
}
