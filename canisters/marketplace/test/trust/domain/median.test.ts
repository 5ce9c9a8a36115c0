import { describe, expect, it } from 'vitest';
import { countedMinutes, HISTOGRAM_ARITY, medianShare, moveShare, shareBucket, tenantShare, type TenantShare } from '../../../src/trust/domain/uptime/median';
import { emptyRing, sumWindow, type Ring } from '../../../src/trust/domain/ring';

const DAY = 86_400;
const window = (ring: Ring, now: number): number[] => sumWindow(ring, now, 30 * DAY, HISTOGRAM_ARITY);

/** Five tenants in full, up all month, and one switched-off server of a tenant with 16 days elsewhere (reach 0.27). */
function market(attackerMass: number): Ring {
    let ring = emptyRing(DAY, 30);
    for (let k = 0; k < 5; k++) ring = moveShare(ring, undefined, tenantShare(43_200, 0, 1, 29 * DAY, DAY));
    return moveShare(ring, undefined, tenantShare(60, 1_380, attackerMass, 29 * DAY, DAY));
}

describe('the median tenant\'s uptime', () => {
    it('buckets downtime shares finely near the targets: 0, 0.01 %, 0.1 %, 1 %, all', () => {
        expect([0, 0.0001, 0.001, 0.0099, 0.01, 0.5, 1].map(shareBucket)).toEqual([0, 1, 3, 6, 6, 11, 12]);
    });

    it('a minority of tenants down leaves the median up; a majority by reach carries it', () => {
        expect(medianShare(window(market(0.27), 29 * DAY))).toBe(0);
        // Tenants worth more than the five in full: the median is theirs.
        expect(medianShare(window(market(5.01), 29 * DAY))).toBeCloseTo(1_380 / 1_440, 6);
        // A tie goes to the lower share: half the tenants' word does not put a provider below target.
        expect(medianShare(window(market(5), 29 * DAY))).toBe(0);
        expect(medianShare(window(emptyRing(DAY, 30), 0))).toBeNull();
        // Fresh tenants (no reach) have no say.
        expect(medianShare(window(moveShare(emptyRing(DAY, 30), undefined, tenantShare(0, 1_440, 0, 0, DAY)), 0))).toBeNull();
    });

    it('a contract\'s entry moves with its reports and leaves the window with its day', () => {
        const first = tenantShare(1_000, 440, 1, 3 * DAY, DAY)!;
        let ring = moveShare(emptyRing(DAY, 30), undefined, first);
        expect(medianShare(window(ring, 3 * DAY))).toBeCloseTo(440 / 1_440, 6);
        const next = tenantShare(2_440, 440, 1, 4 * DAY + 5, DAY)!;
        ring = moveShare(ring, first, next);
        const sums = window(ring, 4 * DAY);
        expect(sums.reduce((a, v, k) => (k % 2 === 0 ? a + v : a), 0)).toBeCloseTo(1, 9);
        expect(medianShare(sums)).toBeCloseTo(440 / 2_880, 6);
        // 30 days without a report: gone; removing it then changes nothing.
        expect(medianShare(window(ring, 34 * DAY))).toBeNull();
        const later: TenantShare = tenantShare(1, 0, 1, 40 * DAY, DAY)!;
        expect(medianShare(window(moveShare(ring, next, later), 40 * DAY))).toBe(0);
    });

    it('counts the weighted minutes\' own share, lowered to the median at most as far as the target', () => {
        // A 99.9 % target: the attacker's day is 0.64 % of the weighted minutes, the median tenant's 0.
        const [up, down] = countedMinutes(215_000, 1_380, 0, 9_990);
        expect(up + down).toBe(216_380);
        expect(down / (up + down)).toBeCloseTo(0.001, 9);
        // A median above the mean never adds downtime.
        expect(countedMinutes(990, 10, 0.5, 9_990)).toEqual([990, 10]);
        // Below the target's share, the minutes' own share stands: the median earns no bonus.
        expect(countedMinutes(99_995, 5, 0, 9_990)).toEqual([99_995, 5]);
        expect(countedMinutes(10, 0, null, 9_990)).toEqual([10, 0]);
    });
});
