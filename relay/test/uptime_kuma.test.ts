// Uptime Kuma and push heartbeats as upstream sends them (webhook.js, api-router.js push route):
// notifications are transitions with resends, bodies come in four forms, pushes follow Kuma's
// status semantics, and a flood of pings is one vote per minute.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/outbox/db.js';
import { OutboxStore } from '../src/outbox/store.js';
import { applyKumaNotification } from '../src/prober/kuma_state.js';
import { rollUpMinutes } from '../src/prober/samples.js';
import { ManualClock } from '../src/util/clock.js';
import { kumaPushToken } from '../src/webhooks/uptime.js';
import { Harness, SECRETS } from './support/harness.js';

const T = Date.UTC(2026, 10, 21, 12, 0);
const MIN = 60_000;

/** Kuma's monitor.toJSON() and heartbeat bean, trimmed to what a notification carries. */
const monitorJSON = (over: Record<string, unknown> = {}) => ({ id: 7, name: 'web', type: 'http', url: 'https://10.0.0.7/', interval: 60, retryInterval: 60, resendInterval: 5, tags: [{ tag_id: 1, monitor_id: 7, name: 'contract', value: '42', color: '#000' }], ...over });
const heartbeatJSON = (status: number, at: number) => ({ monitorID: 7, status, time: new Date(at).toISOString().replace('T', ' ').replace('Z', ''), msg: status === 1 ? 'OK' : 'timeout', ping: status === 1 ? 21 : null, important: true, duration: 60, retries: 0, timezone: 'UTC', timezoneOffset: '+00:00', localDateTime: '' });

function minutesOf(store: OutboxStore): [number, number, number, string][] {
    return store
        .rows('canister.uptime_minute')
        .map((r) => JSON.parse(r.payload))
        .map((m) => [(m.minuteStart - T) / MIN, m.up, m.down, m.source] as [number, number, number, string])
        .sort((a, b) => a[0] - b[0]);
}

describe('Kuma notifications are state transitions', () => {
    it('a three-hour outage seen only by Kuma is 180 down minutes, not one', () => {
        const clock = new ManualClock(T);
        const store = new OutboxStore(openDatabase(':memory:'), clock);
        applyKumaNotification(store.db, { contractId: '42', monitorId: 7, status: 'down', at: T + 10_000, resendMs: 0, latencyMs: null });
        clock.set(T + 90 * MIN);
        rollUpMinutes(store, clock.now());
        applyKumaNotification(store.db, { contractId: '42', monitorId: 7, status: 'up', at: T + 180 * MIN + 5_000, resendMs: 0, latencyMs: 20 });
        clock.set(T + 182 * MIN);
        rollUpMinutes(store, clock.now());
        const m = minutesOf(store);
        const down = m.filter(([, , d]) => d === 1);
        console.log(`attack figure | Kuma-only 3 h outage: {"downMinutes":1} → {"downMinutes":${down.length}}`);
        expect(down.length).toBe(180);
        expect(down[0]![0]).toBe(0);
        expect(down[179]![0]).toBe(179);
        expect(m.at(-1)).toEqual([180, 1, 0, 'uptime_kuma']);
    });

    it('honours the resend interval: resends keep the outage vouched for; when they stop, down minutes stop', () => {
        const clock = new ManualClock(T);
        const store = new OutboxStore(openDatabase(':memory:'), clock);
        const resendMs = 5 * MIN; // resendInterval 5 beats × interval 60 s
        applyKumaNotification(store.db, { contractId: '42', monitorId: 7, status: 'down', at: T, resendMs, latencyMs: null });
        applyKumaNotification(store.db, { contractId: '42', monitorId: 7, status: 'down', at: T + 5 * MIN, resendMs, latencyMs: null });
        clock.set(T + 60 * MIN);
        rollUpMinutes(store, clock.now());
        // Last resend at 5 min: vouched until 5 + 1.5 × 5 = 12.5 min, so minutes 0–12 are down.
        expect(minutesOf(store).map(([m]) => m)).toEqual(Array.from({ length: 13 }, (_, i) => i));
    });

    it('several Kuma monitors of one contract are one vote per minute', () => {
        const clock = new ManualClock(T);
        const store = new OutboxStore(openDatabase(':memory:'), clock);
        applyKumaNotification(store.db, { contractId: '42', monitorId: 7, status: 'down', at: T, resendMs: 0, latencyMs: null });
        applyKumaNotification(store.db, { contractId: '42', monitorId: 8, status: 'down', at: T, resendMs: 0, latencyMs: null });
        clock.set(T + 3 * MIN);
        rollUpMinutes(store, clock.now());
        expect(minutesOf(store)).toEqual([
            [0, 0, 1, 'uptime_kuma'],
            [1, 0, 1, 'uptime_kuma']
        ]);
    });
});

describe('Kuma bodies and push URLs over HTTP', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start();
    });
    afterEach(async () => h.stop());
    const secret = { 'x-relay-secret': SECRETS.kuma };
    const samples = () => h.relay.core.store.db.prepare("SELECT contract_id, source, up FROM uptime_samples WHERE source = 'uptime_kuma' ORDER BY at").all();

    it('JSON, multipart form-data and Kuma\'s Test button (heartbeat null)', async () => {
        const json = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: heartbeatJSON(1, T), monitor: monitorJSON(), msg: '[web] [✅ Up] OK' }), secret);
        const boundary = '--------------------------kuma';
        const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ heartbeat: heartbeatJSON(1, T + MIN), monitor: monitorJSON(), msg: 'up' })}\r\n--${boundary}--\r\n`;
        const form = await h.post('/webhooks/uptime-kuma', multipart, { ...secret, 'content-type': `multipart/form-data; boundary=${boundary}` });
        const test = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: null, monitor: null, msg: 'Uptime Kuma Webhook Test' }), secret);
        expect([json.status, form.status, test.status]).toEqual([200, 200, 200]);
        expect(await test.json()).toEqual({ status: 'ignored' });
        expect(samples()).toEqual([
            { contract_id: '42', source: 'uptime_kuma', up: 1 },
            { contract_id: '42', source: 'uptime_kuma', up: 1 }
        ]);
    });

    it('a custom body template: axios posts the rendered text as form-urlencoded (JSON text or key=value fields)', async () => {
        const customJson = `{"status": "{{heartbeatJSON.status}}", "time": "2026-11-21 12:00:00.000", "monitorID": "7", "contract": "42", "msg": "down"}`.replace('{{heartbeatJSON.status}}', '0');
        const a = await h.post('/webhooks/uptime-kuma', customJson, { ...secret, 'content-type': 'application/x-www-form-urlencoded' });
        const fields = new URLSearchParams({ status: 'up', time: '2026-11-21 12:04:00.000', monitorID: '7', contract: '42', ping: '30' }).toString();
        const b = await h.post('/webhooks/uptime-kuma', fields, { ...secret, 'content-type': 'application/x-www-form-urlencoded' });
        const junk = await h.post('/webhooks/uptime-kuma', 'hello=world', { ...secret, 'content-type': 'application/x-www-form-urlencoded' });
        expect([a.status, b.status, junk.status]).toEqual([200, 200, 400]);
        // Down at 12:00 until up at 12:04: four down minutes, then the up sample.
        const rows = samples() as { up: number }[];
        expect(rows.map((r) => r.up)).toEqual([0, 0, 0, 0, 1]);
    });

    it('the GET method of newer versions: heartbeat and monitor as JSON query parameters', async () => {
        const q = new URLSearchParams({ msg: 'down', heartbeat: JSON.stringify(heartbeatJSON(0, T)), monitor: JSON.stringify(monitorJSON()) });
        const r = await fetch(`${h.url}/webhooks/uptime-kuma?${q}`, { headers: secret });
        const noSecret = await fetch(`${h.url}/webhooks/uptime-kuma?${q}`);
        expect([r.status, noSecret.status]).toEqual([200, 401]);
        expect(h.relay.core.store.db.prepare("SELECT state FROM kuma_states WHERE contract_id = '42'").all()).toEqual([{ state: 'down' }]);
    });

    it("push in Kuma's URL form: status 'up' is up, anything else down; one counted per minute; unknown tokens refused", async () => {
        const token = kumaPushToken(SECRETS.push, '42');
        const first = await fetch(`${h.url}/api/push/${token}?status=up&msg=OK&ping=`);
        expect(first.status).toBe(200);
        expect(await first.json()).toEqual({ ok: true });
        // Five more pings in the same minute: refused as such, not counted.
        const flood = await Promise.all(Array.from({ length: 5 }, () => fetch(`${h.url}/api/push/${token}?status=up`)));
        expect(flood.map((r) => r.status)).toEqual([429, 429, 429, 429, 429]);
        const forged = await fetch(`${h.url}/api/push/43-${token.split('-')[1]}?status=up`);
        const unknown = await fetch(`${h.url}/api/push/not-a-token`);
        expect([forged.status, unknown.status]).toEqual([401, 404]);
        const rows = h.relay.core.store.db.prepare("SELECT up FROM uptime_samples WHERE source = 'push'").all();
        console.log(`attack figure | 6 pushed "up" pings in one minute: {"samples":6} → {"samples":${rows.length}}`);
        expect(rows).toEqual([{ up: 1 }]);
        // Kuma counts any status but "up" as down (e.g. "DOWN", "pending").
        h.relay.core.store.db.prepare('DELETE FROM uptime_samples').run();
        expect((await fetch(`${h.url}/api/push/${token}?status=pending&ping=12.5`)).status).toBe(200);
        expect(h.relay.core.store.db.prepare("SELECT up, latency_ms FROM uptime_samples WHERE source = 'push'").all()).toEqual([{ up: 0, latency_ms: 13 }]);
        expect((await fetch(`${h.url}/api/push/${token}?ping=-1`)).status).toBe(400);
    });
});
