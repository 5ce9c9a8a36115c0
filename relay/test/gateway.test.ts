import { describe, expect, it } from 'vitest';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { ConversionError, benchmarkOut, conversationEventOut, probeTargetIn, providerRecordIn, uptimeOut } from '../src/gateway/convert.js';
import { AgentGateway } from '../src/gateway/agent.js';
import { FakeGateway } from '../src/gateway/fake.js';
import { lazyGateway } from '../src/gateway/lazy.js';
import type { BenchmarkReport } from '../src/gateway/types.js';

describe('Candid conversions', () => {
    it('sends times in nanoseconds and contract ids as nat64', () => {
        expect(conversationEventOut({ id: 'cw:1:msg:5', contractId: '42', conversationId: 3, kind: 'bot_handoff', at: 1_700_000_000_123 })).toEqual({
            id: 'cw:1:msg:5',
            contractId: 42n,
            kind: { BotHandoff: null },
            at: 1_700_000_000_123_000_000n
        });
        expect(uptimeOut({ id: '42:60000', contractId: '42', minuteStart: 60_000, up: 3, down: 1, avgLatencyMs: null })).toEqual({ id: '42:60000', contractId: 42n, bucketStart: 60_000_000_000n, up: 3, down: 1, latencyMs: 0, source: [{ Probe: null }] });
        expect(uptimeOut({ id: '42:60000:Push', contractId: '42', minuteStart: 60_000, up: 0, down: 1, avgLatencyMs: null, source: 'Push' }).source).toEqual([{ Push: null }]);
        expect(uptimeOut({ id: '42:60000:Kuma', contractId: '42', minuteStart: 60_000, up: 0, down: 1, avgLatencyMs: null, source: 'Kuma' }).source).toEqual([{ Kuma: null }]);
        expect(() => conversationEventOut({ id: 'x', contractId: 'abc', conversationId: 1, kind: 'customer_message', at: 0 })).toThrow(ConversionError);
    });

    it('splits a benchmark report into one record per measured metric', () => {
        const providerId = Ed25519KeyIdentity.generate().getPrincipal().toText();
        const r: BenchmarkReport = { id: 'bm:1', providerId, source: 'serververify', subject: 'CX22', url: 'https://x', measuredAt: 1000, cpuScore: 1500, diskReadMBps: null, diskWriteMBps: null, networkMbps: 940, uptimePercent: null, monthlyPriceUsd: 4.59 };
        const out = benchmarkOut(r);
        expect(out.map((o) => [o.id, o.metric, o.value, o.source])).toEqual([
            ['bm:1:cpuScore', 'cpuScore', 1500, 'serververify:CX22'],
            ['bm:1:networkMbps', 'networkMbps', 940, 'serververify:CX22'],
            ['bm:1:monthlyPriceUsd', 'monthlyPriceUsd', 4.59, 'serververify:CX22']
        ]);
        expect(out[0]?.target.Provider.toText()).toBe(providerId);
        expect(() => benchmarkOut({ ...r, providerId: 'not a principal' })).toThrow(ConversionError);
    });

    it('probes the URL the canister formats from the declared endpoint', () => {
        const provider = Ed25519KeyIdentity.generate().getPrincipal();
        expect(probeTargetIn({ contractId: 7n, provider, url: 'tcp://[2001:db8::7]:22' })).toEqual({ contractId: '7', providerId: provider.toText(), endpoint: 'tcp://[2001:db8::7]:22' });
    });

    it('takes a provider email from its contacts', () => {
        const id = Ed25519KeyIdentity.generate().getPrincipal();
        expect(providerRecordIn({ id, name: 'Acme', contacts: [{ kind: 'telegram', value: '@acme' }, { kind: 'Email', value: 'ops@acme.test' }] })).toEqual({ providerId: id.toText(), name: 'Acme', email: 'ops@acme.test' });
    });
});

describe('AgentGateway batches', () => {
    const event = (n: number, contractId = '42') => ({ id: `e${n}`, contractId, conversationId: 1, kind: 'customer_message' as const, at: n });

    it('drops the item the canister names by index and resubmits the rest', async () => {
        const seen: string[][] = [];
        const actor = {
            submitConversationEvents: async (items: { id: string }[]) => {
                seen.push(items.map((i) => i.id));
                const bad = items.findIndex((i) => i.id === 'e2');
                return bad >= 0 ? { Err: { Inconsistent: { reason: 'before the contract', index: [bad] } } } : { Ok: { applied: items.length, duplicates: 0 } };
            }
        };
        const g = AgentGateway.fromActors(actor);
        const out = await g.submitConversationEvents([event(1), event(2), event(3), event(4, 'not-a-nat')]);
        expect(seen).toEqual([['e1', 'e2', 'e3'], ['e1', 'e3']]);
        expect(out.accepted).toBe(2);
        expect(out.rejected.map((r) => r.id)).toEqual(['e4', 'e2']);
    });

    it('pages through probeTargets as the monitor', async () => {
        const provider = Ed25519KeyIdentity.generate().getPrincipal();
        const target = (id: number) => ({ contractId: BigInt(id), provider, url: `https://vm-${id}.example:443/health` });
        const calls: [string, number, number][] = [];
        const monitor = {
            probeTargets: async (offset: number, limit: number) => {
                calls.push(['monitor', offset, limit]);
                return offset === 0 ? { Ok: { items: [target(1), target(2)], total: 3, next: [2] } } : { Ok: { items: [target(3)], total: 3, next: [] } };
            }
        };
        const relay = { probeTargets: async () => ({ Err: { Unauthorized: { action: 'probeTargets', reason: 'not the monitor' } } }) };
        const g = AgentGateway.fromActors(relay, monitor);
        expect((await g.listProvisionedContracts()).map((c) => [c.contractId, c.endpoint])).toEqual([
            ['1', 'https://vm-1.example:443/health'],
            ['2', 'https://vm-2.example:443/health'],
            ['3', 'https://vm-3.example:443/health']
        ]);
        expect(calls.map(([, offset]) => offset)).toEqual([0, 2]);
        // Unauthorized (the key is not registered yet) is for an operator to fix: retried, not final.
        await expect(AgentGateway.fromActors(relay).listProvisionedContracts()).rejects.toMatchObject({ kind: 'unavailable', variant: 'Unauthorized' });
    });

    it('maps Err variants: duplicates, permanent refusals, and retryable ones', async () => {
        const reply = { current: {} as unknown };
        const g = AgentGateway.fromActors({ creditPayment: async () => reply.current });
        const credit = { paymentId: 'p', contractId: '1', ledgerCanisterId: 'l', amount: 1n };
        reply.current = { Err: { PaymentAlreadyCredited: { paymentId: 'p', contractId: 1n } } };
        expect(await g.creditIcpayPayment(credit)).toEqual({ kind: 'duplicate' });
        // The canister books a late or duplicate payment on a closed/paid contract and refunds it.
        reply.current = { Ok: { contract: { id: 1n }, refund: [{ id: 3n, amount: 1n }] } };
        expect(await g.creditIcpayPayment(credit)).toEqual({ kind: 'refunded' });
        reply.current = { Ok: { id: 1n } };
        expect(await g.creditIcpayPayment(credit)).toEqual({ kind: 'credited' });
        reply.current = { Err: { Underpaid: { due: 5n, paid: 1n } } };
        await expect(g.creditIcpayPayment(credit)).rejects.toMatchObject({ name: 'GatewayError', kind: 'rejected', variant: 'Underpaid' });
        reply.current = { Err: { Unauthorized: { action: 'creditPayment', reason: 'not a relay' } } };
        await expect(g.creditIcpayPayment(credit)).rejects.toMatchObject({ kind: 'unavailable', variant: 'Unauthorized' });
        const down = AgentGateway.fromActors({ creditPayment: async () => { throw new Error('connect ECONNREFUSED'); } });
        await expect(down.creditIcpayPayment(credit)).rejects.toMatchObject({ kind: 'unavailable' });
    });
});

describe('lazyGateway', () => {
    it('reports an unreachable IC as unavailable and tries again on the next call', async () => {
        let attempts = 0;
        const fake = new FakeGateway();
        const g = lazyGateway(async () => {
            if (++attempts === 1) throw new Error('fetch failed\n    at stack');
            return fake;
        });
        await expect(g.listContracts()).rejects.toMatchObject({ name: 'GatewayError', kind: 'unavailable', message: 'cannot reach the IC: fetch failed' });
        expect(await g.listContracts()).toEqual([]);
        expect(await g.listProviders()).toEqual([]);
        expect(attempts).toBe(2);
    });
});
