/**
 * Fixed log-scale histogram of durations (seconds) for streaming median/p90 in constant space.
 * Bucket 0 is [0, FIRST); bucket i ≥ 1 is [FIRST·R^(i−1), FIRST·R^i); the last bucket is open-ended.
 * Estimates are interpolated inside a bucket, so the relative error is below R − 1 (20%).
 */
const FIRST = 30;
const R = 1.2;
export const HISTOGRAM_BUCKETS = 64;

export interface Histogram {
    counts: number[];
    n: number;
    sum: number;
}

export const emptyHistogram = (): Histogram => ({ counts: [], n: 0, sum: 0 });

export function bucketOf(seconds: number): number {
    if (seconds < FIRST) return 0;
    const i = Math.floor(Math.log(seconds / FIRST) / Math.log(R)) + 1;
    return Math.min(i, HISTOGRAM_BUCKETS - 1);
}

export function bucketBounds(i: number): [number, number] {
    if (i === 0) return [0, FIRST];
    const lo = FIRST * R ** (i - 1);
    return [lo, i === HISTOGRAM_BUCKETS - 1 ? lo * R : FIRST * R ** i];
}

export function record(h: Histogram, seconds: number): Histogram {
    const counts = h.counts.slice();
    const i = bucketOf(seconds);
    while (counts.length <= i) counts.push(0);
    counts[i] = (counts[i] ?? 0) + 1;
    return { counts, n: h.n + 1, sum: h.sum + seconds };
}

/** Nearest-rank quantile q ∈ (0,1], linearly interpolated within its bucket; null when empty. */
export function quantile(h: Histogram, q: number): number | null {
    if (h.n === 0) return null;
    const rank = Math.max(1, Math.ceil(q * h.n));
    let before = 0;
    for (let i = 0; i < h.counts.length; i++) {
        const c = h.counts[i] ?? 0;
        if (before + c >= rank) {
            const [lo, hi] = bucketBounds(i);
            return lo + ((hi - lo) * (rank - before - 0.5)) / c;
        }
        before += c;
    }
    return null;
}

export const mean = (h: Histogram): number | null => (h.n === 0 ? null : h.sum / h.n);
