import { errorCase } from '../../../src/kernel/error';
import { describe, expect, it } from 'vitest';
import { giveVoice, setup, withRunningContract } from './fakes';

const H = 3600;
const M = 60;

describe('authorization matrix', () => {
    const ev = { id: 'm1', contractId: '1', kind: 'customer_message' as const, at: 9 * 86_400 };
    const up = { id: 'u1', contractId: '1', bucketStart: 10 * 86_400 - 120, up: 5, down: 0, latencyMs: 10, source: 'Probe' as const };
    const bench = { id: 'b1', target: { offering: 'o1' }, source: 's', metric: 'vcpu', value: 2, url: 'https://x.test/a', fetchedAt: 9 * 86_400 };
    it.each([
        { who: 'relay-1', call: 'events', want: 'ok' },
        { who: 'relay-1', call: 'uptime', want: 'NotAssigned' },
        { who: 'relay-1', call: 'benchmarks', want: 'ok' },
        { who: 'mon-a', call: 'events', want: 'Unauthorized' },
        { who: 'mon-a', call: 'uptime', want: 'ok' },
        { who: 'mon-a', call: 'benchmarks', want: 'Unauthorized' },
        { who: 'stranger', call: 'events', want: 'Unauthorized' },
        { who: 'stranger', call: 'uptime', want: 'NotAssigned' },
        { who: 'stranger', call: 'benchmarks', want: 'Unauthorized' },
        { who: 'alice', call: 'uptime', want: 'NotAssigned' }
    ])('$who → $call: $want', ({ who, call, want }) => {
        const { keeper } = withRunningContract();
        const r = call === 'events' ? keeper.submitConversationEvents(who, [ev]) : call === 'uptime' ? keeper.submitUptime(who, [up]) : keeper.submitBenchmarks(who, [bench]);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe(want);
    });

    it.each([
        { by: { caller: 'admin', isController: true }, want: 'ok' },
        { by: { caller: 'relay-1', isController: false }, want: 'Unauthorized' },
        { by: { caller: 'alice', isController: false }, want: 'Unauthorized' }
    ])('setReporter by $by.caller: $want', ({ by, want }) => {
        const { keeper } = setup();
        const r = keeper.setReporter(by, 'new-mon', ['monitor']);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe(want);
    });

    it('one principal may hold both roles (relay and monitor)', () => {
        const { keeper, admin } = withRunningContract();
        keeper.setReporter(admin, 'both', ['relay', 'monitor']);
        expect('Ok' in keeper.submitConversationEvents('both', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: 9 * 86_400 }])).toBe(true);
        expect(keeper.reporters().find((r) => r.principal === 'both')?.roles).toEqual(['relay', 'monitor']);
    });

    it('moves a reporter table of the earlier layout into the market list', () => {
        const { keeper, store, market } = setup();
        store.reporters.put('reporters', { old: { role: 'monitor', addedAt: 1, addedBy: 'admin' }, 'relay-1': { role: 'monitor', addedAt: 1, addedBy: 'admin' } });
        keeper.migrateReporters();
        expect(market.reporterRoles('old')).toEqual(['monitor']);
        expect(market.reporterRoles('relay-1')).toEqual(['relay', 'monitor']);
        expect(store.reporters.get('reporters')).toEqual({});
    });

    it('a removed reporter can no longer report', () => {
        const { keeper, admin } = withRunningContract();
        keeper.setReporter(admin, 'relay-1', []);
        const r = keeper.submitConversationEvents('relay-1', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: 9 * 86_400 }]);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe('Unauthorized');
    });
});

describe('conversation signals', () => {
    it('measures first responses and flags silence from the deadline until the reply', () => {
        const s = withRunningContract();
        giveVoice(s, 'alice');
        const t0 = 9 * 86_400;
        expect('Ok' in s.keeper.submitConversationEvents('relay-1', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: t0 }])).toBe(true);
        s.now.t = t0 + 5 * H;
        let prof = s.keeper.providerProfile('prov')!;
        expect(prof.silentSince).toBe(t0 + 4 * H);
        expect(prof.breakdown.flags.find((f) => f.code === 'silent')?.since).toBe(t0 + 4 * H);
        expect(s.keeper.contractSignals('1')!.silentSince).toBe(t0 + 4 * H);
        s.keeper.submitConversationEvents('relay-1', [{ id: 'm2', contractId: '1', kind: 'provider_reply', at: t0 + 5 * H }]);
        prof = s.keeper.providerProfile('prov')!;
        expect(prof.silentSince).toBeNull();
        expect(prof.responsiveness.breaches).toBe(1);
        expect(prof.responsiveness.firstResponseMedian! / (5 * H)).toBeCloseTo(1, 0);
        expect(s.keeper.contractSignals('1')!.recentEvents.map((e) => [e.sourceId, e.reporter])).toEqual([['m2', 'relay-1'], ['m1', 'relay-1']]);
    });

    it('is idempotent by id, and a reused id with other content is rejected', () => {
        const s = withRunningContract();
        const e = { id: 'm1', contractId: '1', kind: 'customer_message' as const, at: 9 * 86_400 };
        expect(s.keeper.submitConversationEvents('relay-1', [e])).toEqual({ Ok: { applied: 1, duplicates: 0 } });
        expect(s.keeper.submitConversationEvents('relay-1', [e, e])).toEqual({ Ok: { applied: 0, duplicates: 2 } });
        const r = s.keeper.submitConversationEvents('relay-1', [{ ...e, at: e.at + 1 }]);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe('Inconsistent');
    });

    it('a bad item rejects the whole batch and changes nothing', () => {
        const s = withRunningContract();
        const before = JSON.stringify([...(s.store.providers as never as { m: Map<string, unknown> }).m]);
        const r = s.keeper.submitConversationEvents('relay-1', [
            { id: 'm1', contractId: '1', kind: 'customer_message', at: 9 * 86_400 },
            { id: 'm2', contractId: 'nope', kind: 'provider_reply', at: 9 * 86_400 + 10 }
        ]);
        expect(r).toEqual({ Err: { NotFound: { what: 'contract', id: 'nope' } } });
        expect(JSON.stringify([...(s.store.providers as never as { m: Map<string, unknown> }).m])).toBe(before);
        expect(s.keeper.submitConversationEvents('relay-1', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: 9 * 86_400 }])).toEqual({ Ok: { applied: 1, duplicates: 0 } });
    });

    it('rejects out-of-order events with the item index', () => {
        const s = withRunningContract();
        const r = s.keeper.submitConversationEvents('relay-1', [
            { id: 'm1', contractId: '1', kind: 'customer_message', at: 9 * 86_400 },
            { id: 'm2', contractId: '1', kind: 'provider_reply', at: 9 * 86_400 - 10 }
        ]);
        expect(r).toMatchObject({ Err: { Inconsistent: { index: [1] } } });
    });
});

describe('uptime signals', () => {
    const now = 10 * 86_400;
    const rep = (id: string, minute: number, up: number, down: number) => ({ id, contractId: '1', bucketStart: minute, up, down, latencyMs: 30, source: 'Probe' as const });

    it('follows the majority of monitors and shows the disagreement', () => {
        const s = withRunningContract();
        const m = now - 10 * M;
        s.keeper.submitUptime('mon-a', [rep('a1', m, 0, 6)]);
        s.keeper.submitUptime('mon-b', [rep('b1', m, 6, 0)]);
        s.keeper.submitUptime('mon-c', [rep('1', m, 6, 0)]);
        const sig = s.keeper.contractSignals('1')!;
        expect(sig.uptime.day.upMinutes).toBe(1);
        expect(sig.uptime.day.downMinutes).toBe(0);
        expect(sig.uptime.day.disputedMinutes).toBe(1);
        expect(sig.contract.uptime.outvoted).toEqual({ 'mon-a/Probe': 1 });
        expect(sig.incidents.count).toBe(0);
        expect(s.keeper.providerProfile('prov')!.uptime.day.uptime).toBe(1);
    });

    it("minutes on a contract count for the score by its tenant's independence: a sybil's own server measures nothing", () => {
        const countedUp = (s: ReturnType<typeof withRunningContract>) => s.keeper.providerProfile('prov')!.breakdown.measuredDays * 1_440;
        const sybil = withRunningContract();
        sybil.keeper.submitUptime('mon-a', [rep('a1', now - 10 * M, 6, 0), rep('a2', now - 9 * M, 6, 0)]);
        expect(sybil.keeper.providerProfile('prov')!.offeringUptime).toMatchObject([{ upMinutes: 2, downMinutes: 0 }]);
        expect(countedUp(sybil)).toBe(0);
        const honest = setup();
        honest.store.histories.put('alice', { weight: 3, factorSum: 0, factorStartSum: 0 });
        honest.market.addOffering('o1', 'prov');
        honest.market.addContract('1', 'o1', 'alice', 'running');
        honest.keeper.contractChanged('1');
        honest.keeper.submitUptime('mon-a', [rep('a1', now - 10 * M, 6, 0), rep('a2', now - 9 * M, 6, 0)]);
        const ind = honest.store.payers.get('prov|alice')!.independence!;
        expect(ind).toBeGreaterThan(0.5);
        expect(countedUp(honest)).toBeCloseTo(2 * ind, 6);
    });

    it('counts incidents and rejects conflicting re-reports', () => {
        const s = withRunningContract();
        const r = s.keeper.submitUptime('mon-a', [rep('a1', now - 5 * M, 0, 3), rep('a2', now - 4 * M, 0, 3), rep('a3', now - 3 * M, 3, 0), rep('a4', now - 2 * M, 0, 3)]);
        expect(r).toEqual({ Ok: { applied: 4, duplicates: 0 } });
        expect(s.keeper.contractSignals('1')!.incidents).toMatchObject({ count: 2, longestMinutes: 2 });
        expect(s.keeper.submitUptime('mon-a', [rep('a9', now - 3 * M, 3, 0)])).toEqual({ Ok: { applied: 0, duplicates: 1 } });
        const bad = s.keeper.submitUptime('mon-a', [rep('a10', now - 3 * M, 0, 3)]);
        expect(('Ok' in bad ? 'ok' : errorCase(bad.Err))).toBe('Inconsistent');
    });

    it('rejects reports outside the contract service time', () => {
        const s = withRunningContract();
        s.market.addContract('2', 'o1', 'bob', 'accepted');
        const r = s.keeper.submitUptime('mon-a', [{ ...rep('x', now - 60, 1, 0), contractId: '2' }]);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe('Inconsistent');
    });
});

describe('SLA credits', () => {
    const below = (fails: boolean) => {
        const s = setup({ t: 0 });
        s.market.creditFails = fails;
        s.market.addOffering('o1', 'prov');
        const start = 86_400 * 5;
        s.market.addContract('1', 'o1', 'alice', 'running', { startedAt: start, plannedStart: start, plannedEnd: start + 30 * 86_400, total: 3_000_000n });
        s.now.t = start;
        s.keeper.contractChanged('1');
        // Day 0: 1440 minutes, 30 down (97.9% < 99.9% − 1 pp → 30% tier).
        for (let h = 0; h < 24; h++) {
            s.now.t = start + (h + 1) * H;
            const batch = Array.from({ length: 60 }, (_, i) => {
                const minute = start + h * H + i * M;
                const down = h === 3 && i < 30;
                return { id: `a-${h}-${i}`, contractId: '1', bucketStart: minute, up: down ? 0 : 6, down: down ? 6 : 0, latencyMs: 20, source: 'Probe' as const };
            });
            expect('Ok' in s.keeper.submitUptime('mon-a', batch)).toBe(true);
        }
        s.now.t = start + 86_400 + 20 * M;
        s.keeper.settleSla(['1']);
        s.keeper.settleSla(['1']);
        return s;
    };

    it('credits the tenant from escrow after a period below target, once', () => {
        const s = below(false);
        expect(s.market.credits).toEqual([{ contractId: '1', amount: 30_000n, ref: 'sla:1:0' }]);
        const sla = s.keeper.contractSignals('1')!.sla;
        expect(sla).toHaveLength(1);
        expect(sla[0]).toMatchObject({ outcome: 'credited', creditBps: 3000, credit: '30000', paid: true });
    });

    it('a credit the market refuses is recorded unpaid, with the market’s error in its note', () => {
        const s = below(true);
        expect(s.market.credits).toEqual([]);
        const [rec] = s.keeper.contractSignals('1')!.sla;
        expect(rec).toMatchObject({ creditBps: 3000, credit: '30000', credited: '0', paid: false });
        expect(rec!.note).toBe('not credited: InsufficientBalance {"available":"0","requested":"30000"}');
    });
});

describe('feedback', () => {
    it.each([
        { who: 'alice', status: 'completed' as const, want: 'ok' },
        { who: 'bob', status: 'completed' as const, want: 'Unauthorized' },
        { who: 'alice', status: 'running' as const, want: 'NotEligible' }
    ])('$who on a $status contract: $want', ({ who, status, want }) => {
        const s = withRunningContract();
        s.market.setStatus('1', status);
        const r = s.keeper.submitFeedback(who, '1', { matchedDescription: true, wouldRentAgain: false });
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe(want);
    });

    it("a sybil's answer is kept but does not count: only tenants with history elsewhere speak for the market", () => {
        const s = withRunningContract();
        s.market.setStatus('1', 'completed');
        s.keeper.contractChanged('1');
        const r = s.keeper.submitFeedback('alice', '1', { matchedDescription: true, wouldRentAgain: true });
        expect('Ok' in r && r.Ok.counted).toBe(false);
        expect(s.keeper.providerProfile('prov')!.trust.feedback).toEqual({ matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0 });
    });

    it('is given once and counts for the provider', () => {
        const s = setup();
        s.store.histories.put('alice', { weight: 2, factorSum: 0, factorStartSum: 0 });
        s.market.addOffering('o1', 'prov');
        s.market.addContract('1', 'o1', 'alice', 'running');
        s.keeper.contractChanged('1');
        s.market.setStatus('1', 'completed');
        s.keeper.contractChanged('1');
        expect('Ok' in s.keeper.submitFeedback('alice', '1', { matchedDescription: true, wouldRentAgain: false })).toBe(true);
        const again = s.keeper.submitFeedback('alice', '1', { matchedDescription: true, wouldRentAgain: true });
        expect(('Ok' in again ? 'ok' : errorCase(again.Err))).toBe('AlreadyAnswered');
        expect(s.keeper.providerProfile('prov')!.trust.feedback).toEqual({ matchedYes: 1, matchedNo: 0, againYes: 0, againNo: 1 });
    });
});

describe('benchmarks, market and score history', () => {
    it('flags a claim beyond tolerance; prices only against active offerings of providers with paid service', () => {
        const s = setup();
        s.market.addOffering('o1', 'prov', { monthlyPrice: 200n });
        for (const [i, p] of ['x', 'y', 'z'].entries()) s.market.addOffering(`q${i}`, p, { monthlyPrice: 600n });
        expect(s.keeper.refreshMarket({ caller: 'relay-1', isController: false })).toEqual({ Ok: 4 });
        expect('Ok' in s.keeper.refreshMarket({ caller: 'mon-a', isController: false })).toBe(false);
        const r = s.keeper.submitBenchmarks('relay-1', [{ id: 'b1', target: { offering: 'o1' }, source: 'vpsbenchmarks.com', metric: 'ram_gib', value: 2, url: 'https://vpsbenchmarks.com/o1', fetchedAt: 9 * 86_400 }]);
        expect('Ok' in r).toBe(true);
        let prof = s.keeper.providerProfile('prov')!;
        // Nobody paid the other providers: their offerings are no market price.
        expect(prof.offerings[0]).toMatchObject({ offeringId: 'o1', label: 'not enough comparable offerings', anomaly: null });
        expect(prof.breakdown.flags.map((f) => f.code)).toEqual(['claim_mismatch']);
        expect(prof.breakdown.score).toBe(60);
        const serve = (tenants: string[]) => {
            for (const [i, p] of ['prov', 'x', 'y', 'z'].entries()) {
                s.market.addContract(`k${i}${tenants[i]}`, p === 'prov' ? 'o1' : `q${i - 1}`, tenants[i]!, 'running');
                s.keeper.contractChanged(`k${i}${tenants[i]}`);
            }
        };
        // Served only by tenants without history elsewhere (sybils): the comparables weigh nothing.
        serve(['t0', 't1', 't2', 't3']);
        prof = s.keeper.providerProfile('prov')!;
        expect(prof.offerings[0]).toMatchObject({ offeringId: 'o1', label: 'not enough comparable offerings', anomaly: null });
        // Tenants with two paid months elsewhere make each comparable count.
        for (const t of ['h1', 'h2', 'h3']) s.store.histories.put(t, { weight: 2, factorSum: 0, factorStartSum: 0 });
        serve(['h0', 'h1', 'h2', 'h3']);
        prof = s.keeper.providerProfile('prov')!;
        expect(prof.offerings[0]).toMatchObject({ offeringId: 'o1', name: 'Offering o1', label: '67% below market', anomaly: 'too_cheap' });
        expect(prof.breakdown.flags.map((f) => f.code).sort()).toEqual(['claim_mismatch', 'concentration', 'price_anomaly']);
        // A deactivated offering leaves the index at once.
        s.market.offerings.set('q0', { ...s.market.offerings.get('q0')!, active: false });
        s.keeper.offeringChanged('q0');
        expect(s.keeper.providerProfile('prov')!.offerings[0]).toMatchObject({ comparables: 2, anomaly: null });
    });

    it('listing cards are returned for known providers only', () => {
        const s = withRunningContract();
        const cards = s.keeper.listingCards(['prov', 'ghost']);
        expect(cards.map((c) => [c.provider, c.tenure])).toEqual([['prov', 'new']]);
        expect(cards[0]!.score).toBeGreaterThan(55);
    });

    it('a registered provider without signals is "new" at the prior score', () => {
        const s = setup();
        s.market.addOffering('o1', 'fresh');
        expect(s.keeper.providerProfile('fresh')).toMatchObject({ tenure: 'new', breakdown: { score: 60, evidence: { months: 0, payers: 0 } } });
        expect(s.keeper.providerProfile('nobody')).toBeNull();
    });
});
