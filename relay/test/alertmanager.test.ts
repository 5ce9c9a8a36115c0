// Prometheus Alertmanager as a monitor source, with the payload upstream's webhook notifier sends
// (notify/webhook: version 4, groupKey, truncatedAlerts + template.Data) and the receiver's
// http_config auth (authorization: Bearer, or basic_auth). Each alert of a group is a monitor of
// the contract in its `contract` label: firing is DOWN from startsAt, resolved UP at endsAt.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { minuteStart } from '../src/util/clock.js';
import { Harness } from './support/harness.js';

const MIN = 60_000;
const TOKEN = 'alertmanager-bearer-token-0123456789';
const BASIC = 'alertmanager:basic-password-0123456789';
const T = minuteStart(Date.now()) - 60 * MIN;
const iso = (ms: number) => new Date(ms).toISOString();
const ZERO = '0001-01-01T00:00:00Z';

const alert = (fingerprint: string, contract: string | null, status: 'firing' | 'resolved', startsAt: number, endsAt?: number) => ({
    status,
    labels: { alertname: 'InstanceDown', instance: `vm-${contract}:9100`, job: 'node', ...(contract === null ? {} : { contract }) },
    annotations: { summary: 'instance down' },
    startsAt: iso(startsAt),
    endsAt: endsAt === undefined ? ZERO : iso(endsAt),
    generatorURL: 'http://prometheus:9090/graph?g0.expr=up+%3D%3D+0',
    fingerprint
});
const message = (alerts: ReturnType<typeof alert>[]) => ({
    receiver: 'trustcloud',
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    groupLabels: { alertname: 'InstanceDown' },
    commonLabels: { alertname: 'InstanceDown', job: 'node' },
    commonAnnotations: {},
    externalURL: 'http://alertmanager:9093',
    version: '4',
    groupKey: '{}:{alertname="InstanceDown"}',
    truncatedAlerts: 0
});

describe('Alertmanager webhook receiver', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start({ ALERTMANAGER_BEARER_TOKEN: TOKEN, ALERTMANAGER_BASIC_AUTH: BASIC, ALERTMANAGER_REPEAT_INTERVAL_MS: String(10 * MIN) });
    });
    afterEach(async () => h.stop());
    const post = (body: unknown, auth: string | null = `Bearer ${TOKEN}`) => h.post('/webhooks/alertmanager', JSON.stringify(body), auth === null ? {} : { authorization: auth });
    const minutes = async (): Promise<[string, number, number, number][]> => {
        await h.relay.prober.round();
        return h.relay.core.store
            .rows('canister.uptime_minute')
            .map((r) => JSON.parse(r.payload))
            .map((m) => [m.contractId, (m.minuteStart - T) / MIN, m.up, m.down, m.source])
            .filter((m) => m[4] === 'Alertmanager')
            .map(([c, m, u, d]) => [c, m, u, d] as [string, number, number, number])
            .sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
    };

    it('a grouped notification: each alert is its contract\'s monitor; firing is down from startsAt until resolved at endsAt', async () => {
        const r = await post(message([alert('a1', '42', 'firing', T + 10_000), alert('b2', '43', 'firing', T + 2 * MIN)]));
        expect(r.status).toBe(200);
        expect(await r.json()).toEqual({ status: 'accepted', alerts: 2, late: 0 });
        // Group interval later: 42 resolved at minute 5, 43 still firing (basic auth this time).
        const basic = `Basic ${Buffer.from(BASIC).toString('base64')}`;
        expect((await post(message([alert('a1', '42', 'resolved', T + 10_000, T + 5 * MIN + 1_000), alert('b2', '43', 'firing', T + 2 * MIN)]), basic)).status).toBe(200);
        const ms = await minutes();
        expect(ms.filter(([c]) => c === '42')).toEqual([...[0, 1, 2, 3, 4].map((m) => ['42', m, 0, 1]), ['42', 5, 1, 0]]);
        // 43 is vouched for 1.5 × the repeat interval (10 min) after the last notification: still down now.
        const down43 = ms.filter(([c, , , d]) => c === '43' && d === 1).map(([, m]) => m);
        expect(down43).toEqual(Array.from({ length: down43.length }, (_, i) => i + 2));
        expect(down43.length).toBeGreaterThanOrEqual(56);
    });

    it('refuses missing or wrong auth, other payloads, alerts without a contract, and changes nothing', async () => {
        const ok = message([alert('a1', '42', 'firing', T)]);
        const statuses = [
            (await post(ok, null)).status,
            (await post(ok, 'Bearer nope-nope-nope-nope-nope')).status,
            (await post(ok, `Basic ${Buffer.from('alertmanager:wrong-password-000000').toString('base64')}`)).status,
            (await post({ ...ok, version: '3' })).status,
            (await post(message([alert('a1', '42', 'firing', T), alert('c3', null, 'firing', T)]))).status,
            (await post(message([alert('a1', '42', 'firing', Date.now() + 3_600_000)]))).status
        ];
        expect(statuses).toEqual([401, 401, 401, 400, 400, 400]);
        expect(h.relay.core.store.db.prepare('SELECT COUNT(*) AS n FROM monitor_transitions').get()).toEqual({ n: 0 });
        // ?contract= names the contract when the alerts carry no label.
        expect((await h.post('/webhooks/alertmanager?contract=44', JSON.stringify(message([alert('c3', null, 'firing', T)])), { authorization: `Bearer ${TOKEN}` })).status).toBe(200);
        expect(h.relay.core.store.db.prepare('SELECT contract_id, monitor_id, state FROM monitor_transitions').all()).toEqual([{ contract_id: '44', monitor_id: 'c3', state: 'down' }]);
    });

    it('is not served when no receiver auth is configured', async () => {
        const bare = await new Harness().start();
        try {
            expect((await bare.post('/webhooks/alertmanager', JSON.stringify(message([alert('a1', '42', 'firing', T)])), { authorization: `Bearer ${TOKEN}` })).status).toBe(404);
        } finally {
            await bare.stop();
        }
    });
});
