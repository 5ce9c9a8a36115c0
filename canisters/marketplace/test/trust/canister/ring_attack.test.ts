// The colluding ring of issue 19 (bench/attacks/ring.ts) replayed against the compiled canister:
// 3 providers and 5 sybils renting 30 days from each member, measured up by the platform's prober,
// answering "yes". Logged as "attack figure | …" (before the rule of domain/circles.ts: the best
// member went 60 → 64, rank key 20 → 26, position 5 → 1 of 7, over all 4 honest providers, for
// 0.153 ICP; now 60 → 60, rank key 20, position 5).
import { describe, expect, it } from 'vitest';
import { ring } from '../../../../../bench/attacks/ring';

describe('a ring of colluding providers, against the compiled canister', () => {
    it('buys its members no history elsewhere: each stays at the neutral score, rank and place, with no counted answer', async () => {
        const o = await ring();
        console.log(`attack figure | ring: cost ${o.costBaseUnits} e8s, ${o.effect}`);
        expect(o.costBaseUnits).toBeGreaterThan(0n);
        expect(o.costBaseUnits).toBeLessThan(10n * 100_000_000n);
        expect(o.best.after.score).toBe(o.best.before.score);
        expect(o.best.after.rank).toBe(o.best.before.rank);
        expect(o.best.after.position).toBeGreaterThanOrEqual(o.best.before.position);
        expect(o.overtaken).toBe(0);
        // Its 1-token offering is flagged below market (price_anomaly): the only thing the ring showed.
        expect(o.best.after.flags.filter((f) => f !== 'price_anomaly')).toEqual([]);
        expect(o.targetMet).toBe(true);
    }, 900_000);
});
