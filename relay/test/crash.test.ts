import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { signChatwoot } from '../src/verify/index.js';
import { FakeCanisterServer } from './support/fake_canister.js';
import { SECRETS, testEnv, until } from './support/harness.js';
import { messageCreated } from './support/payloads.js';

const ROOT = join(import.meta.dirname, '..', '..');

class ChildRelay {
    proc: ChildProcess | null = null;
    port = 0;

    constructor(private readonly env: Record<string, string>) {}

    async start(): Promise<void> {
        const proc = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'relay/test/support/child_main.ts')], {
            cwd: ROOT,
            env: { ...process.env, ...this.env, RELAY_LOG_LEVEL: 'info' },
            stdio: ['ignore', 'pipe', 'pipe']
        });
        this.proc = proc;
        let out = '';
        let err = '';
        proc.stderr?.on('data', (c: Buffer) => (err += c.toString()));
        this.port = await new Promise<number>((resolve, reject) => {
            proc.stdout?.on('data', (c: Buffer) => {
                out += c.toString();
                const m = /"msg":"relay started"[^\n]*"port":(\d+)/.exec(out);
                if (m) resolve(Number(m[1]));
            });
            proc.once('exit', (code) => reject(new Error(`relay exited ${code}: ${err.slice(0, 2000)}`)));
        });
    }

    kill9(): Promise<void> {
        const proc = this.proc;
        if (!proc || proc.exitCode !== null) return Promise.resolve();
        return new Promise((r) => {
            proc.once('exit', () => r());
            proc.kill('SIGKILL');
        });
    }
}

function webhook(port: number, i: number): Promise<number> {
    const body = JSON.stringify(messageCreated({ id: i, createdAt: new Date(Date.UTC(2026, 10, 21, 12, 0, i)).toISOString() }));
    const ts = Math.floor(Date.now() / 1000);
    return fetch(`http://127.0.0.1:${port}/webhooks/chatwoot`, {
        method: 'POST',
        body,
        headers: { 'content-type': 'application/json', 'x-chatwoot-signature': signChatwoot(SECRETS.chatwoot, ts, body), 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-delivery': `delivery-${i}` }
    }).then(
        (r) => r.status,
        () => 0
    );
}

/** Sends deliveries [from, to) like Chatwoot does: concurrently, remembering which were acknowledged. */
async function sendAll(port: number, ids: number[], concurrency = 16): Promise<Map<number, number>> {
    const status = new Map<number, number>();
    const queue = [...ids];
    await Promise.all(
        Array.from({ length: concurrency }, async () => {
            for (let i = queue.shift(); i !== undefined; i = queue.shift()) status.set(i, await webhook(port, i));
        })
    );
    return status;
}

describe('crash safety (child relay process, SIGKILL)', () => {
    let dir: string;
    let canister: FakeCanisterServer;
    let child: ChildRelay;

    beforeEach(async () => {
        dir = mkdtempSync(join(tmpdir(), 'relay-crash-'));
        canister = new FakeCanisterServer();
        const url = await canister.start();
        child = new ChildRelay({ ...testEnv(dir, {}, { RELAY_BATCH_SIZE: '50', RELAY_LINGER_MS: '50' }), FAKE_CANISTER_URL: url });
    });
    afterEach(async () => {
        await child.kill9();
        await canister.stop();
        rmSync(dir, { recursive: true, force: true });
    });

    it('killed mid-batch while ingesting: every acknowledged event arrives once after restart', async () => {
        await child.start();
        const N = 400;
        let killed = false;
        let release: () => void = () => undefined;
        const held = new Promise<void>((r) => (release = r));
        // The first batch reaches the canister and is applied, but the relay dies before the reply.
        canister.onCall = async () => {
            if (killed) return;
            killed = true;
            await child.kill9();
            release();
        };
        const sending = sendAll(child.port, [...Array(N).keys()]);
        await held;
        const first = await sending;
        const acked = [...first].filter(([, s]) => s === 200).map(([i]) => i);
        const refused = [...first].filter(([, s]) => s !== 200).map(([i]) => i);
        expect(acked.length).toBeGreaterThan(0);
        expect(canister.calls).toHaveLength(1);

        canister.onCall = async () => undefined;
        await child.start();
        // Chatwoot retries what was not acknowledged, and (at least once) delivers some twice.
        const second = await sendAll(child.port, [...refused, ...acked.slice(0, 20)]);
        expect([...second.values()].every((s) => s === 200)).toBe(true);

        await until(() => canister.ids('conversation').length === N, 30_000, 'all events applied');
        expect(new Set(canister.ids('conversation'))).toEqual(new Set([...Array(N).keys()].map((i) => `cw:1:msg:${i}`)));
        // The first batch was re-sent after the restart: the canister saw it twice, applied it once.
        const sent = canister.calls.flatMap((c) => c.ids);
        expect(sent.length).toBeGreaterThan(N);
        expect(canister.calls.slice(1).every((c) => c.ids.length <= 50)).toBe(true);
    });

    it('canister down, relay killed, canister up, relay restarted: nothing lost', async () => {
        canister.down = true;
        await child.start();
        const N = 120;
        const first = await sendAll(child.port, [...Array(N).keys()]);
        expect([...first.values()].every((s) => s === 200)).toBe(true);
        await new Promise((r) => setTimeout(r, 300)); // the forwarder tries and fails meanwhile
        await child.kill9();
        canister.down = false;
        await child.start();
        await until(() => canister.ids('conversation').length === N, 30_000, 'all events applied');
        const perCall = canister.calls.map((c) => c.ids.length);
        expect(Math.max(...perCall)).toBe(50);
    });
});
