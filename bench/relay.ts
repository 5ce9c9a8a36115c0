// Figures for the relay: sustained ingest of signed Chatwoot webhooks with durable writes
// (acknowledgements/s and p50/p99 latency), then events per canister call while forwarding.
// The relay runs as its own process (production wiring, fake canister over loopback HTTP).
// `npx tsx bench/relay.ts`; BENCH_SECONDS (10), BENCH_CONCURRENCY (32), BENCH_SYNC (full|normal),
// BENCH_RATE (requests/s for an open-loop run timed from each request's scheduled start; 0 = closed loop).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Agent, request } from 'node:http';
import { signChatwoot } from '../relay/src/verify/index.js';
import { FakeCanisterServer } from '../relay/test/support/fake_canister.js';
import { SECRETS, testEnv } from '../relay/test/support/harness.js';
import { messageCreated } from '../relay/test/support/payloads.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const SYNC = process.env.BENCH_SYNC === 'normal' ? 'normal' : 'full';
/** Open loop: send at this many requests per second and time each from its scheduled start. */
const RATE = Number(process.env.BENCH_RATE ?? 0);
const ROOT = join(import.meta.dirname, '..');

async function startRelay(env: Record<string, string>): Promise<{ port: number; stop: () => void }> {
    const proc = spawn(process.execPath, [...(process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : []), '--import', 'tsx', join(ROOT, 'relay/test/support/child_main.ts')], {
        cwd: ROOT,
        env: { ...process.env, ...env, RELAY_LOG_LEVEL: 'info' },
        stdio: ['ignore', 'pipe', 'inherit']
    });
    let out = '';
    const port = await new Promise<number>((resolve, reject) => {
        proc.stdout.on('data', (c: Buffer) => {
            out += c.toString();
            const m = /"msg":"relay started"[^\n]*"port":(\d+)/.exec(out);
            if (m) resolve(Number(m[1]));
        });
        proc.once('exit', (code) => reject(new Error(`relay exited ${code}`)));
    });
    return { port, stop: () => proc.kill(process.env.BENCH_PROFILE ? 'SIGINT' : 'SIGKILL') };
}

function percentile(sorted: number[], p: number): number {
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

async function main(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
    const canister = new FakeCanisterServer();
    const canisterUrl = await canister.start();
    const relay = await startRelay({ ...testEnv(dir, {}, { RELAY_DB_SYNC: SYNC, RELAY_POLL_MS: '200', RELAY_LINGER_MS: '200', RELAY_BATCH_SIZE: '100' }), FAKE_CANISTER_URL: canisterUrl });
    const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
    const post = (body: string, headers: Record<string, string>): Promise<number> =>
        new Promise((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port: relay.port, path: '/webhooks/chatwoot', method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end(body);
        });
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const deadline = performance.now() + SECONDS * 1000;

    const started = performance.now();
    const worker = async (): Promise<void> => {
        while (performance.now() < deadline) {
            const i = next++;
            const scheduled = RATE > 0 ? started + (i * 1000) / RATE : performance.now();
            if (RATE > 0 && scheduled > performance.now()) await new Promise((r) => setTimeout(r, scheduled - performance.now()));
            const body = JSON.stringify(messageCreated({ id: i, conversationId: 1 + (i % 50), contractId: String(1 + (i % 50)) }));
            const ts = Math.floor(Date.now() / 1000);
            const headers = { 'content-type': 'application/json', 'x-chatwoot-signature': signChatwoot(SECRETS.chatwoot, ts, body), 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-delivery': `bench-${i}` };
            const status = await post(body, headers);
            latencies.push(performance.now() - scheduled);
            if (status !== 200) failures++;
        }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const elapsed = (performance.now() - started) / 1000;

    const drainStart = performance.now();
    while (canister.ids('conversation').length < latencies.length - failures && performance.now() - drainStart < 120_000) await new Promise((r) => setTimeout(r, 100));
    const drained = (performance.now() - drainStart) / 1000;
    const calls = canister.calls.filter((c) => c.method === 'conversation');
    const events = calls.reduce((n, c) => n + c.ids.length, 0);

    latencies.sort((a, b) => a - b);
    const result = {
        sync: SYNC,
        mode: RATE > 0 ? `open loop at ${RATE}/s` : `closed loop, ${CONCURRENCY} connections`,
        seconds: Number(elapsed.toFixed(1)),
        acknowledged: latencies.length - failures,
        failures,
        ackPerSecond: Math.round(latencies.length / elapsed),
        ackP50ms: Number(percentile(latencies, 50).toFixed(2)),
        ackP99ms: Number(percentile(latencies, 99).toFixed(2)),
        ackMaxMs: Number((latencies.at(-1) ?? 0).toFixed(2)),
        forwarded: canister.ids('conversation').length,
        canisterCalls: calls.length,
        eventsPerCall: Number((events / Math.max(1, calls.length)).toFixed(1)),
        drainAfterIngestSeconds: Number(drained.toFixed(1))
    };
    console.log(JSON.stringify(result, null, 2));
    relay.stop();
    agent.destroy();
    await canister.stop();
    rmSync(dir, { recursive: true, force: true });
}

await main();
