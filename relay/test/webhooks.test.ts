import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pushToken, signChatwoot, signIcpayPlain } from '../src/verify/index.js';
import { recordTenants } from '../src/chatwoot/tenants.js';
import { Harness, SECRETS, until } from './support/harness.js';
import { icpayEvent, messageCreated, statusChanged } from './support/payloads.js';

let h: Harness;
beforeEach(async () => {
    h = await new Harness().start();
});
afterEach(async () => h.stop());

describe('POST /webhooks/chatwoot', () => {
    it('stores signals and forwards them to the canister in a batch', async () => {
        const r1 = await h.chatwootHook(messageCreated({ id: 1, createdAt: '2026-11-21T12:00:00Z' }), 'd1');
        const r2 = await h.chatwootHook(messageCreated({ id: 2, type: 'outgoing', createdAt: '2026-11-21T12:05:00Z' }), 'd2');
        expect([r1.status, r2.status]).toEqual([200, 200]);
        expect(await r1.json()).toEqual({ status: 'accepted', signals: 1, verifiedBy: 'account webhook' });
        await until(() => h.gateway.conversationEvents.size === 2);
        expect([...h.gateway.conversationEvents.values()].map((e) => [e.id, e.kind, e.contractId, e.at])).toEqual([
            ['cw:1:msg:1', 'customer_message', '42', Date.parse('2026-11-21T12:00:00Z')],
            ['cw:1:msg:2', 'provider_reply', '42', Date.parse('2026-11-21T12:05:00Z')]
        ]);
    });

    it('refuses a forged signature, a stale timestamp and malformed bodies with 4xx and a reason, and forwards nothing', async () => {
        const forged = await h.chatwootHook(messageCreated({ id: 1 }), 'd1', { secret: 'not-the-secret-at-all' });
        const stale = await h.chatwootHook(messageCreated({ id: 2 }), 'd2', { timestamp: Math.floor(Date.now() / 1000) - 600 });
        const unsigned = await h.post('/webhooks/chatwoot', JSON.stringify(messageCreated({ id: 3 })));
        const ts = Math.floor(Date.now() / 1000);
        const notJson = await h.post('/webhooks/chatwoot', '{nope', { 'x-chatwoot-signature': signChatwoot(SECRETS.chatwoot, ts, '{nope'), 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-delivery': 'd4' });
        const badShape = await h.chatwootHook({ event: 'message_created', id: 'x' }, 'd5');
        expect([forged.status, stale.status, unsigned.status, notJson.status, badShape.status]).toEqual([401, 401, 401, 400, 400]);
        expect(await forged.json()).toMatchObject({ error: 'bad_signature' });
        expect(await stale.json()).toMatchObject({ error: 'stale_timestamp' });
        expect(await unsigned.json()).toMatchObject({ error: 'unsigned', detail: expect.stringContaining('4.11.2') });
        expect(await notJson.json()).toMatchObject({ error: 'malformed_body' });
        await new Promise((r) => setTimeout(r, 200));
        expect(h.gateway.conversationEvents.size).toBe(0);
        expect(h.relay.core.store.rows()).toHaveLength(0);
    });

    it('deduplicates by X-Chatwoot-Delivery', async () => {
        const payload = messageCreated({ id: 1 });
        const a = await h.chatwootHook(payload, 'same-delivery');
        const b = await h.chatwootHook(payload, 'same-delivery');
        expect(await a.json()).toMatchObject({ status: 'accepted' });
        expect(await b.json()).toEqual({ status: 'duplicate' });
        await until(() => h.gateway.conversationEvents.size === 1);
        expect(h.gateway.calls.filter((c) => c.method === 'submitConversationEvents').reduce((n, c) => n + c.size, 0)).toBe(1);
    });

    it('skips private notes, bot messages and conversations without a contract', async () => {
        await h.chatwootHook(messageCreated({ id: 1, private: true, type: 'outgoing' }), 'd1');
        await h.chatwootHook(messageCreated({ id: 2, type: 'outgoing', senderType: 'agent_bot' }), 'd2');
        await h.chatwootHook(messageCreated({ id: 3, contractId: null }), 'd3');
        await h.chatwootHook(messageCreated({ id: 4, type: 'activity' }), 'd4');
        await h.chatwootHook(messageCreated({ id: 5 }), 'd5');
        await until(() => h.gateway.conversationEvents.size === 1);
        await new Promise((r) => setTimeout(r, 150));
        expect([...h.gateway.conversationEvents.keys()]).toEqual(['cw:1:msg:5']);
    });

    it('turns a pending → open status change into a bot hand-off signal, ignores other changes', async () => {
        await h.chatwootHook(statusChanged({ conversationId: 11, contractId: '42', from: 'pending', to: 'open', timestamp: 1763726500 }), 'd1');
        await h.chatwootHook(statusChanged({ conversationId: 11, contractId: '42', from: 'open', to: 'resolved' }), 'd2');
        await until(() => h.gateway.conversationEvents.size === 1);
        expect([...h.gateway.conversationEvents.values()][0]).toMatchObject({ kind: 'bot_handoff', at: 1763726500_000 });
    });

    it('keeps reordered deliveries: a reply before the question it answers is still forwarded with its own time', async () => {
        await h.chatwootHook(messageCreated({ id: 2, type: 'outgoing', createdAt: '2026-11-21T12:05:00Z' }), 'd2');
        await h.chatwootHook(messageCreated({ id: 1, createdAt: '2026-11-21T12:00:00Z' }), 'd1');
        await until(() => h.gateway.conversationEvents.size === 2);
        const row = h.relay.core.store.db.prepare('SELECT waiting_since, last_reply_at FROM conversations').get();
        expect(row).toEqual({ waiting_since: null, last_reply_at: Date.parse('2026-11-21T12:05:00Z') });
    });
});

describe('chat signals and the contract tenant', () => {
    const TENANT = 'e35en-4zbgz-74yt7-h5uzo-jgf3l-6nzws-a7kje-jg37f-exbi4-qriwn-qqe';
    const STRANGER = '6i2hf-im3di-rtexk-iou3w-2jfi4-oigrv-udcuy-sfh25-gbo3b-u6lwc-qae';
    const accepted = (signals: number) => ({ status: 'accepted', signals, verifiedBy: 'account webhook' });

    it("counts a conversation towards a contract only when its verified contact is the contract's tenant", async () => {
        recordTenants(h.relay.core.store.db, [{ contractId: '42', tenantId: TENANT }]);
        const stranger = await h.chatwootHook(messageCreated({ id: 1, status: 'pending', tenant: STRANGER }), 'd1');
        const unverified = await h.chatwootHook(messageCreated({ id: 2, status: 'pending', tenant: TENANT, verified: false }), 'd2');
        expect(await Promise.all([stranger.json(), unverified.json()])).toEqual([accepted(0), accepted(0)]);
        expect(h.relay.core.store.db.prepare('SELECT COUNT(*) AS n FROM conversations').get()).toEqual({ n: 0 });
        const tenant = await h.chatwootHook(messageCreated({ id: 4, tenant: TENANT }), 'd4');
        expect(await tenant.json()).toEqual(accepted(1));
        await until(() => h.gateway.conversationEvents.size === 1);
        expect([...h.gateway.conversationEvents.keys()]).toEqual(['cw:1:msg:4']);
        // The help bot still answered the stranger and the unverified visitor (their conversations are pending).
        expect(h.relay.core.store.rows('helpbot.answer')).toHaveLength(2);
    });

    it('keeps the signals of a contract the relay has not listed yet', async () => {
        const r = await h.chatwootHook(messageCreated({ id: 1, tenant: STRANGER }), 'd1');
        expect(await r.json()).toEqual(accepted(1));
    });
});

describe('POST /webhooks/icpay', () => {
    it('deduplicates by event id and by payment id', async () => {
        h.gateway.down = true; // keep jobs pending so rows are easy to inspect
        const first = await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        const sameEvent = await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        const samePayment = await h.icpayHook(icpayEvent({ eventId: 'evt_2', paymentId: 'pay_1' }));
        const created = await h.icpayHook(icpayEvent({ eventId: 'evt_3', paymentId: 'pay_2', type: 'payment.created', status: 'pending' }));
        expect(await first.json()).toEqual({ status: 'accepted' });
        expect(await sameEvent.json()).toEqual({ status: 'duplicate_event' });
        expect(await samePayment.json()).toEqual({ status: 'duplicate_payment' });
        expect(await created.json()).toEqual({ status: 'ignored' });
        expect(h.relay.core.store.rows('icpay.payment').map((r) => r.dedupe_key)).toEqual(['icpay:payment:pay_1']);
    });

    it('refuses forged and stale events', async () => {
        const forged = await h.icpayHook(icpayEvent({ eventId: 'e1', paymentId: 'p1' }), { secret: 'wrong-secret-wrong' });
        const stale = await h.icpayHook(icpayEvent({ eventId: 'e2', paymentId: 'p2' }), { timestamp: Math.floor(Date.now() / 1000) - 3600 });
        expect([forged.status, stale.status]).toEqual([401, 401]);
        expect(h.relay.core.store.rows()).toHaveLength(0);
    });

    it('judges the untimed (plain) form by the event creation time', async () => {
        const old = JSON.stringify(icpayEvent({ eventId: 'e1', paymentId: 'p1', created: Math.floor(Date.now() / 1000) - 3600 }));
        const fresh = JSON.stringify(icpayEvent({ eventId: 'e2', paymentId: 'p2' }));
        const r1 = await h.post('/webhooks/icpay', old, { 'x-icpay-signature': signIcpayPlain(SECRETS.icpay, old) });
        const r2 = await h.post('/webhooks/icpay', fresh, { 'x-icpay-signature': signIcpayPlain(SECRETS.icpay, fresh) });
        expect([r1.status, r2.status]).toEqual([401, 200]);
    });
});

describe('uptime endpoints', () => {
    const kuma = (status: number, time: string, extra: Record<string, unknown> = {}) => ({
        heartbeat: { monitorID: 3, status, time, msg: '', ping: 42, important: true, duration: 60 },
        monitor: { id: 3, name: 'contract:42 web', tags: [] },
        msg: 'up',
        ...extra
    });

    it('accepts Uptime Kuma webhooks with the shared secret, deduplicated; down until the next up, one vote per minute', async () => {
        const headers = { 'x-relay-secret': SECRETS.kuma };
        const t0 = Math.floor(Date.now() / 60_000) * 60_000 - 10 * 60_000;
        const at = (ms: number) => new Date(t0 + ms).toISOString().replace('T', ' ').replace('Z', '');
        const resending = { monitor: { id: 3, name: 'contract:42 web', tags: [], interval: 60, resendInterval: 1 } };
        const down = JSON.stringify(kuma(0, at(10_000), resending));
        expect((await h.post('/webhooks/uptime-kuma', down, headers)).status).toBe(200);
        expect(await (await h.post('/webhooks/uptime-kuma', down, headers)).json()).toEqual({ status: 'duplicate' });
        for (const r of [70_000, 130_000]) expect((await h.post('/webhooks/uptime-kuma', JSON.stringify(kuma(0, at(r), resending)), headers)).status).toBe(200);
        const up = JSON.stringify(kuma(1, at(220_000)));
        expect((await h.post('/webhooks/uptime-kuma?contract=42', up, headers)).status).toBe(200);
        await h.relay.prober.round();
        await until(() => h.gateway.uptime.size === 4);
        const minutes = [...h.gateway.uptime.values()].sort((a, b) => a.minuteStart - b.minuteStart).map((m) => [m.minuteStart - t0, m.up, m.down, m.source]);
        expect(minutes).toEqual([
            [0, 0, 1, 'Kuma'],
            [60_000, 0, 1, 'Kuma'],
            [120_000, 0, 1, 'Kuma'],
            [180_000, 1, 0, 'Kuma']
        ]);
    });

    it('accepts the form-encoded Kuma body, refuses a wrong secret and a monitor without a contract', async () => {
        const form = new URLSearchParams({ data: JSON.stringify(kuma(1, '2026-11-21 12:01:00.000')) }).toString();
        const ok = await h.post('/webhooks/uptime-kuma', form, { 'x-relay-secret': SECRETS.kuma, 'content-type': 'application/x-www-form-urlencoded' });
        const bad = await h.post('/webhooks/uptime-kuma', JSON.stringify(kuma(1, '2026-11-21 12:02:00.000')), { 'x-relay-secret': 'nope' });
        const noContract = await h.post('/webhooks/uptime-kuma', JSON.stringify(kuma(1, '2026-11-21 12:03:00.000', { monitor: { id: 3, name: 'web' } })), { 'x-relay-secret': SECRETS.kuma });
        expect([ok.status, bad.status, noContract.status]).toEqual([200, 401, 400]);
        expect(await noContract.json()).toMatchObject({ error: 'unknown_contract' });
    });

    it('accepts push heartbeats with the per-contract token only', async () => {
        const token = pushToken(SECRETS.push, '42');
        const ok = await fetch(`${h.url}/push/42/${token}?status=up&ping=12`);
        const wrong = await fetch(`${h.url}/push/43/${token}?status=up`);
        const again = await fetch(`${h.url}/push/42/${token}?status=up`);
        expect([ok.status, wrong.status, again.status]).toEqual([200, 401, 429]);
        const rows = h.relay.core.store.db.prepare('SELECT contract_id, source, up, latency_ms FROM uptime_samples').all();
        expect(rows).toEqual([{ contract_id: '42', source: 'Push', up: 1, latency_ms: 12 }]);
    });
});

describe('GET /health and /metrics', () => {
    it('reports health and Prometheus metrics', async () => {
        h.gateway.contracts = [{ contractId: '42', providerId: 'prov-1', tenantId: 't', status: 'Active', ledgerCanisterId: 'x', amountDue: 0n }];
        await h.chatwootHook(messageCreated({ id: 1 }), 'd1');
        await h.chatwootHook(messageCreated({ id: 1 }), 'd1');
        const health = await fetch(`${h.url}/health`);
        expect(health.status).toBe(200);
        expect(await health.json()).toMatchObject({ status: 'ok' });
        const text = await (await fetch(`${h.url}/metrics`)).text();
        expect(text).toContain('# TYPE relay_webhooks_total counter');
        expect(text).toContain('relay_webhooks_total{source="chatwoot",outcome="accepted"} 1');
        expect(text).toContain('relay_webhooks_total{source="chatwoot",outcome="duplicate"} 1');
        expect(text).toMatch(/relay_http_request_duration_seconds_bucket\{route="\/webhooks\/chatwoot",le="0\.05"\} \d+/);
        expect(text).toMatch(/relay_outbox_jobs\{kind="canister.conversation_event",state="(pending|done)"\} 1/);
        await until(async () => (await (await fetch(`${h.url}/metrics`)).text()).includes('relay_forward_jobs_total{kind="canister.conversation_event"} 1'));
    });

    it('answers unknown routes 404, wrong methods 405 and oversized bodies 413', async () => {
        expect((await fetch(`${h.url}/nope`)).status).toBe(404);
        expect((await fetch(`${h.url}/webhooks/chatwoot`)).status).toBe(405);
        const big = await h.post('/webhooks/chatwoot', 'x'.repeat(1_100_000));
        expect(big.status).toBe(413);
        // Not read, and the connection is closed: the sender holds no socket afterwards.
        expect(big.headers.get('connection')).toBe('close');
        expect(await big.json()).toMatchObject({ error: 'body_too_large' });
    });
});
