import { describe, expect, it } from 'vitest';
import { addToPeriod, duePeriods, periodBounds, periodPrice, SLA_PERIOD, slaCredit } from '../../../src/trust/domain/sla_credit';

const D = 86_400;
const MIN_1D = 24 * 60;

describe('SLA credit rule', () => {
    const base = { period: periodBounds(0, 0, 30 * D), contractStart: 0, contractEnd: 30 * D, contractTotal: 30_000_000n, targetBps: 9990 };
    it.each([
        { name: 'meets target', up: MIN_1D - 1, down: 1, outcome: 'met', creditBps: 0, credit: 0n },
        { name: 'exactly at target', up: MIN_1D - 1.44, down: 1.44, outcome: 'met', creditBps: 0, credit: 0n },
        { name: 'just below target → 10%', up: MIN_1D - 3, down: 3, outcome: 'credited', creditBps: 1000, credit: 100_000n },
        { name: '1 pp below target → 10%', up: Math.ceil(MIN_1D * 0.989), down: MIN_1D - Math.ceil(MIN_1D * 0.989), outcome: 'credited', creditBps: 1000, credit: 100_000n },
        { name: '3 pp below → 30%', up: MIN_1D * 0.969, down: MIN_1D * 0.031, outcome: 'credited', creditBps: 3000, credit: 300_000n },
        { name: '10 pp below → 100%', up: MIN_1D * 0.899, down: MIN_1D * 0.101, outcome: 'credited', creditBps: 10_000, credit: 1_000_000n },
        { name: 'too little monitoring', up: 100, down: 500, outcome: 'insufficient_monitoring', creditBps: 0, credit: 0n }
    ])('$name', ({ up, down, outcome, creditBps, credit }) => {
        const d = slaCredit({ ...base, upMinutes: up, downMinutes: down });
        expect([d.outcome, d.creditBps, d.credit]).toEqual([outcome, creditBps, credit]);
    });

    it('prices a period in proportion to the contract and never drifts', () => {
        const end = 1.5 * D;
        const p0 = periodPrice(999n, periodBounds(0, 0, end), 0, end);
        const p1 = periodPrice(999n, periodBounds(1, 0, end), 0, end);
        expect(p0).toBe(666n);
        expect(p1).toBe(333n);
        expect(p0 + p1).toBeLessThanOrEqual(999n);
    });

    it.each([
        { name: 'nothing ended yet', now: 0.5 * D, next: 0, want: [] },
        { name: 'first period ended', now: 1.2 * D, next: 0, want: [0] },
        { name: 'contract over', now: 5 * D, next: 0, want: [0, 1] },
        { name: 'settled periods are skipped', now: 5 * D, next: 1, want: [1] },
        { name: 'all settled', now: 5 * D, next: 2, want: [] }
    ])('due periods: $name', ({ now, next, want }) => {
        expect(duePeriods(0, 1.5 * D, now, next).map((p) => p.index)).toEqual(want);
        expect(SLA_PERIOD).toBe(D);
    });

    it('caps the number of periods settled at once', () => {
        expect(duePeriods(0, 400 * D, 500 * D, 0, 60)).toHaveLength(60);
    });

    it('accumulates period counters and ignores minutes before the start', () => {
        let p = addToPeriod({}, 0, 1, 0);
        p = addToPeriod(p, 0, -1, 1);
        p = addToPeriod(p, -1, 5, 5);
        expect(p).toEqual({ 0: [0, 1] });
    });
});
