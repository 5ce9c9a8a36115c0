import { describe, expect, it } from 'vitest';
import { clawbackForSla, creditTenantFromEscrow, releasedInPeriod, earnedAt, held, nextDue, refundRemainder, schedule, settle, splitAt, unearned } from '../../src/escrow/domain/settlement';
import { NS_PER_DAY, NS_PER_HOUR, type Contract, type Segment } from '../../src/kernel/records';

const H = NS_PER_HOUR;
const T0 = 1_000n * NS_PER_DAY;

function contract(over: Partial<Contract> & { segments: Segment[] }): Contract {
    const total = over.segments.reduce((s, x) => s + x.amount, 0n);
    return {
        id: 1n, offeringId: 1n, provider: 'p', tenant: 't', token: 'ICP', status: 'Active', statusSince: T0, createdAt: T0,
        feeBps: 0, quote: null, pendingPull: null, total, deposited: total, released: 0n, fee: 0n, refunded: 0n,
        lastSettled: T0, connection: '', history: [], ...over
    };
}

/** 720 h for 7200 units, plus a setup fee of 50, provisioned at T0. */
const month = (over: Partial<Contract> = {}): Contract =>
    contract({ segments: schedule([{ hours: 0, amount: 50n, start: 0n, end: 0n }, { hours: 720, amount: 7200n, start: 0n, end: 0n }], T0), ...over });

describe('settle: named cases', () => {
    const cases: { name: string; c: Contract; at: bigint; released: bigint; fee?: bigint }[] = [
        { name: 'before start nothing is earned', c: month(), at: T0 - 1n, released: 0n },
        { name: 'at start only the setup fee', c: month(), at: T0, released: 50n },
        { name: 'one hour in', c: month(), at: T0 + H, released: 60n },
        { name: 'a third of a unit rounds down', c: month(), at: T0 + H / 3n, released: 53n },
        { name: 'half way', c: month(), at: T0 + 360n * H, released: 3650n },
        { name: 'at the end everything', c: month(), at: T0 + 720n * H, released: 7250n },
        { name: 'long after the end still everything, never more', c: month(), at: T0 + 10_000n * H, released: 7250n },
        { name: 'already released is not released again', c: month({ released: 3650n }), at: T0 + 360n * H, released: 0n },
        { name: 'late settlement after missed days catches up exactly', c: month({ released: 60n, lastSettled: T0 + H }), at: T0 + 240n * H, released: 2450n - 60n },
        { name: 'fee in basis points is cumulative', c: month({ feeBps: 250 }), at: T0 + 360n * H, released: 3650n, fee: 91n },
        { name: 'requested contracts never accrue', c: month({ status: 'Requested' }), at: T0 + 360n * H, released: 0n },
        { name: 'closed contracts never accrue', c: month({ status: 'Cancelled' }), at: T0 + 360n * H, released: 0n },
        { name: 'paused contracts keep billing', c: month({ status: 'Paused' }), at: T0 + H, released: 60n }
    ];
    for (const k of cases) {
        it(k.name, () => {
            const s = settle(k.c, k.at);
            expect(s.released).toBe(k.released);
            if (k.fee !== undefined) expect(s.contract.fee).toBe(k.fee);
            // Nothing created or lost: deposited = released + refunded + held.
            expect(s.contract.released + s.contract.refunded + held(s.contract)).toBe(s.contract.deposited);
            expect(s.contract.released).toBeLessThanOrEqual(s.contract.total);
        });
    }

    it('settling in many small steps equals settling once (no drift)', () => {
        let c = month({ feeBps: 333 });
        let sum = 0n;
        for (let t = T0; t <= T0 + 720n * H + 5n * H; t += 7n * H + 12345n) {
            const s = settle(c, t);
            sum += s.released;
            c = s.contract;
        }
        const once = settle(month({ feeBps: 333 }), T0 + 800n * H);
        expect(sum).toBe(7250n);
        expect(c.released).toBe(once.contract.released);
        expect(c.fee).toBe(once.contract.fee);
    });
});

describe('refunds', () => {
    const cases: { name: string; at: bigint; refund: bigint }[] = [
        { name: 'cancel before start refunds everything but the setup fee already earned at start', at: T0, refund: 7200n },
        { name: 'cancel half way refunds the unearned half', at: T0 + 360n * H, refund: 3600n },
        { name: 'cancel after the end refunds nothing', at: T0 + 721n * H, refund: 0n }
    ];
    for (const k of cases) {
        it(k.name, () => {
            const s = settle(month(), k.at);
            const r = refundRemainder(s.contract);
            expect(r.refund).toBe(k.refund);
            expect(r.refund).toBe(unearned(month(), k.at));
            expect(held(r.contract)).toBe(0n);
            expect(r.contract.released + r.contract.refunded).toBe(r.contract.deposited);
        });
    }
    it('an unprovisioned contract refunds in full', () => {
        const c = contract({ status: 'Pending', segments: [{ hours: 0, amount: 50n, start: 0n, end: 0n }, { hours: 10, amount: 100n, start: 0n, end: 0n }] });
        expect(earnedAt(c, T0 + 100n * H)).toBe(0n);
        expect(refundRemainder(settle(c, T0 + 100n * H).contract).refund).toBe(150n);
    });
});

describe('extension segments keep the cumulative formula exact', () => {
    it('a second segment at a different rate does not change what was earned', () => {
        const base = month();
        const at = T0 + 100n * H;
        const before = earnedAt(base, at);
        const ext = { ...base, segments: [...base.segments, { hours: 24, amount: 999n, start: T0 + 720n * H, end: T0 + 744n * H }], total: base.total + 999n, deposited: base.deposited + 999n };
        expect(earnedAt(ext, at)).toBe(before);
        expect(earnedAt(ext, T0 + 732n * H)).toBe(7250n + 499n);
        expect(earnedAt(ext, T0 + 744n * H)).toBe(7250n + 999n);
        expect(nextDue(ext, H)).toBe(T0 + NS_PER_DAY);
    });
});

describe('creditTenantFromEscrow', () => {
    it('credits at most the unearned remainder', () => {
        const at = T0 + 360n * H;
        expect(creditTenantFromEscrow(month(), 3601n, at)).toBeNull();
        const r = creditTenantFromEscrow(month(), 3600n, at)!;
        expect(r.contract.refunded).toBe(3600n);
        expect(r.released).toBe(3650n);
        // Nothing more is ever earned after the full credit.
        expect(settle(r.contract, T0 + 1000n * H).released).toBe(0n);
    });
    it('a partial credit lowers future earnings by exactly the credit', () => {
        const at = T0 + 100n * H;
        const r = creditTenantFromEscrow(month(), 1000n, at)!;
        const end = settle(r.contract, T0 + 720n * H).contract;
        expect(end.released).toBe(7250n - 1000n);
        expect(end.released + end.refunded + held(end)).toBe(end.deposited);
        expect(held(end)).toBe(0n);
    });
    it('refuses zero and closed contracts', () => {
        expect(creditTenantFromEscrow(month(), 0n, T0)).toBeNull();
        expect(creditTenantFromEscrow(month({ status: 'Expired' }), 1n, T0)).toBeNull();
    });
    it('splitting a segment keeps earned at the split point', () => {
        const c = month();
        const t = T0 + 123n * H + 77n;
        const segs = splitAt(c.segments, t);
        expect(earnedAt({ ...c, segments: segs }, t)).toBe(earnedAt(c, t));
        expect(segs.reduce((s, x) => s + x.amount, 0n)).toBe(c.total);
    });
});

describe('nextDue', () => {
    it('daily for long contracts, hourly for short ones, the end last', () => {
        expect(nextDue(month(), H)).toBe(T0 + NS_PER_DAY);
        expect(nextDue(month({ lastSettled: T0 + NS_PER_DAY + 5n }), H)).toBe(T0 + 2n * NS_PER_DAY);
        const short = contract({ segments: schedule([{ hours: 30, amount: 300n, start: 0n, end: 0n }], T0) });
        expect(nextDue(short, H)).toBe(T0 + H);
        expect(nextDue({ ...short, lastSettled: T0 + 29n * H + 1n }, H)).toBe(T0 + 30n * H);
        expect(nextDue({ ...short, status: 'Requested', statusSince: T0 }, 60n * 60n * 1_000_000_000n)).toBe(T0 + H);
        expect(nextDue({ ...short, status: 'Cancelled' }, H)).toBeNull();
    });
});

describe('clawbackForSla (final-period SLA credit of a closed contract)', () => {
    const END = T0 + 720n * H;
    /** Ran to its end: everything released, escrow empty, 10 % platform fee. */
    const expired = (over: Partial<Contract> = {}): Contract => {
        const c = month({ feeBps: 1000, ...over });
        const s = settle(c, END).contract;
        return { ...s, status: 'Expired' };
    };
    const lastDay = { from: END - 24n * H, to: END };
    it('takes back at most what the period released, keeps conservation and earned = released', () => {
        const c = expired();
        expect(releasedInPeriod(c, lastDay.from, lastDay.to)).toBe(240n);
        const r = clawbackForSla(c, 1000n, lastDay.from, lastDay.to)!;
        expect(r.taken).toBe(240n);
        const k = r.contract;
        expect(k.released).toBe(7250n - 240n);
        expect(k.refunded).toBe(240n);
        expect(k.fee).toBe(701n);
        expect(r.feeBack).toBe(725n - 701n);
        expect(k.released + k.refunded + held(k)).toBe(k.deposited);
        expect(held(k)).toBe(0n);
        expect(earnedAt(k, END)).toBe(k.released);
        expect(k.segments.reduce((s, x) => s + x.amount, 0n)).toBe(k.total);
        // The period cannot be credited twice beyond its release.
        expect(clawbackForSla(k, 1n, lastDay.from, lastDay.to)!.taken).toBe(0n);
    });
    it('a partial credit leaves the rest of the period', () => {
        const r = clawbackForSla(expired(), 24n, lastDay.from, lastDay.to)!;
        expect(r.taken).toBe(24n);
        expect(releasedInPeriod(r.contract, lastDay.from, lastDay.to)).toBe(216n);
    });
    it('a cancelled contract: only time up to the close counts', () => {
        const at = T0 + 36n * H;
        const s = settle(month(), at).contract;
        const c = { ...refundRemainder({ ...s, status: 'Cancelled' as const }).contract };
        const r = clawbackForSla(c, 10_000n, T0 + 24n * H, T0 + 48n * H)!;
        expect(r.taken).toBe(120n);
        expect(earnedAt(r.contract, at)).toBe(r.contract.released);
        expect(r.contract.released + r.contract.refunded).toBe(r.contract.deposited);
    });
    it('refuses open contracts and non-positive amounts', () => {
        expect(clawbackForSla(month(), 10n, T0, T0 + 24n * H)).toBeNull();
        expect(clawbackForSla(expired(), 0n, lastDay.from, lastDay.to)).toBeNull();
    });
});
