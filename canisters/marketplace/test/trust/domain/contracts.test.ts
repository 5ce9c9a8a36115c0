import { describe, expect, it } from 'vitest';
import { applyStatusChange, contractWeight } from '../../../src/trust/domain/contracts';
import { emptyContractStats, MONTH, TENANT_CAP_MONTHS, type ContractStats, type Payer, type Serving, type TrustStatus } from '../../../src/trust/domain/contract_records';
import { evidenceOf, stuck, tenureOf } from '../../../src/trust/domain/evidence';
import { FRESH_CREDIT_CAP } from '../../../src/trust/domain/independence';
import { failureBase } from '../../../src/trust/domain/score/rules';

const H = 3600;
const D = 86_400;

interface Walk {
    id?: string;
    tenant?: string;
    paid?: boolean;
    start?: number;
    end?: number;
    monthlyTokens?: number;
    /** The tenant's paid months elsewhere (default: a long history, so it counts as fully independent). */
    elsewhere?: number;
    measuredSeconds?: number;
    /** The share of the contract's downtime budget measured used (default 1: at its target). */
    budgetUsed?: number;
}

// The serving and tenant records a keeper keeps in their own tables; a walk from empty starts them afresh.
let servingRecords = new Map<string, Serving>();
let payerRecords = new Map<string, Payer>();

function walk(path: (TrustStatus | [TrustStatus, number])[], o: Walk = {}, s0?: ContractStats): ContractStats {
    if (s0 === undefined) [servingRecords, payerRecords] = [new Map(), new Map()];
    let s = s0 ?? emptyContractStats();
    const id = o.id ?? 'c';
    const tenant = o.tenant ?? 'alice';
    let from: TrustStatus | null = null;
    let t = 0;
    for (const step of path) {
        const [to, at] = Array.isArray(step) ? step : [step, (t += H)];
        t = at;
        const start = o.start ?? 0;
        const out = applyStatusChange(
            s,
            {
                contractId: id,
                tenant,
                from,
                to,
                at,
                paid: o.paid ?? true,
                startedAt: to === 'requested' || to === 'accepted' || to === 'provisioning' ? null : start,
                plannedStart: start,
                plannedEnd: o.end ?? 30 * D,
                value: 100n,
                monthlyTokens: o.monthlyTokens ?? 10,
                elsewhereMonths: o.elsewhere ?? 1e12,
                measuredSeconds: o.measuredSeconds ?? 0,
                budgetUsed: o.budgetUsed ?? 1
            },
            servingRecords.get(id),
            payerRecords.get(tenant)
        );
        if (out !== null) {
            s = out.stats;
            if (out.serving === null) servingRecords.delete(id);
            else if (out.serving !== undefined) servingRecords.set(id, out.serving);
            if (out.payer !== undefined) payerRecords.set(tenant, out.payer);
        }
        from = to;
    }
    return s;
}

const pick = (s: ContractStats) => ({
    provisioned: s.provisioned,
    rejectedPaid: s.rejectedPaid,
    failedPaid: s.failedPaid,
    silentPaid: s.silentPaid,
    cancelledBeforeStart: s.cancelledBeforeStart,
    cancelledAfterStart: s.cancelledAfterStart,
    earlyCancelled: s.earlyCancelled,
    completed: s.completed,
    running: s.running,
    open: Object.keys(s.open).length
});

const zero = { provisioned: 0, rejectedPaid: 0, failedPaid: 0, silentPaid: 0, cancelledBeforeStart: 0, cancelledAfterStart: 0, earlyCancelled: 0, completed: 0, running: 0, open: 0 };

describe('paid contract counters from status changes', () => {
    it.each<{ name: string; path: (TrustStatus | [TrustStatus, number])[]; want: Partial<typeof zero> }>([
        { name: 'paid request waiting', path: ['requested'], want: { open: 1 } },
        { name: 'rejected after payment', path: ['requested', 'rejected'], want: { rejectedPaid: 1 } },
        { name: 'paid request left to expire', path: ['requested', 'expired'], want: { silentPaid: 1 } },
        { name: 'failed provisioning after payment', path: ['requested', 'accepted', 'provisioning', 'provisioning_failed'], want: { failedPaid: 1 } },
        { name: 'running', path: ['requested', 'accepted', 'running'], want: { provisioned: 1, running: 1 } },
        { name: 'natural end by expiry', path: ['requested', 'accepted', 'running', 'expired'], want: { provisioned: 1, completed: 1 } },
        { name: 'early cancellation', path: ['requested', 'accepted', 'running', ['cancelled', 2 * D]], want: { provisioned: 1, cancelledAfterStart: 1, earlyCancelled: 1 } },
        { name: 'late cancellation', path: ['requested', 'accepted', 'running', ['cancelled', 20 * D]], want: { provisioned: 1, cancelledAfterStart: 1 } },
        { name: 'tenant cancelled before provisioning: neutral', path: ['requested', 'cancelled'], want: { cancelledBeforeStart: 1 } },
        { name: 'repeated status is ignored', path: ['requested', 'accepted', 'running', 'running'], want: { provisioned: 1, running: 1 } }
    ])('$name', ({ path, want }) => {
        expect(pick(walk(path))).toEqual({ ...zero, ...want });
    });

    it.each<(TrustStatus | [TrustStatus, number])[]>([['requested'], ['requested', 'rejected'], ['requested', 'expired'], ['requested', 'accepted', 'provisioning_failed'], ['requested', 'cancelled']])(
        'an unpaid contract counts for nothing: %j',
        (...path) => {
            expect(walk(path, { paid: false })).toEqual(emptyContractStats());
        }
    );

    it('evidence: months served × value factor, each tenant capped, repeat customers need two served contracts', () => {
        let s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 'a1' });
        expect(evidenceOf(s, 40 * D)).toMatchObject({ payers: 1, repeatCustomers: 0 });
        expect(evidenceOf(s, 40 * D).months).toBeCloseTo(1, 2);
        s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 'a2' }, s);
        expect(evidenceOf(s, 40 * D).repeatCustomers).toBe(1);
        for (let i = 3; i < 8; i++) s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: `a${i}` }, s);
        expect(evidenceOf(s, 40 * D).months).toBeCloseTo(TENANT_CAP_MONTHS, 6);
        s = walk(['requested', 'accepted', 'running'], { id: 'b1', tenant: 'bob' }, s);
        expect(evidenceOf(s, 15 * D).months).toBeCloseTo(TENANT_CAP_MONTHS + 0.5, 2);
        expect(evidenceOf(s, 15 * D).topTimeShare).toBeGreaterThan(0.9);
    });

    it('dust contracts weigh next to nothing; a day of a contract worth 1 token a month is a 30th of a month', () => {
        expect(contractWeight(MONTH, 0.000001)).toBeLessThan(0.00001);
        expect(contractWeight(D, 1)).toBeCloseTo(1 / 30, 5);
        expect(contractWeight(D, 50)).toBeCloseTo(1 / 30, 5);
    });

    it('a contract cancelled within an hour is no served contract for repeat customers', () => {
        let s = walk(['requested', 'accepted', 'running', ['cancelled', H / 2]], { id: 'x1' });
        s = walk(['requested', 'accepted', 'running', ['cancelled', H / 2]], { id: 'x2' }, s);
        expect(evidenceOf(s, D).repeatCustomers).toBe(0);
    });

    it('tracks provider activity and stuck paid requests', () => {
        const s = walk(['requested', ['accepted', 10 * H]]);
        expect(s.lastActivityAt).toBe(10 * H);
        expect(stuck(s, 10 * H + 72 * H)).toEqual({ stuckRequested: 0, stuckAccepted: 0, stuckValue: 0n });
        expect(stuck(s, 10 * H + 73 * H)).toEqual({ stuckRequested: 0, stuckAccepted: 1, stuckValue: 100n });
    });

    it('provisioning keeps the acceptance time for stall detection', () => {
        const s = walk(['requested', ['accepted', 10 * H], ['provisioning', 50 * H]]);
        expect(s.open['c']?.since).toBe(10 * H);
    });

    it('the provider record keeps totals only: its size does not grow with running contracts', () => {
        let s = walk(['requested', 'accepted', 'running'], { id: 'r0', tenant: 't0' });
        const one = JSON.stringify(s).length;
        for (let i = 1; i < 200; i++) s = walk(['requested', 'accepted', 'running'], { id: `r${i}`, tenant: `t${i % 50}` }, s);
        expect(s.running).toBe(200);
        expect(JSON.stringify(s).length).toBeLessThan(one + 200);
        // Each of 50 tenants runs four 10-token contracts since 0: 4 × 15 days = 2 months each at 15 days.
        expect(evidenceOf(s, 15 * D)).toMatchObject({ payers: 50, servedSeconds: 200 * 15 * D });
        expect(evidenceOf(s, 15 * D).months).toBeCloseTo(100, 6);
        expect(evidenceOf(s, 15 * D).topTimeShare).toBeCloseTo(1 / 50, 6);
    });

    it('one tenant running a long contract counts at most the cap, without any status change', () => {
        const s = walk(['requested', 'accepted', 'running'], { id: 'long', tenant: 'self', end: 365 * D });
        expect(evidenceOf(s, 60 * D).months).toBeCloseTo(2, 6);
        expect(evidenceOf(s, 300 * D).months).toBeCloseTo(TENANT_CAP_MONTHS, 6);
    });

    it('ending a running contract moves its time from the running sums to the closed ones', () => {
        let s = walk(['requested', 'accepted', 'running'], { id: 'k1', tenant: 'kim' });
        s = walk(['requested', 'accepted', 'running', ['completed', 30 * D]], { id: 'k2', tenant: 'lee' }, s);
        const e = evidenceOf(s, 30 * D);
        expect(e.servedSeconds).toBe(60 * D);
        expect(e.months).toBeCloseTo(2, 6);
        expect(evidenceOf(s, 45 * D).servedSeconds).toBe(75 * D);
        expect(s.evidence.running).toBe(1);
    });

    it.each([
        { completed: 0, want: 'new' },
        { completed: 4, want: 'new' },
        { completed: 5, want: 'growing' },
        { completed: 20, want: 'growing' },
        { completed: 21, want: 'established' }
    ])('tenure with $completed completed is $want', ({ completed, want }) => expect(tenureOf(completed)).toBe(want));
});

describe('tenants weighted by independence', () => {
    it('a tenant without history elsewhere counts a quarter, one with a long history fully, and only the latter is independent', () => {
        let s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 's1', tenant: 'sybil', elsewhere: 0, monthlyTokens: 1 });
        expect(evidenceOf(s, 30 * D).months).toBeCloseTo(0.25, 6);
        expect(evidenceOf(s, 30 * D).independent).toBe(0);
        s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 'h1', tenant: 'honest', elsewhere: 2, monthlyTokens: 1 }, s);
        // 2 months elsewhere, 1 here: independence 2/3, credit 0.25 + 0.75 × 2/3 = 0.75.
        expect(evidenceOf(s, 30 * D).months).toBeCloseTo(1, 6);
        expect(evidenceOf(s, 30 * D).independent).toBe(1);
    });

    it('a tenant vouches for its first 3 served contracts in the failure rate: contracts going round a ring cannot dilute failures', () => {
        let s: ContractStats | undefined;
        for (let k = 0; k < 5; k++) s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: `r${k}`, tenant: 'ring', monthlyTokens: 1 }, s);
        expect(s!.provisioned).toBe(5);
        expect(s!.provisionedCredit).toBeCloseTo(3, 6);
        s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 'o1', tenant: 'other', monthlyTokens: 1 }, s);
        expect(s.provisionedCredit).toBeCloseTo(4, 6);
        expect(s.freshCredit ?? 0).toBe(0);
    });

    it('served contracts of tenants without history elsewhere are kept apart: the failure rate counts at most 2 of their credit', () => {
        let s: ContractStats | undefined;
        for (let k = 0; k < 12; k++) s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: `s${k}`, tenant: `sybil${k}`, elsewhere: 0, monthlyTokens: 1 }, s);
        expect(s!.provisionedCredit).toBeCloseTo(3, 6);
        expect(s!.freshCredit).toBeCloseTo(3, 6);
    });

    it('a tenant with history elsewhere vouches beyond the fresh tenants\' cap only by its reach: sybils given a month elsewhere dilute failures by half', () => {
        let s: ContractStats | undefined;
        for (let k = 0; k < 12; k++) s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: `b${k}`, tenant: `bought${k}`, elsewhere: 1, monthlyTokens: 1 }, s);
        // Each is independent (1 month elsewhere, next to nothing here yet: credit ≈ 1) and worth 1 / 2 in full.
        const credit = s!.provisionedCredit!;
        expect(credit).toBeCloseTo(12, 1);
        expect(s!.freshCredit).toBeCloseTo(credit / 2, 6);
        expect(failureBase({ provisionedCredit: credit, freshCredit: s!.freshCredit! })).toBeCloseTo(credit / 2 + FRESH_CREDIT_CAP, 6);
        s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 'l1', tenant: 'long', elsewhere: 2, monthlyTokens: 1 }, s);
        expect(s.provisionedCredit! - credit).toBeCloseTo(1, 1);
        expect(s.freshCredit).toBeCloseTo(credit / 2, 6);
    });

    it('history below half a month is no history: buying independence costs real paid time elsewhere', () => {
        const s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { tenant: 'thin', elsewhere: 0.49, monthlyTokens: 1 });
        expect(evidenceOf(s, 30 * D).independent).toBe(0);
        expect(evidenceOf(s, 30 * D).months).toBeCloseTo(0.25, 6);
    });

    it('early cancellations count only on measured service, weighted by the tenant\'s independence', () => {
        const early: (TrustStatus | [TrustStatus, number])[] = ['requested', 'accepted', 'running', ['cancelled', 2 * D]];
        const unmeasured = walk(early, { tenant: 'a' });
        expect(unmeasured.earlyCancelled).toBe(1);
        expect(unmeasured.earlyWeight).toBe(0);
        const sybil = walk(early, { tenant: 'b', elsewhere: 0, measuredSeconds: 2 * D });
        expect([sybil.earlyWeight, sybil.cancelWeight]).toEqual([0, 0]);
        const honest = walk(early, { tenant: 'c', measuredSeconds: 2 * D });
        expect(honest.earlyWeight).toBeCloseTo(1, 6);
        expect(honest.cancelWeight).toBeCloseTo(1, 6);
        // The flag's spend: 2 days of 10 tokens a month earned before the cancellation; a sybil's counts nothing.
        expect(honest.earlyTokens).toBeCloseTo(2 / 3, 6);
        expect(sybil.earlyTokens ?? 0).toBe(0);
        const hour = walk(['requested', 'accepted', 'running', ['cancelled', 2 * H]], { tenant: 'd', measuredSeconds: 90 * 60, monthlyTokens: 1 });
        expect(hour.earlyWeight).toBeCloseTo(1, 6);
        expect(hour.earlyTokens).toBeLessThan(0.003);
    });

    it('an early cancellation counts as far as measured downtime explains it: none of a server that stayed up', () => {
        const early: (TrustStatus | [TrustStatus, number])[] = ['requested', 'accepted', 'running', ['cancelled', 2 * D]];
        const up = walk(early, { tenant: 'u', measuredSeconds: 2 * D, budgetUsed: 0 });
        // The cancellation is measured (the rate's base) but not the provider's doing.
        expect([up.earlyCancelled, up.earlyWeight ?? 0, up.earlyTokens ?? 0]).toEqual([1, 0, 0]);
        expect(up.cancelWeight).toBeCloseTo(1, 6);
        const half = walk(early, { tenant: 'h', measuredSeconds: 2 * D, budgetUsed: 0.5 });
        expect(half.earlyWeight).toBeCloseTo(0.5, 6);
        expect(half.earlyTokens).toBeCloseTo(1 / 3, 6);
        const below = walk(early, { tenant: 'b', measuredSeconds: 2 * D, budgetUsed: 40 });
        expect(below.earlyWeight).toBeCloseTo(1, 6);
    });

    it('a tenant widens the breadth only with a week of paid time here (running contracts as planned)', () => {
        const hour = walk(['requested', 'accepted', 'running'], { tenant: 'h', end: H, monthlyTokens: 10 });
        expect(evidenceOf(hour, 0).independent).toBe(0);
        const month = walk(['requested', 'accepted', 'running'], { tenant: 'm', monthlyTokens: 1 });
        expect(evidenceOf(month, 0).independent).toBe(1);
        // Cancelled after a day: its planned month is gone, a day is not a week.
        const cancelled = walk(['requested', 'accepted', 'running', ['cancelled', D]], { tenant: 'm', monthlyTokens: 1 });
        expect(evidenceOf(cancelled, D).independent).toBe(0);
    });

    it('a tenant with history elsewhere widens the breadth in full only from 2 months of it', () => {
        let s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 't1', tenant: 'bought', elsewhere: 0.53, monthlyTokens: 1 });
        // Independent while its first month here runs (0.53 elsewhere, 0 here), worth 0.53 / 2.
        expect(evidenceOf(s, 30 * D).independent).toBe(1);
        expect(evidenceOf(s, 30 * D).breadth).toBeCloseTo(0.53 / 2, 6);
        s = walk(['requested', 'accepted', 'running', ['expired', 30 * D]], { id: 't2', tenant: 'long', elsewhere: 2, monthlyTokens: 1 }, s);
        expect(evidenceOf(s, 30 * D).independent).toBe(2);
        expect(evidenceOf(s, 30 * D).breadth).toBeCloseTo(1 + 0.53 / 2, 6);
        // A record from before reach counts 1, as it entered.
        const legacy = { ...payerRecords.get('long')! };
        delete legacy.reach;
        const stored = { ...s, evidence: { ...s.evidence, breadth: undefined } };
        expect(evidenceOf(stored, 30 * D).breadth).toBe(2);
        const change = { contractId: 't3', tenant: 'long', from: null, to: 'requested' as const, at: 31 * D, paid: true, startedAt: null, plannedStart: 31 * D, plannedEnd: 61 * D, value: 100n, monthlyTokens: 1 };
        const after = applyStatusChange(stored, change, undefined, legacy);
        expect(evidenceOf(after!.stats, 31 * D).breadth).toBe(2);
    });

    it('a tenant record from before the breadth rule leaves the count by the rule it entered with', () => {
        const s = walk(['requested', 'accepted', 'running'], { tenant: 'old', end: H, monthlyTokens: 10 });
        const legacy = { ...payerRecords.get('old')! };
        delete legacy.broad;
        payerRecords.set('old', legacy);
        const stored = { ...s, evidence: { ...s.evidence, independent: 1 } };
        const change = { contractId: 'c', tenant: 'old', from: 'running' as const, to: 'expired' as const, at: 4 * H, paid: true, startedAt: 0, plannedStart: 0, plannedEnd: H, value: 100n, monthlyTokens: 10, elsewhereMonths: 1e12 };
        const after = applyStatusChange(stored, change, servingRecords.get('c'), legacy);
        expect(after?.stats.evidence.independent).toBe(0);
        expect(after?.payer?.broad).toBe(false);
    });

    it('"early" is measured against the end that was paid for, not the cancellation the market reports as the end', () => {
        const t = walk(['requested', 'accepted', 'running'], { id: 'y', tenant: 'e', end: 30 * D });
        const early = applyStatusChange(t, { contractId: 'y', tenant: 'e', from: 'running', to: 'cancelled', at: 2 * D, paid: true, startedAt: 0, plannedStart: 0, plannedEnd: 2 * D, value: 100n, monthlyTokens: 10, elsewhereMonths: 1e12, measuredSeconds: 2 * D, budgetUsed: 1 }, servingRecords.get('y'), payerRecords.get('e'));
        expect(early?.stats.earlyCancelled).toBe(1);
        expect(early?.stats.earlyWeight).toBeCloseTo(1, 6);
    });
});
