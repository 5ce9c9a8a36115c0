/**
 * Posterior mean of a rate under a Beta prior with mean `prior` worth `strength` pseudo-observations.
 * Small samples stay near the prior; large samples approach k/n.
 */
export function shrunkRate(k: number, n: number, prior: number, strength: number): number {
    return (k + prior * strength) / (n + strength);
}

export const rawRate = (k: number, n: number): number | null => (n === 0 ? null : k / n);

/** Weight in [0,1) given to observed evidence against a prior worth `strength` samples. */
export const evidenceWeight = (n: number, strength: number): number => n / (n + strength);

export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x));

export function median(sorted: readonly number[]): number | null {
    const n = sorted.length;
    if (n === 0) return null;
    const mid = Math.floor(n / 2);
    return n % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export const round2 = (x: number): number => Math.round(x * 100) / 100;
