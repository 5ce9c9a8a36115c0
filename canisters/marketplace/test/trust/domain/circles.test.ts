// History elsewhere that money going round a circle cannot buy (domain/circles.ts): the ring's
// sybils end with no independence after each contract they close, an open market's tenants keep it.
import { describe, expect, it } from 'vitest';
import { circleKey, countedElsewhere, planVouch, standingShare, STANDING_PRIOR_SHARE, TRACKED_PROVIDERS, type HistoryEntry, type Standing } from '../../../src/trust/domain/circles';
import { independence, INDEPENDENT_SHARE } from '../../../src/trust/domain/independence';

/** A market of closed one-month contracts, kept with the domain's aggregates. */
class Market {
    entries = new Map<string, HistoryEntry[]>();
    standing = new Map<string, Standing>();
    circles = new Map<string, number>();
    months = new Map<string, number>();
    /** The independence the tenant's record with `p` is written with after one more closed month there. */
    rent(t: string, p: string): number {
        const here = (this.months.get(`${t}|${p}`) ?? 0) + 1;
        this.months.set(`${t}|${p}`, here);
        const e = this.entries.get(t) ?? [];
        const raw = e.filter((x) => x.p !== p).reduce((s, x) => s + x.weight, 0);
        const counted = countedElsewhere(e, p, 0, 1, (q) => standingShare(this.standing.get(q), this.circles.get(circleKey(q, p)) ?? 0));
        const ind = independence(raw, here, counted);
        const plan = planVouch(e, p, { weight: here, factorSum: 0, factorStartSum: 0, independence: ind }, 0);
        this.entries.set(t, plan.entries);
        if (plan.standing !== null) {
            const s = this.standing.get(p) ?? { vouch: 0, months: 0 };
            this.standing.set(p, { ...s, vouch: s.vouch + plan.standing.vouch, months: s.months + plan.standing.months });
        }
        for (const c of plan.circles) this.circles.set(c.key, (this.circles.get(c.key) ?? 0) + c.delta);
        return ind;
    }
}

describe('standing and circles', () => {
    it('a provider without paid months stands at the prior; an anchor in full; a circle takes its vouch away', () => {
        expect(standingShare(undefined, 0)).toBe(STANDING_PRIOR_SHARE);
        expect(standingShare({ vouch: 9, months: 9 }, 0)).toBeCloseTo(0.95, 6);
        expect(standingShare({ vouch: 9, months: 9 }, 9)).toBeCloseTo(0.05, 6);
        expect(standingShare({ vouch: 0, months: 100, anchor: true }, 100)).toBe(1);
    });

    it("a tenant's vouch moves its provider's standing and, for each of its other providers, the circle", () => {
        const first = planVouch([], 'A', { weight: 1, factorSum: 0, factorStartSum: 0, independence: 0.5 }, 0);
        expect(first.standing).toEqual({ provider: 'A', vouch: 1, months: 1 });
        expect(first.circles).toEqual([]);
        const second = planVouch(first.entries, 'B', { weight: 1, factorSum: 0, factorStartSum: 0, independence: 0.5 }, 0);
        // Paying B makes its vouch for A circular with respect to B, and its vouch for B with respect to A.
        expect(second.circles).toEqual([{ key: 'A|B', delta: 1 }, { key: 'B|A', delta: 1 }]);
        const fresh = planVouch(second.entries, 'A', { weight: 2, factorSum: 0, factorStartSum: 0, independence: 0.2 }, 0);
        expect(fresh.standing).toEqual({ provider: 'A', vouch: -1, months: 1 });
        expect(fresh.circles).toEqual([{ key: 'A|B', delta: -1 }]);
    });

    it('tracks a tenant’s first providers only: one write moves a bounded number of aggregates', () => {
        let e: HistoryEntry[] = [];
        for (let i = 0; i < TRACKED_PROVIDERS + 3; i++) {
            const plan = planVouch(e, `p${i}`, { weight: 1, factorSum: 0, factorStartSum: 0, independence: 1 }, 0);
            expect(plan.circles.length).toBeLessThanOrEqual(2 * (TRACKED_PROVIDERS - 1));
            e = plan.entries;
        }
        expect(e).toHaveLength(TRACKED_PROVIDERS);
    });

    it('a ring of 3 whose sybils rent from every member, or from 2, ends with no sybil independent', () => {
        for (const spread of [3, 2]) {
            const m = new Market();
            const ring = ['A', 'B', 'C'];
            const rounds: number[] = [];
            for (let round = 0; round < 12; round++) {
                let most = 0;
                for (let k = 0; k < 5; k++) for (let j = 0; j < spread; j++) most = Math.max(most, m.rent(`s${k}`, ring[(k + j) % 3]!));
                rounds.push(most);
            }
            // Only the very first contracts, against providers without paid months (the prior), reach the bar.
            expect(Math.max(...rounds.slice(1))).toBeLessThan(INDEPENDENT_SHARE);
            expect(rounds[11]).toBeLessThan(0.1);
        }
    });

    it('an open market grows its standing from two anchors: most tenants end independent; without anchors few do', () => {
        const run = (anchors: string[]) => {
            const m = new Market();
            for (const a of anchors) m.standing.set(a, { vouch: 0, months: 0, anchor: true });
            const inds: number[] = [];
            for (let round = 0; round < 8; round++)
                for (let t = 0; t < 60; t++) {
                    const ind = m.rent(`t${t}`, `P${(t * 7 + round * 13) % 20}`);
                    if (round === 7) inds.push(ind);
                }
            return inds.filter((x) => x >= INDEPENDENT_SHARE).length / inds.length;
        };
        expect(run(['P0', 'P1'])).toBeGreaterThan(0.5);
        expect(run([])).toBeLessThan(0.5);
    });

    it('history with an anchor counts in full', () => {
        const m = new Market();
        m.standing.set('X', { vouch: 0, months: 0, anchor: true });
        m.rent('t', 'X');
        expect(m.rent('t', 'P')).toBeCloseTo(0.5, 6);
    });
});
