import { median } from './stats';

/**
 * Claim check: an offering's claimed specs against independent measurements. The measured value
 * of a metric is the median over sources of each source's latest value; a claim fails when the
 * measurement falls short by more than the tolerance (10%: GB vs GiB and OS-reserved memory stay
 * within it).
 */
export const CLAIM_TOLERANCE = 0.1;
export const CHECKED_METRICS = ['vcpu', 'ram_gib', 'storage_gib', 'bandwidth_mbps'] as const;
export type CheckedMetric = (typeof CHECKED_METRICS)[number];
export type Claims = Partial<Record<CheckedMetric, number>>;

/** Latest value per (metric, source): metric → source → [value, fetchedAt]. */
export type Measurements = Record<string, Record<string, [number, number]>>;

export function addMeasurement(m: Measurements, metric: string, source: string, value: number, fetchedAt: number): Measurements {
    const bySource = m[metric] ?? {};
    const prev = bySource[source];
    if (prev !== undefined && prev[1] > fetchedAt) return m;
    return { ...m, [metric]: { ...bySource, [source]: [value, fetchedAt] } };
}

export function measured(m: Measurements, metric: string): number | null {
    const values = Object.values(m[metric] ?? {}).map(([v]) => v).sort((a, b) => a - b);
    return median(values);
}

export interface ClaimCheck {
    metric: CheckedMetric;
    claimed: number;
    measured: number;
    deltaPct: number;
    ok: boolean;
}

export function checkClaims(claims: Claims, m: Measurements, tolerance = CLAIM_TOLERANCE): ClaimCheck[] {
    const out: ClaimCheck[] = [];
    for (const metric of CHECKED_METRICS) {
        const claimed = claims[metric];
        const value = measured(m, metric);
        if (claimed === undefined || claimed <= 0 || value === null) continue;
        const delta = (value - claimed) / claimed;
        out.push({ metric, claimed, measured: value, deltaPct: Math.round(delta * 1000) / 10, ok: delta >= -tolerance });
    }
    return out;
}
