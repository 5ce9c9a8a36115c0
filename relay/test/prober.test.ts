import { createServer as createHttp, type Server } from 'node:http';
import { createServer as createTcp } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { probe } from '../src/prober/probe.js';
import { insertSample, rollUpMinutes } from '../src/prober/samples.js';
import { openDatabase } from '../src/outbox/db.js';
import { OutboxStore } from '../src/outbox/store.js';
import { ManualClock } from '../src/util/clock.js';
import { Harness, until } from './support/harness.js';

function listen(server: Server | ReturnType<typeof createTcp>): Promise<number> {
    return new Promise((r) => server.listen(0, '127.0.0.1', () => r((server.address() as { port: number }).port)));
}

describe('probes', () => {
    let http: Server;
    let httpPort: number;
    beforeEach(async () => {
        http = createHttp((req, res) => {
            if (req.url === '/slow') return void setTimeout(() => res.end('late'), 2000);
            res.writeHead(req.url === '/broken' ? 502 : 200).end('ok');
        });
        httpPort = await listen(http);
    });
    afterEach(() => {
        http.closeAllConnections();
        http.close();
    });

    it('HTTP: up below 500, down on 5xx, timeouts and refused connections', async () => {
        expect(await probe(`http://127.0.0.1:${httpPort}/`, 1000)).toMatchObject({ up: true });
        expect(await probe(`http://127.0.0.1:${httpPort}/broken`, 1000)).toMatchObject({ up: false, error: 'HTTP 502' });
        expect((await probe(`http://127.0.0.1:${httpPort}/slow`, 100)).up).toBe(false);
        expect((await probe('http://127.0.0.1:9/', 500)).up).toBe(false);
    });

    it('TCP: up when the port accepts, down when it refuses', async () => {
        const tcp = createTcp((s) => s.end());
        const port = await listen(tcp);
        expect(await probe(`tcp://127.0.0.1:${port}`, 1000)).toMatchObject({ up: true });
        tcp.close();
        expect((await probe('tcp://127.0.0.1:9', 500)).up).toBe(false);
        expect(await probe('ftp://x', 500)).toMatchObject({ up: false, error: 'unsupported scheme ftp:' });
    });
});

describe('per-minute roll-up', () => {
    it('one job per contract, source and closed minute (each source votes apart); the current minute waits', () => {
        const clock = new ManualClock(Date.UTC(2026, 10, 21, 12, 2, 30));
        const store = new OutboxStore(openDatabase(':memory:'), clock);
        const m0 = Date.UTC(2026, 10, 21, 12, 0);
        insertSample(store.db, { contractId: '42', source: 'Probe', at: m0 + 1000, up: true, latencyMs: 10 });
        insertSample(store.db, { contractId: '42', source: 'Probe', at: m0 + 31_000, up: false, latencyMs: null });
        insertSample(store.db, { contractId: '42', source: 'Push', at: m0 + 50_000, up: true, latencyMs: 30 });
        insertSample(store.db, { contractId: '42', source: 'Probe', at: m0 + 150_000, up: true, latencyMs: 5 });
        expect(rollUpMinutes(store, clock.now())).toBe(2);
        const rows = store.rows('canister.uptime_minute').map((r) => JSON.parse(r.payload));
        expect(rows).toEqual([
            { id: `42:${m0}:Probe`, contractId: '42', minuteStart: m0, up: 1, down: 1, avgLatencyMs: 10, source: 'Probe' },
            { id: `42:${m0}:Push`, contractId: '42', minuteStart: m0, up: 1, down: 0, avgLatencyMs: 30, source: 'Push' }
        ]);
        insertSample(store.db, { contractId: '42', source: 'Probe', at: m0 + 5000, up: true, latencyMs: null });
        insertSample(store.db, { contractId: '42', source: 'Push', at: m0 + 5000, up: false, latencyMs: null });
        rollUpMinutes(store, clock.now());
        // A late probe sample goes out apart; a one-sample source keeps its first verdict.
        expect(store.rows('canister.uptime_minute').map((r) => r.dedupe_key)).toEqual([`42:${m0}:Probe`, `42:${m0}:Push`, `42:${m0}:Probe:late:${clock.now()}`]);
    });
});

describe('prober in the relay', () => {
    let h: Harness;
    afterEach(async () => h.stop());

    it('probes every provisioned contract and stores a sample per probe', async () => {
        const server = createHttp((_req, res) => res.end('ok'));
        const port = await listen(server);
        h = new Harness();
        h.gateway.provisioned = [
            { contractId: '42', providerId: 'p', endpoint: `http://127.0.0.1:${port}/health` },
            { contractId: '43', providerId: 'p', endpoint: 'tcp://127.0.0.1:9' }
        ];
        await h.start({ PROBE_ENABLED: 'true', PROBE_INTERVAL_MS: '1000', PROBE_TIMEOUT_MS: '500' });
        const probed = () => (h.relay.core.store.db.prepare('SELECT COUNT(DISTINCT contract_id) AS n FROM uptime_samples').get() as { n: number }).n;
        await until(() => probed() === 2);
        const samples = h.relay.core.store.db.prepare('SELECT contract_id, source, up FROM uptime_samples ORDER BY contract_id LIMIT 2').all();
        expect(samples).toEqual([
            { contract_id: '42', source: 'Probe', up: 1 },
            { contract_id: '43', source: 'Probe', up: 0 }
        ]);
        server.close();
    });
});
