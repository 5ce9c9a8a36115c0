// Uptime Kuma and push heartbeats as upstream sends them (monitor.js notification rules, webhook.js
// bodies, notification-provider.js templates, api-router.js push route), driven by a local Kuma
// monitor that notifies by upstream's rules (support/kuma.ts): notifications are transitions by
// their own time, a DOWN counts only while Kuma would still be repeating it, maintenance and pause
// stop the count, and a flood of pings is one vote per minute.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/outbox/db.js';
import { OutboxStore } from '../src/outbox/store.js';
import { rollUpMinutes } from '../src/prober/samples.js';
import { applyTransition } from '../src/prober/transitions.js';
import { ManualClock, minuteStart } from '../src/util/clock.js';
import { kumaPushToken } from '../src/webhooks/uptime.js';
import { Harness, SECRETS } from './support/harness.js';
import { DOWN, KumaMonitor, MAINTENANCE, UP } from './support/kuma.js';

const MIN = 60_000;
/** Notification times a few hours back, so that the relay's own roll-ups (real clock) can run at any moment. */
const T = minuteStart(Date.now()) - 300 * MIN;
const secret = { 'x-relay-secret': SECRETS.kuma };

describe('the local Kuma monitor follows upstream notification rules', () => {
    it('first beat only when DOWN; never DOWN→MAINTENANCE, MAINTENANCE→UP or pause; resends every N down beats', () => {
        const statuses = (k: KumaMonitor, seq: (number | 'paused')[]) => k.notifications(k.beats(T, T + seq.length * MIN, (t) => seq[(t - T) / MIN]!)).map((n: any) => [(Date.parse(`${n.heartbeat.time.replace(' ', 'T')}Z`) - T) / MIN, n.heartbeat.status]);
        expect(statuses(new KumaMonitor(), [UP, UP, DOWN, DOWN, MAINTENANCE, MAINTENANCE, UP, DOWN, UP])).toEqual([[2, DOWN], [7, DOWN], [8, UP]]);
        expect(statuses(new KumaMonitor({ resendInterval: 2 }), [DOWN, DOWN, DOWN, DOWN, DOWN, 'paused', 'paused', UP])).toEqual([[0, DOWN], [2, DOWN], [4, DOWN], [7, UP]]);
        expect(statuses(new KumaMonitor(), [MAINTENANCE, DOWN, 'paused', UP])).toEqual([[1, DOWN], [3, UP]]);
    });
});

describe('Kuma notifications are state transitions, by their own time', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start();
    });
    afterEach(async () => h.stop());

    const send = async (bodies: unknown[]): Promise<string[]> => {
        const out: string[] = [];
        for (const b of bodies) {
            const r = await h.post('/webhooks/uptime-kuma', JSON.stringify(b), secret);
            expect(r.status).toBe(200);
            out.push(((await r.json()) as { status: string }).status);
        }
        return out;
    };
    /** Rolls closed minutes up and returns Kuma's reported minutes as [minute after T, up, down]. */
    const minutes = async (): Promise<[number, number, number][]> => {
        await h.relay.prober.round();
        return h.relay.core.store
            .rows('canister.uptime_minute')
            .map((r) => JSON.parse(r.payload))
            .filter((m) => m.source === 'Kuma')
            .map((m) => [(m.minuteStart - T) / MIN, m.up, m.down] as [number, number, number])
            .sort((a, b) => a[0] - b[0]);
    };
    const downs = (ms: [number, number, number][]) => ms.filter(([, , d]) => d === 1).map(([m]) => m);
    const run = (k: KumaMonitor, until: number, statusAt: (minute: number) => number | 'paused') => k.notifications(k.beats(T, T + until * MIN, (t) => statusAt((t - T) / MIN)));

    it('a three-hour outage with resends every beat is 180 down minutes, then the UP', async () => {
        const k = new KumaMonitor({ resendInterval: 1 });
        await send(run(k, 190, (m) => (m < 180 ? DOWN : UP)));
        const ms = await minutes();
        expect(downs(ms)).toEqual(Array.from({ length: 180 }, (_, i) => i));
        expect(ms.at(-1)).toEqual([180, 1, 0]);
    });

    it('DOWN, then maintenance and pause: Kuma says nothing more, and the down minutes stop', async () => {
        // Kuma's default: no resends. The DOWN vouches for one beat (1.5 × 60 s).
        await send(run(new KumaMonitor(), 240, (m) => (m < 5 ? DOWN : m < 30 ? MAINTENANCE : 'paused')));
        const quiet = downs(await minutes());
        // With resends every beat: down until 1.5 beats after the last resend, at minute 4.
        h.relay.core.store.db.prepare('DELETE FROM jobs').run();
        await send(run(new KumaMonitor({ id: 8, resendInterval: 1 }), 240, (m) => (m < 5 ? DOWN : m < 30 ? MAINTENANCE : 'paused')));
        const resent = downs(await minutes());
        console.log(`attack figure | Kuma DOWN then maintenance/pause (resend 0 | 1): {"downMinutes":1380} → {"downMinutes":${quiet.length}|${resent.length}}`);
        expect(quiet).toEqual([0, 1]);
        expect(resent).toEqual([0, 1, 2, 3, 4, 5]);
    });

    it('a pause between DOWN and UP is not counted: the UP ends the outage without vouching for the gap', async () => {
        await send(run(new KumaMonitor({ resendInterval: 1 }), 120, (m) => (m < 10 ? DOWN : m < 100 ? 'paused' : UP)));
        const ms = await minutes();
        expect(downs(ms)).toEqual(Array.from({ length: 11 }, (_, i) => i));
        expect(ms.find(([m]) => m === 100)).toEqual([100, 1, 0]);
    });

    it('applied by their own time: a late resend of an old DOWN does not reopen an outage an UP ended; an UP before its DOWN still ends it', async () => {
        const k = new KumaMonitor({ resendInterval: 1 });
        const [down, ...rest] = run(k, 30, (m) => (m < 10 ? DOWN : UP));
        const up = rest.at(-1)!;
        const resends = rest.slice(0, -1);
        // The UP and most resends arrive first, one resend of minute 5 an hour late.
        expect(await send([up, down!, ...resends.filter((_, i) => i !== 4)])).toEqual(['accepted', 'late', 'late', 'late', 'late', 'late', 'late', 'late', 'late', 'late']);
        await h.relay.prober.round();
        expect(await send([resends[4]])).toEqual(['late']);
        const ms = await minutes();
        expect(downs(ms)).toEqual(Array.from({ length: 10 }, (_, i) => i));
        expect(ms.filter(([m]) => m >= 10)).toEqual([[10, 1, 0]]);
    });

    it('several Kuma monitors of one contract are one vote per minute', async () => {
        await send([...run(new KumaMonitor({ id: 7, resendInterval: 1 }), 3, () => DOWN), ...run(new KumaMonitor({ id: 8, resendInterval: 1 }), 3, () => DOWN)]);
        expect((await minutes()).slice(0, 3)).toEqual([[0, 0, 1], [1, 0, 1], [2, 0, 1]]);
    });

    it('a notification dated ahead of the relay by more than 5 minutes is refused', async () => {
        const k = new KumaMonitor();
        const r = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: k.heartbeatJSON({ at: Date.now() + 3_600_000, status: DOWN }), monitor: k.monitorJSON(), msg: '' }), secret);
        expect(r.status).toBe(400);
        expect(h.relay.core.store.db.prepare('SELECT COUNT(*) AS n FROM monitor_transitions').get()).toEqual({ n: 0 });
    });
});

describe('transitions tables live in the migrations', () => {
    it('a fresh database has them before any notification, and the old kuma_states is gone', () => {
        const db = openDatabase(':memory:');
        const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((t) => t.name);
        expect(tables).toEqual(expect.arrayContaining(['monitor_transitions', 'monitor_progress']));
        expect(tables).not.toContain('kuma_states');
        const store = new OutboxStore(db, new ManualClock(T));
        applyTransition(db, { source: 'Kuma', contractId: '42', monitorId: '7', at: T, state: 'down', vouchedUntil: T + 90_000, latencyMs: null });
        expect(rollUpMinutes(store, T + 10 * MIN)).toBe(2);
    });

    it('a database of the earlier layout keeps its open Kuma outage and its queued minutes, under the Candid names', () => {
        const path = join(mkdtempSync(join(tmpdir(), 'relay-migrate-')), 'relay.db');
        const db = openDatabase(path);
        db.exec(`DROP TABLE monitor_transitions; DROP TABLE monitor_progress; PRAGMA user_version = 3;
            CREATE TABLE kuma_states (contract_id TEXT NOT NULL, monitor_id INTEGER NOT NULL, state TEXT NOT NULL, since INTEGER NOT NULL,
                last_notified INTEGER NOT NULL, resend_ms INTEGER NOT NULL, emitted_until INTEGER NOT NULL, PRIMARY KEY (contract_id, monitor_id)) WITHOUT ROWID`);
        db.prepare('INSERT INTO kuma_states VALUES (?, ?, ?, ?, ?, ?, ?)').run('42', 7, 'down', T, T + 4 * MIN, 2 * MIN, T + 2 * MIN);
        db.prepare('INSERT INTO uptime_samples (contract_id, source, at, up, latency_ms) VALUES (?, ?, ?, ?, ?)').run('42', 'relay_probe', T + 30 * MIN, 1, 10);
        new OutboxStore(db, new ManualClock(T)).insert({ kind: 'canister.uptime_minute', dedupeKey: `42:${T}:uptime_kuma`, payload: { id: `42:${T}:uptime_kuma`, contractId: '42', minuteStart: T, up: 0, down: 1, avgLatencyMs: null, source: 'uptime_kuma' } });
        db.close();
        const again = openDatabase(path);
        expect(again.prepare('SELECT source, monitor_id, at, state, vouched_until FROM monitor_transitions').all()).toEqual([{ source: 'Kuma', monitor_id: '7', at: T, state: 'down', vouched_until: T + 7 * MIN }]);
        expect(again.prepare('SELECT source FROM uptime_samples').all()).toEqual([{ source: 'Probe' }]);
        expect(JSON.parse((again.prepare("SELECT payload FROM jobs WHERE kind = 'canister.uptime_minute'").get() as { payload: string }).payload).source).toBe('Kuma');
        // Minutes 2–6 of the open outage were still to emit: the last resend (minute 4) vouches until 4 + 1.5 × 2.
        const store = new OutboxStore(again, new ManualClock(T + 40 * MIN));
        rollUpMinutes(store, T + 40 * MIN);
        const kuma = store.rows('canister.uptime_minute').map((r) => JSON.parse(r.payload)).filter((m) => m.source === 'Kuma' && m.down === 1).map((m) => (m.minuteStart - T) / MIN);
        expect(kuma).toEqual([0, 2, 3, 4, 5, 6]);
        again.close();
    });
});

describe('Kuma bodies and push URLs over HTTP', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start();
    });
    afterEach(async () => h.stop());
    const k = new KumaMonitor({ resendInterval: 1 });
    const states = () => h.relay.core.store.db.prepare("SELECT contract_id, state FROM monitor_transitions WHERE source = 'Kuma' ORDER BY at").all();

    it("JSON, multipart form-data and Kuma's Test button (heartbeat null)", async () => {
        const json = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: k.heartbeatJSON({ at: T, status: DOWN }), monitor: k.monitorJSON(), msg: '[web] [🔴 Down] timeout' }), secret);
        const boundary = '--------------------------kuma';
        const multipart = `--${boundary}\r\nContent-Disposition: form-data; name="data"\r\n\r\n${JSON.stringify({ heartbeat: k.heartbeatJSON({ at: T + MIN, status: UP }), monitor: k.monitorJSON(), msg: 'up' })}\r\n--${boundary}--\r\n`;
        const form = await h.post('/webhooks/uptime-kuma', multipart, { ...secret, 'content-type': `multipart/form-data; boundary=${boundary}` });
        const test = await h.post('/webhooks/uptime-kuma', JSON.stringify({ heartbeat: null, monitor: null, msg: 'Uptime Kuma Webhook Test' }), secret);
        expect([json.status, form.status, test.status]).toEqual([200, 200, 200]);
        expect(await test.json()).toEqual({ status: 'ignored' });
        expect(states()).toEqual([{ contract_id: '42', state: 'down' }, { contract_id: '42', state: 'up' }]);
    });

    /** Kuma renders a custom body with Liquid; axios posts the text as form-urlencoded. */
    const template = (status: string, at: number) => `{"status": "${status}", "time": "${k.heartbeatJSON({ at, status: 0 }).time as string}", "monitorID": "7", "contract": "42", "interval": "60", "resendInterval": "1"}`;
    const custom = (body: string) => h.post('/webhooks/uptime-kuma', body, { ...secret, 'content-type': 'application/x-www-form-urlencoded' });

    it('the README\'s template: {{heartbeatJSON.status}} as a number, and Kuma\'s {{status}} words "🔴 Down" / "✅ Up" / "⚠️ Test"', async () => {
        const numeric = await custom(template('0', T));
        const words = [await custom(template('🔴 Down', T + MIN)), await custom(template('✅ Up', T + 4 * MIN))];
        const test = await custom(template('⚠️ Test', T + 5 * MIN));
        const fields = await custom(new URLSearchParams({ status: 'down', time: k.heartbeatJSON({ at: T + 6 * MIN, status: 0 }).time as string, monitorID: '7', contract: '42' }).toString());
        const junk = await custom('hello=world');
        const unknownWord = await custom(template('🟡 Sideways', T + 7 * MIN));
        console.log(`attack figure | Kuma {{status}} words: {"statuses":[400,400]} → {"statuses":[${words.map((w) => w.status).join(',')}]}`);
        expect([numeric.status, ...words.map((w) => w.status), test.status, fields.status]).toEqual([200, 200, 200, 200, 200]);
        expect(await test.json()).toEqual({ status: 'ignored' });
        expect([junk.status, unknownWord.status]).toEqual([400, 400]);
        expect(states()).toEqual([{ contract_id: '42', state: 'down' }, { contract_id: '42', state: 'down' }, { contract_id: '42', state: 'up' }, { contract_id: '42', state: 'down' }]);
    });

    it('the GET method of newer versions: heartbeat and monitor as JSON query parameters', async () => {
        const q = new URLSearchParams({ msg: 'down', heartbeat: JSON.stringify(k.heartbeatJSON({ at: T, status: DOWN })), monitor: JSON.stringify(k.monitorJSON()) });
        const r = await fetch(`${h.url}/webhooks/uptime-kuma?${q}`, { headers: secret });
        const noSecret = await fetch(`${h.url}/webhooks/uptime-kuma?${q}`);
        expect([r.status, noSecret.status]).toEqual([200, 401]);
        expect(states()).toEqual([{ contract_id: '42', state: 'down' }]);
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
        const rows = h.relay.core.store.db.prepare("SELECT up FROM uptime_samples WHERE source = 'Push'").all();
        console.log(`attack figure | 6 pushed "up" pings in one minute: {"samples":6} → {"samples":${rows.length}}`);
        expect(rows).toEqual([{ up: 1 }]);
        // Kuma counts any status but "up" as down (e.g. "DOWN", "pending").
        h.relay.core.store.db.prepare('DELETE FROM uptime_samples').run();
        expect((await fetch(`${h.url}/api/push/${token}?status=pending&ping=12.5`)).status).toBe(200);
        expect(h.relay.core.store.db.prepare("SELECT up, latency_ms FROM uptime_samples WHERE source = 'Push'").all()).toEqual([{ up: 0, latency_ms: 13 }]);
        expect((await fetch(`${h.url}/api/push/${token}?ping=-1`)).status).toBe(400);
    });
});
