// Trust's planners, pure: a deep-frozen plain-data view of the trust tables and of the market in,
// Effects (or a typed error) out. A planner that tried to change a record would throw; a refused
// plan carries no effects; nothing reaches the store before applyTrust.
import { describe, expect, it } from 'vitest';
import { errorCase } from '../../../src/kernel/error';
import { seconds } from '../../../src/kernel/time';
import { applyTrust } from '../../../src/trust/keeper/apply';
import type { TrustEffects } from '../../../src/trust/keeper/effects';
import { planBatch, planFeedback, planSettle, planStatusChange, type Planning } from '../../../src/trust/keeper/plans';
import type { ContractTrust, ProviderTrust, TrustStore } from '../../../src/trust/keeper/state';
import { uptimeBatch } from '../../../src/trust/keeper/uptime';
import type { MarketReads, TableName, TrustView } from '../../../src/trust/keeper/view';
import { setup, withRunningContract, type FakeMarket, type MemTable } from './fakes';

const H = 3600;
const M = 60;

function freeze<T>(x: T): T {
    if (x !== null && typeof x === 'object' && !Object.isFrozen(x)) {
        Object.freeze(x);
        for (const v of Object.values(x)) freeze(v);
    }
    return x;
}

/** The trust tables as deep-frozen plain data. */
function frozenView(store: TrustStore): TrustView {
    const tables = freeze(Object.fromEntries(Object.entries(store).map(([name, t]) => [name, Object.fromEntries(structuredClone((t as MemTable<string, unknown>).m))])) as Record<string, Record<string, unknown>>);
    return Object.fromEntries(Object.keys(tables).map((n) => [n, { get: (k: string) => tables[n]![k] }])) as unknown as TrustView;
}

/** The market's reads over frozen snapshots of its contracts, offerings, providers and reporters. */
function frozenMarket(m: FakeMarket): MarketReads {
    const snap = freeze(structuredClone({ contracts: Object.fromEntries(m.contracts), offerings: Object.fromEntries(m.offerings), providers: Object.fromEntries(m.providers), reporters: [...m.reporterList.values()] }));
    return {
        contract: (id) => snap.contracts[id],
        offering: (id) => snap.offerings[id],
        provider: (id) => snap.providers[id],
        allOfferings: () => Object.values(snap.offerings),
        reporterRoles: (p) => snap.reporters.find((r) => r.principal === p)?.roles ?? [],
        reporters: () => snap.reporters
    };
}

const planning = (s: ReturnType<typeof setup>): Planning => ({ view: frozenView(s.store), market: frozenMarket(s.market), at: seconds(s.now.t) });
const written = <T>(e: TrustEffects, table: TableName, key: string): T | undefined => e.writes.written(table).get(key) as T | undefined;
const tables = (e: TrustEffects): string[] => e.writes.tables().sort();
const snapshot = (store: TrustStore): string => JSON.stringify(Object.entries(store).map(([n, t]) => [n, [...(t as MemTable<string, unknown>).m]]), (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

describe('status change of a paid contract', () => {
    it('plans the contract, the provider counters, the serving record, the SLA periods and the certified summary; writes nothing itself', () => {
        const s = withRunningContract();
        const before = snapshot(s.store);
        const p0 = s.store.providers.get('prov')!;
        s.now.t += 2 * 86_400;
        s.market.setStatus('1', 'cancelled');
        const r = planStatusChange(planning(s), s.market.contract('1')!);
        if ('Err' in r) throw new Error('planned an error');
        const e = r.Ok.effects;
        expect(written<ContractTrust>(e, 'contracts', '1')!.status).toBe('cancelled');
        const p = written<ProviderTrust>(e, 'providers', 'prov')!;
        expect([p.contracts.running, p.contracts.cancelledAfterStart]).toEqual([p0.contracts.running - 1, p0.contracts.cancelledAfterStart + 1]);
        expect(written(e, 'serving', '1')).toBeNull();
        // Two days passed: their periods are settled (unmonitored: no credit, a record each).
        expect(r.Ok.value.map((x) => x.outcome)).toEqual(['insufficient_monitoring', 'insufficient_monitoring']);
        expect(e.writes.written('sla').size).toBe(2);
        expect(e.credits).toEqual([]);
        expect(e.certified).toBe(true);
        expect(written(e, 'certified', 'p|prov')).toBeDefined();
        expect(snapshot(s.store)).toBe(before);

        applyTrust(s.keeper, e);
        expect(s.store.contracts.get('1')!.status).toBe('cancelled');
        expect(s.store.providers.get('prov')!.contracts.cancelledAfterStart).toBe(p0.contracts.cancelledAfterStart + 1);
    });

    it('an unchanged status plans no record write and no certification', () => {
        const s = withRunningContract();
        const r = planStatusChange(planning(s), s.market.contract('1')!);
        if ('Err' in r) throw new Error('planned an error');
        expect(tables(r.Ok.effects).filter((t) => t !== 'sla')).toEqual([]);
        expect(r.Ok.effects.certified).toBe(false);
    });
});

describe('an uptime batch', () => {
    const now = 10 * 86_400;
    const rep = (id: string, minute: number, up: number, down: number) => ({ id, contractId: '1', bucketStart: minute, up, down, latencyMs: 20, source: 'Probe' as const });

    it('with one bad item plans nothing at all, and names the item', () => {
        const s = withRunningContract();
        s.market.addContract('2', 'o1', 'bob', 'accepted');
        const r = planBatch(planning(s), 'mon-a', [rep('a', now - 120, 6, 0), { ...rep('b', now - 60, 6, 0), contractId: '2' }], uptimeBatch);
        expect('Err' in r && [errorCase(r.Err), JSON.stringify(r.Err, (_, v: unknown) => (typeof v === 'bigint' ? Number(v) : v))]).toEqual(['Inconsistent', expect.stringContaining('"index":[1]')]);
        expect('Ok' in r).toBe(false);
    });

    it('reads its own earlier writes: a second report of the same minute with other counts is refused', () => {
        const s = withRunningContract();
        const r = planBatch(planning(s), 'mon-a', [rep('a', now - 120, 6, 0), rep('b', now - 120, 0, 6)], uptimeBatch);
        expect('Err' in r && errorCase(r.Err)).toBe('Inconsistent');
        const same = planBatch(planning(s), 'mon-a', [rep('a', now - 120, 6, 0), rep('a2', now - 120, 6, 0)], uptimeBatch);
        expect('Ok' in same && same.Ok.value).toEqual({ applied: 1, duplicates: 1 });
    });

    it('a good batch plans the minute, the contract and the provider', () => {
        const s = withRunningContract();
        const r = planBatch(planning(s), 'mon-a', [rep('a', now - 120, 6, 0), rep('b', now - 60, 0, 6)], uptimeBatch);
        if ('Err' in r) throw new Error('planned an error');
        expect(tables(r.Ok.effects)).toEqual(expect.arrayContaining(['contracts', 'minutes', 'providers']));
        expect(r.Ok.effects.writes.written('minutes').size).toBe(2);
        expect(written<ProviderTrust>(r.Ok.effects, 'providers', 'prov')!.signals).toBe(s.store.providers.get('prov')!.signals + 2);
    });
});

describe('feedback', () => {
    it.each([
        { who: 'bob', status: 'completed' as const, want: 'Unauthorized' },
        { who: 'alice', status: 'running' as const, want: 'NotEligible' }
    ])('$who on a $status contract is refused ($want) with no effects', ({ who, status, want }) => {
        const s = withRunningContract();
        s.market.setStatus('1', status);
        const r = planFeedback(planning(s), who, '1', { matchedDescription: true, wouldRentAgain: true });
        expect('Err' in r && errorCase(r.Err)).toBe(want);
        expect('Ok' in r).toBe(false);
    });

    it('a second answer is refused (AlreadyAnswered) once the first is applied', () => {
        const s = withRunningContract();
        s.market.setStatus('1', 'completed');
        const first = planFeedback(planning(s), 'alice', '1', { matchedDescription: true, wouldRentAgain: true });
        if ('Err' in first) throw new Error('planned an error');
        expect(planFeedback(planning(s), 'alice', '1', { matchedDescription: false, wouldRentAgain: false })).toHaveProperty('Ok');
        applyTrust(s.keeper, first.Ok.effects);
        const again = planFeedback(planning(s), 'alice', '1', { matchedDescription: false, wouldRentAgain: false });
        expect('Err' in again && errorCase(again.Err)).toBe('AlreadyAnswered');
    });
});

describe('an SLA credit is an effect for the market', () => {
    it('is planned, not paid; apply asks the market and stores the record with its answer', () => {
        const s = setup({ t: 0 });
        s.market.addOffering('o1', 'prov');
        const start = 86_400 * 5;
        s.market.addContract('1', 'o1', 'alice', 'running', { startedAt: start, plannedStart: start, plannedEnd: start + 30 * 86_400 });
        s.now.t = start;
        s.keeper.contractChanged('1');
        for (let h = 0; h < 24; h++) {
            s.now.t = start + (h + 1) * H;
            const batch = Array.from({ length: 60 }, (_, i) => ({ id: `a-${h}-${i}`, contractId: '1', bucketStart: start + h * H + i * M, up: h === 3 && i < 30 ? 0 : 6, down: h === 3 && i < 30 ? 6 : 0, latencyMs: 20, source: 'Probe' as const }));
            expect('Ok' in s.keeper.submitUptime('mon-a', batch)).toBe(true);
        }
        s.now.t = start + 86_400 + 20 * M;
        const r = planSettle(planning(s), ['1']);
        if ('Err' in r) throw new Error('planned an error');
        const e = r.Ok.effects;
        expect(e.credits.map((c) => [c.contractId, c.amount, c.ref, c.key])).toEqual([['1', 30_000n, 'sla:1:0', '1|0000000000']]);
        expect(e.writes.written('sla').has('1|0000000000')).toBe(false);
        expect(s.market.credits).toEqual([]);
        const done = applyTrust(s.keeper, e);
        expect(s.market.credits).toEqual([{ contractId: '1', amount: 30_000n, ref: 'sla:1:0' }]);
        expect(s.store.sla.get('1|0000000000')).toMatchObject({ credit: '30000', credited: '30000', paid: true, note: 'credited from escrow' });
        expect(done.get(r.Ok.value[0]!)).toMatchObject({ paid: true });
    });
});
