import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { bucketBounds, bucketOf, emptyHistogram, quantile, record, type Histogram } from '../../../src/trust/domain/histogram';

const from = (xs: number[]): Histogram => xs.reduce(record, emptyHistogram());

function exactQuantile(xs: number[], q: number): number {
    const s = xs.slice().sort((a, b) => a - b);
    return s[Math.max(1, Math.ceil(q * s.length)) - 1]!;
}

describe('histogram', () => {
    it.each([
        { name: 'empty', xs: [], q: 0.5, want: null },
        { name: 'one value under the first bound', xs: [10], q: 0.5, want: 15 }
    ])('$name', ({ xs, q, want }) => {
        expect(quantile(from(xs), q)).toBe(want);
    });

    it.each([
        { name: 'median of spread values', xs: [60, 120, 600, 3600, 7200], q: 0.5 },
        { name: 'p90 of spread values', xs: [60, 120, 600, 3600, 7200, 9000, 10_000, 20_000, 40_000, 80_000], q: 0.9 },
        { name: 'all equal', xs: [900, 900, 900], q: 0.5 },
        { name: 'a week', xs: [7 * 86_400], q: 0.5 }
    ])('$name is within 20% of the exact quantile', ({ xs, q }) => {
        const exact = exactQuantile(xs, q);
        const est = quantile(from(xs), q)!;
        expect(Math.abs(est - exact) / exact).toBeLessThanOrEqual(0.2);
    });

    it('each value lies in its bucket', () => {
        fc.assert(
            fc.property(fc.double({ min: 0, max: 1e7, noNaN: true }), (x) => {
                const [lo, hi] = bucketBounds(bucketOf(x));
                return bucketOf(x) === 63 || (x >= lo && x < hi);
            })
        );
    });

    it('estimates stay within bucket precision for random samples', () => {
        fc.assert(
            fc.property(fc.array(fc.integer({ min: 30, max: 2_000_000 }), { minLength: 1, maxLength: 200 }), fc.constantFrom(0.5, 0.9), (xs, q) => {
                const exact = exactQuantile(xs, q);
                const est = quantile(from(xs), q)!;
                return Math.abs(est - exact) / exact <= 0.2 + 1e-9;
            })
        );
    });

    it('space does not grow with samples', () => {
        const h = from(Array.from({ length: 10_000 }, (_, i) => 30 + i * 37));
        expect(h.counts.length).toBeLessThanOrEqual(64);
        expect(h.n).toBe(10_000);
    });
});
