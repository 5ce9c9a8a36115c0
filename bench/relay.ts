// Figures for the relay: sustained ingest of signed Chatwoot webhooks with durable writes
// (acknowledgements per second, p50/p99 acknowledgement time) and events per canister call while
// forwarding. The relay runs as its own process with the production wiring and a fake canister
// over loopback HTTP. Two runs: closed loop (N connections sending back to back: the sustained
// rate) and open loop at a fixed rate (each request timed from its scheduled start, so stalls
// are not hidden). `npx tsx bench/relay.ts`
// Env: BENCH_SECONDS (10), BENCH_WARMUP_SECONDS (2), BENCH_CONCURRENCY (32), BENCH_RATE (1000),
//      BENCH_SYNC (normal|full), BENCH_PROFILE=<dir> (CPU profile of the relay process).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { signChatwoot } from '../relay/src/verify/index.js';
import { FakeCanisterServer } from '../relay/test/support/fake_canister.js';
import { SECRETS, testEnv } from '../relay/test/support/harness.js';
import { messageCreated } from '../relay/test/support/payloads.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const WARMUP = Number(process.env.BENCH_WARMUP_SECONDS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 32);
const RATE = Number(process.env.BENCH_RATE ?? 1000);
const SYNC = process.env.BENCH_SYNC === 'full' ? 'full' : 'normal';
const ROOT = join(import.meta.dirname, '..');

interface RelayProcess {
    port: number;
    stop(): void;
}

async function startRelay(env: Record<string, string>): Promise<RelayProcess> {
    const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.BENCH_PROFILE] : [];
    const proc = spawn(process.execPath, [...profile, '--import', 'tsx', join(ROOT, 'relay/test/support/child_main.ts')], {
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
    return { port, stop: () => proc.kill(profile.length > 0 ? 'SIGINT' : 'SIGKILL') };
}

function client(port: number, connections: number) {
    const agent = new Agent({ keepAlive: true, maxSockets: connections });
    const send = (i: number): Promise<number> => {
        const body = JSON.stringify(messageCreated({ id: i, conversationId: 1 + (i % 50), contractId: String(1 + (i % 50)) }));
        const ts = Math.floor(Date.now() / 1000);
        const headers = {
            'content-type': 'application/json',
            'content-length': String(Buffer.byteLength(body)),
            'x-chatwoot-signature': signChatwoot(SECRETS.chatwoot, ts, body),
            'x-chatwoot-timestamp': String(ts),
            'x-chatwoot-delivery': `bench-${i}`
        };
        return new Promise((resolve, reject) => {
            const req = request({ host: '127.0.0.1', port, path: '/webhooks/chatwoot', method: 'POST', agent, headers }, (res) => {
                res.resume();
                res.on('end', () => resolve(res.statusCode ?? 0));
            });
            req.on('error', reject);
            req.end(body);
        });
    };
    return { send, close: () => agent.destroy() };
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
const round = (n: number, d = 2): number => Number(n.toFixed(d));

/** Sends for WARMUP + SECONDS; `rate` 0 = closed loop. Returns timings of the measured part. */
async function load(relay: RelayProcess, firstId: number, rate: number, connections: number) {
    const c = client(relay.port, connections);
    const latencies: number[] = [];
    let next = 0;
    let failures = 0;
    const started = performance.now();
    const deadline = started + (WARMUP + SECONDS) * 1000;
    const worker = async (): Promise<void> => {
        while (performance.now() < deadline) {
            const i = next++;
            const scheduled = rate > 0 ? started + (i * 1000) / rate : performance.now();
            if (scheduled > performance.now()) await new Promise((r) => setTimeout(r, scheduled - performance.now()));
            const status = await c.send(firstId + i);
            if (status !== 200) failures++;
            if (scheduled - started >= WARMUP * 1000) latencies.push(performance.now() - scheduled);
        }
    };
    await Promise.all(Array.from({ length: connections }, worker));
    c.close();
    latencies.sort((a, b) => a - b);
    return { sent: next, failures, latencies, seconds: (performance.now() - started) / 1000 - WARMUP };
}

/** p99 of the relay's own request histogram (time inside the relay), as a bucket bound. */
async function serverP99(port: number): Promise<string> {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    const buckets = [...text.matchAll(/relay_http_request_duration_seconds_bucket\{route="\/webhooks\/chatwoot",le="([^"]+)"\} (\d+)/g)].map((m) => [m[1] ?? '', Number(m[2])] as const);
    const total = buckets.at(-1)?.[1] ?? 0;
    const hit = buckets.find(([, n]) => n >= total * 0.99);
    const lag = /^relay_event_loop_lag_max_seconds (\S+)$/m.exec(text)?.[1];
    return `${hit ? `≤ ${Number(hit[0]) * 1000} ms` : 'n/a'}; longest event-loop stall ${lag ? Math.round(Number(lag) * 1000) : '?'} ms`;
}

async function main(): Promise<void> {
    const dir = mkdtempSync(join(tmpdir(), 'relay-bench-'));
    const canister = new FakeCanisterServer();
    const env = testEnv(dir, {}, { RELAY_DB_SYNC: SYNC, RELAY_POLL_MS: '200', RELAY_LINGER_MS: '200', RELAY_BATCH_SIZE: '100' });
    const relay = await startRelay({ ...env, FAKE_CANISTER_URL: await canister.start() });
    const results = [];
    let firstId = 0;
    for (const [mode, rate, connections] of [['closed loop', 0, CONCURRENCY], ['open loop', RATE, Math.max(64, CONCURRENCY)]] as const) {
        const r = await load(relay, firstId, rate, connections);
        firstId += r.sent;
        const measured = r.latencies.length;
        results.push({
            mode: rate > 0 ? `${mode} at ${rate}/s` : `${mode}, ${connections} connections`,
            acknowledgedPerSecond: Math.round(measured / r.seconds),
            ackP50ms: round(percentile(r.latencies, 50)),
            ackP99ms: round(percentile(r.latencies, 99)),
            ackMaxMs: round(r.latencies.at(-1) ?? NaN),
            failures: r.failures
        });
    }
    const drainStart = performance.now();
    while (canister.ids('conversation').length < firstId && performance.now() - drainStart < 120_000) await new Promise((r) => setTimeout(r, 100));
    const calls = canister.calls.filter((c) => c.method === 'conversation');
    const events = calls.reduce((n, c) => n + c.ids.length, 0);
    const summary = {
        sync: SYNC,
        loadAverage1m: round(loadavg()[0] ?? 0),
        runs: results,
        relayP99InsideProcess: await serverP99(relay.port),
        accepted: firstId,
        forwardedToCanister: canister.ids('conversation').length,
        canisterCalls: calls.length,
        eventsPerCanisterCall: round(events / Math.max(1, calls.length), 1),
        drainAfterLoadSeconds: round((performance.now() - drainStart) / 1000, 1)
    };
    console.log(JSON.stringify(summary, null, 2));
    relay.stop();
    await canister.stop();
    rmSync(dir, { recursive: true, force: true });
}

await main();
