// End to end through localnet: the compiled marketplace canister behind the IC HTTP interface,
// the relay's real AgentGateway (HttpAgent + Actor, Ed25519 identity from a key file), fake ICPay
// and Chatwoot on loopback. One key is registered as both the canister's relay and its monitor.
import { Principal } from '@dfinity/principal';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalnetServer, type LocalnetServer } from '@trustcloud/localnet';
import { controller, ok, provider, provisioned, setupProvider, tenant, world, type World } from '../../canisters/marketplace/test/canister/fixture.js';
import { AgentGateway } from '../src/gateway/agent.js';
import { generateIdentityFile, loadIdentity } from '../src/gateway/identity.js';
import { rollUpMinutes, insertSample } from '../src/prober/samples.js';
import { Harness, until } from './support/harness.js';
import { icpayEvent, messageCreated } from './support/payloads.js';

let w: World;
let server: LocalnetServer;
let h: Harness;
let gateway: AgentGateway;
const AM_TOKEN = 'alertmanager-bearer-token-0123456789';

beforeAll(async () => {
    w = await world();
    server = await startLocalnetServer({ ic: w.pic.ic, port: 0, tickIntervalMs: 20, identityProvider: false });
    h = new Harness(async (config) => {
        const relayPrincipal = Principal.fromText(generateIdentityFile(config.RELAY_IDENTITY_FILE));
        ok(await w.as(controller).setTrustReporter(relayPrincipal, [{ Relay: null }, { Monitor: null }]));
        const { identity } = loadIdentity(config.RELAY_IDENTITY_FILE);
        gateway = await AgentGateway.create({ host: config.IC_HOST, canisterId: config.MARKETPLACE_CANISTER_ID, identity, fetchRootKey: config.fetchRootKey });
        return gateway;
    });
    await h.start({ IC_HOST: server.url, MARKETPLACE_CANISTER_ID: w.marketId.toText(), ICPAY_ALLOWED_LEDGERS: w.ledger.canisterId.toText(), ALERTMANAGER_BEARER_TOKEN: AM_TOKEN });
}, 300_000);

afterAll(async () => {
    await h?.stop();
    await server?.close();
});

describe('relay → localnet marketplace', () => {
    it('credits a verified ICPay payment once, as the registered relay', async () => {
        const oid = await setupProvider(w);
        const c = ok<any>(await w.as(tenant).requestContract(oid, 24));
        const amount: bigint = c.quote[0].amount;
        // ICPay forwarded the tenant's payment to the escrow canister's account.
        const sent: any = await w.ledgerAs(tenant).icrc1_transfer({ to: { owner: w.marketId, subaccount: [] }, amount, fee: [], memo: [], from_subaccount: [], created_at_time: [] });
        expect('Ok' in sent).toBe(true);
        expect(await gateway.getContractForPayment(c.id.toString())).toMatchObject({ providerId: provider.toText(), ledgerCanisterId: w.ledger.canisterId.toText(), amountDue: amount });
        h.icpay.payments.set('pay_e2e_1', { id: 'pay_e2e_1', status: 'completed', amount: amount.toString(), ledgerCanisterId: w.ledger.canisterId.toText(), metadata: { contractId: c.id.toString() } });

        expect(await (await h.icpayHook(icpayEvent({ eventId: 'evt_e2e_1', paymentId: 'pay_e2e_1' }))).json()).toEqual({ status: 'accepted' });
        await until(async () => ((await w.as(tenant).getContract(c.id)) as any[])[0]?.deposited === amount, 60_000, 'deposit booked');
        expect(await (await h.icpayHook(icpayEvent({ eventId: 'evt_e2e_2', paymentId: 'pay_e2e_1' }))).json()).toEqual({ status: 'duplicate_payment' });
        const row = h.relay.core.store.db.prepare('SELECT outcome FROM payments WHERE payment_id = ?').get('pay_e2e_1');
        expect(row).toEqual({ outcome: 'credited' });
        // The canister refuses the same payment id a second time; the gateway reports a duplicate.
        expect(await gateway.creditIcpayPayment({ paymentId: 'pay_e2e_1', contractId: c.id.toString(), ledgerCanisterId: w.ledger.canisterId.toText(), amount })).toEqual({ kind: 'duplicate' });
    });

    it('forwards conversation events and uptime minutes of a provisioned contract', async () => {
        const c = await provisioned(w, 720);
        const id = c.id.toString();
        const created = Number(c.createdAt / 1_000_000n);
        await new Promise((r) => setTimeout(r, 1500));
        await h.chatwootHook(messageCreated({ id: 9001, contractId: id, createdAt: new Date(created + 500).toISOString() }), 'e2e-d1');
        await h.chatwootHook(messageCreated({ id: 9002, contractId: id, type: 'outgoing', createdAt: new Date(created + 1000).toISOString() }), 'e2e-d2');
        // One closed minute of samples after provisioning (the canister's own clock follows the wall clock).
        await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 100));
        const now = Date.now();
        const minute = Math.floor((now - 60_000) / 60_000) * 60_000;
        await h.relay.core.commit.run(() => {
            insertSample(h.relay.core.store.db, { contractId: id, source: 'Probe', at: minute + 59_000, up: true, latencyMs: 20 });
            insertSample(h.relay.core.store.db, { contractId: id, source: 'Push', at: minute + 59_500, up: true, latencyMs: 40 });
        });
        rollUpMinutes(h.relay.core.store, now + 5_000);
        h.relay.core.wake('canister.uptime_minute');
        const done = (key: string) => h.relay.core.store.row(key)?.state === 'done';
        await until(() => done('cw:1:msg:9001') && done('cw:1:msg:9002') && done(`${id}:${minute}:Probe`) && done(`${id}:${minute}:Push`), 60_000, 'signals forwarded').catch((e: Error) => {
            throw new Error(`${e.message}: ${JSON.stringify(h.relay.core.store.rows().filter((r) => r.state !== 'done').map((r) => [r.dedupe_key, r.state, r.attempts, r.last_error]))}`);
        });
        expect(h.relay.core.store.rows().filter((r) => r.state === 'dead')).toEqual([]);
        // Re-sending the same ids is acknowledged as duplicates by the canister, not applied again.
        const again = await gateway.submitConversationEvents([{ id: 'cw:1:msg:9001', contractId: id, conversationId: 11, kind: 'customer_message', at: created + 500 }]);
        expect(again).toEqual({ accepted: 0, duplicates: 1, rejected: [] });
    }, 180_000);

    it('an Alertmanager firing alert becomes down minutes on the contract and in its provider\'s record', async () => {
        const c = await provisioned(w, 720);
        const id = c.id.toString();
        const startsAt = Number(c.createdAt / 1_000_000n) + 1_000;
        const before = (await w.as(tenant).trustProfile(provider))[0].uptime.day.downMinutes as number;
        const body = {
            receiver: 'trustcloud', status: 'firing', version: '4', groupKey: '{}:{alertname="InstanceDown"}', truncatedAlerts: 0, groupLabels: {}, commonLabels: {}, commonAnnotations: {}, externalURL: 'http://alertmanager:9093',
            alerts: [{ status: 'firing', labels: { alertname: 'InstanceDown', contract: id }, annotations: {}, startsAt: new Date(startsAt).toISOString(), endsAt: '0001-01-01T00:00:00Z', generatorURL: '', fingerprint: 'e2e0a1' }]
        };
        expect((await h.post('/webhooks/alertmanager', JSON.stringify(body), { authorization: `Bearer ${AM_TOKEN}` })).status).toBe(200);
        // The minute of startsAt closes, the relay rolls it up and forwards it as the source Alertmanager.
        await new Promise((r) => setTimeout(r, 60_000 - (Date.now() % 60_000) + 5_500));
        await h.relay.prober.round();
        const minute = Math.floor(startsAt / 60_000) * 60_000;
        await until(() => h.relay.core.store.row(`${id}:${minute}:Alertmanager`)?.state === 'done', 60_000, 'alert minute forwarded');
        const sig = (await w.as(tenant).contractSignals(c.id))[0];
        const after = (await w.as(tenant).trustProfile(provider))[0];
        expect(sig.uptime.day.downMinutes).toBeGreaterThanOrEqual(1);
        expect(after.uptime.day.downMinutes).toBeGreaterThan(before);
        expect(sig.incidentCount).toBe(1);
    }, 180_000);

    it('probes the endpoints providers declare, listed by probeTargets', async () => {
        const c = await provisioned(w, 720);
        const before = await gateway.listProvisionedContracts();
        expect(before.map((t) => t.contractId)).not.toContain(c.id.toString());
        ok(await w.as(provider).setProbeEndpoint(c.id, [{ scheme: { Https: null }, host: 'VM-7.Acme.example', port: 443, path: '/health' }]));
        const after = await gateway.listProvisionedContracts();
        expect(after).toContainEqual({ contractId: c.id.toString(), providerId: provider.toText(), endpoint: 'https://vm-7.acme.example:443/health' });
    });

    it('lists providers and contracts for the Chatwoot set-up', async () => {
        const providers = await gateway.listProviders();
        expect(providers).toContainEqual({ providerId: provider.toText(), name: 'Acme Cloud', email: 'ops@acme.example' });
        const contracts = await gateway.listContracts();
        expect(contracts.length).toBeGreaterThanOrEqual(2);
        expect(contracts[0]).toMatchObject({ providerId: provider.toText(), tenantId: tenant.toText() });
    });
});
