import { describe, expect, it } from 'vitest';
import { checkClaims, addMeasurement, measured, type Measurements } from '../../../src/trust/domain/claims';
import { marketPosition, pricePerUnit, resourceUnits, upsertIndex, weightedMedian, type MarketIndex, type PricedSpec } from '../../../src/trust/domain/market';

const spec = (id: string, price: number, vcpu = 2): PricedSpec => ({ offeringId: id, category: 'vps', token: 'ICP', monthlyPrice: BigInt(price), vcpu, ramGiB: 4, storageGiB: 100, gpus: 0 });

describe('price normalisation', () => {
    it.each([
        { s: spec('a', 500), units: 6, ppu: 500 / 6 },
        { s: { ...spec('g', 1000), gpus: 1 }, units: 16, ppu: 1000 / 16 },
        { s: { ...spec('z', 10), vcpu: 0, ramGiB: 0, storageGiB: 0 }, units: 0, ppu: null },
        // 0 CPU and 1 MB of RAM: no plausible price per unit, kept out of the index.
        { s: { ...spec('m', 10), vcpu: 0, ramGiB: 1 / 1024, storageGiB: 0 }, units: 1 / 2048, ppu: null }
    ])('$s.offeringId has $units units', ({ s, units, ppu }) => {
        expect(resourceUnits(s)).toBe(units);
        expect(pricePerUnit(s)).toBe(ppu);
    });

    // Each comparable of its own provider, served once by an independent tenant.
    const index = (prices: number[], weight = 1, by = (i: number) => `p${i}`): MarketIndex => prices.reduce<MarketIndex>((ix, p, i) => upsertIndex(ix, `o${i}`, p, weight, by(i)), []);

    it('keeps the index sorted and replaces an offering on update', () => {
        let ix = index([30, 10, 20]);
        expect(ix.map(([p]) => p)).toEqual([10, 20, 30]);
        ix = upsertIndex(ix, 'o1', 40, 1, 'p1');
        expect(ix).toEqual([[20, 'o2', 1, 'p2'], [30, 'o0', 1, 'p0'], [40, 'o1', 1, 'p1']]);
        expect(upsertIndex(ix, 'o1', null)).toHaveLength(2);
    });

    it.each([
        { name: '15% below market', prices: [100, 100, 100], ppu: 85, label: '15% below market', anomaly: null },
        { name: 'above market', prices: [90, 100, 110], ppu: 120, label: '20% above market', anomaly: null },
        { name: 'at market', prices: [90, 100, 110], ppu: 100, label: 'at market price', anomaly: null },
        { name: 'too cheap', prices: [100, 100, 100], ppu: 40, label: '60% below market', anomaly: 'too_cheap' },
        { name: 'too expensive', prices: [100, 100, 100], ppu: 250, label: '150% above market', anomaly: 'too_expensive' },
        { name: 'too few comparables', prices: [100, 100], ppu: 50, label: 'not enough comparable offerings', anomaly: null }
    ])('$name', ({ prices, ppu, label, anomaly }) => {
        const ix = upsertIndex(index(prices), 'self', ppu, 1, 'me');
        const pos = marketPosition(ix, 'self', ppu, 'me');
        expect([pos.label, pos.anomaly]).toEqual([label, anomaly]);
    });

    it("a rival's entries cannot flag an honest provider: unweighted entries, one provider's entries, the provider's own", () => {
        const at = (ix: MarketIndex) => marketPosition(upsertIndex(ix, 'self', 40, 1, 'me'), 'self', 40, 'me');
        // Served only by sybils (weight 0).
        expect(at(index([100, 100, 100, 100, 100], 0)).anomaly).toBeNull();
        // Five entries of one rival, independently served.
        expect(at(index([100, 100, 100, 100, 100], 1, () => 'rival')).label).toBe('not enough comparable offerings');
        // The provider's own other offerings are no market either.
        expect(at(index([100, 100, 100], 1, () => 'me')).comparables).toBe(0);
        // Earlier-layout entries carry no weight.
        expect(at([[100, 'a'], [100, 'b'], [100, 'c']]).anomaly).toBeNull();
    });

    it('the market price is the median weighted by independent served contracts', () => {
        // Two well-served providers at 100 outweigh three thinly served ones at 300.
        const ix: MarketIndex = [[100, 'a', 5, 'p1'], [100, 'b', 5, 'p2'], [300, 'c', 1, 'p3'], [300, 'd', 1, 'p4'], [300, 'e', 1, 'p5']];
        expect(marketPosition(ix, 'self', 90, 'me').marketMedian).toBe(100);
        expect(weightedMedian([[1, 1], [2, 1], [3, 1]])).toBe(2);
        expect(weightedMedian([])).toBeNull();
    });
});

describe('claim check', () => {
    const m = (entries: [string, string, number, number][]): Measurements => entries.reduce<Measurements>((acc, [metric, src, v, t]) => addMeasurement(acc, metric, src, v, t), {});

    it('keeps the latest value per source and takes the median across sources', () => {
        const ms = m([['ram_gib', 'a', 2, 1], ['ram_gib', 'a', 4, 2], ['ram_gib', 'a', 1, 0], ['ram_gib', 'b', 8, 1], ['ram_gib', 'c', 3, 1]]);
        expect(measured(ms, 'ram_gib')).toBe(4);
        expect(measured(ms, 'vcpu')).toBeNull();
    });

    it.each([
        { name: 'matches', claimed: 4, value: 4, ok: true },
        { name: 'GiB vs GB within tolerance', claimed: 4, value: 3.73, ok: true },
        { name: 'short beyond tolerance', claimed: 4, value: 3, ok: false },
        { name: 'more than claimed is fine', claimed: 4, value: 8, ok: true }
    ])('$name', ({ claimed, value, ok }) => {
        const r = checkClaims({ ram_gib: claimed }, m([['ram_gib', 'x', value, 1]]));
        expect(r).toHaveLength(1);
        expect(r[0]!.ok).toBe(ok);
    });

    it('skips claims without measurements', () => {
        expect(checkClaims({ vcpu: 4 }, {})).toEqual([]);
    });
});
