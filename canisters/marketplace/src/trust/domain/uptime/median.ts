// The uptime the median tenant saw. A tenant holds its own server and can switch it off: the
// platform's probes then measure it down, as they would a failure of the provider. One tenant with
// 16 days elsewhere (1.73 tokens) took an honest provider 79 → 75 with `uptime_target` that way.
// Each tenant counts by its reach (history elsewhere, 2 months in full), so outvoting a provider's
// tenants costs as much history elsewhere as they have; the counted downtime is never more than the
// minute-weighted mean's, and the median lowers it at most to the target: sybils kept up can clear
// a provider of a penalty their reach outweighs, never earn it the bonus.
import { addToRing, type Ring } from '../ring';

/** Upper edges (downtime share, basis points) of the buckets of tenants' 30-day downtime share. */
export const SHARE_EDGES_BPS: readonly number[] = [0, 1, 5, 10, 25, 50, 100, 200, 500, 1_000, 2_500, 5_000, 10_000];

/** One contract's entry in its offering's histogram: what it last added, on which day. */
export interface TenantShare {
    day: number;
    bucket: number;
    /** Its tenant's reach, shared among its running contracts with the provider. */
    mass: number;
    /** Its downtime share over its last 30 days (0–1). */
    share: number;
}

export const shareBucket = (share: number): number => {
    const bps = share * 10_000;
    const i = SHARE_EDGES_BPS.findIndex((edge) => bps <= edge + 1e-9);
    return i < 0 ? SHARE_EDGES_BPS.length - 1 : i;
};

/** A histogram slot's values: per bucket, Σ mass and Σ mass × share. */
export const HISTOGRAM_ARITY = 2 * SHARE_EDGES_BPS.length;

export function entryDelta(e: TenantShare, sign: 1 | -1): number[] {
    const d = new Array<number>(HISTOGRAM_ARITY).fill(0);
    d[2 * e.bucket] = sign * e.mass;
    d[2 * e.bucket + 1] = sign * e.mass * e.share;
    return d;
}

/** A contract's entry from its 30-day minutes; null when none were observed. */
export function tenantShare(up: number, down: number, mass: number, at: number, day: number): TenantShare | null {
    if (up + down <= 0) return null;
    const share = down / (up + down);
    return { day: Math.floor(at / day) * day, bucket: shareBucket(share), mass, share };
}

/**
 * Moves a contract's entry in its offering's day ring (30 days): out of the day it was last added
 * (a day gone from the ring is gone with it), into today's. Entries of contracts no longer measured
 * leave the window with their day.
 */
export function moveShare(ring: Ring, old: TenantShare | undefined, next: TenantShare | null): Ring {
    const out = old === undefined ? ring : addToRing(ring, old.day, entryDelta(old, -1));
    return next === null ? out : addToRing(out, next.day, entryDelta(next, 1));
}

/**
 * The mass-weighted median tenant's downtime share from summed histogram values (the mean share
 * inside its bucket), the lower one on a tie: a provider is not below target on half its tenants'
 * word. Null without mass.
 */
export function medianShare(sums: readonly number[]): number | null {
    let total = 0;
    for (let b = 0; b < SHARE_EDGES_BPS.length; b++) total += Math.max(0, sums[2 * b] ?? 0);
    if (total <= 1e-9) return null;
    let below = 0;
    for (let b = 0; b < SHARE_EDGES_BPS.length; b++) {
        const mass = Math.max(0, sums[2 * b] ?? 0);
        below += mass;
        if (mass > 1e-9 && below >= total / 2 - 1e-9) return Math.min(1, Math.max(0, (sums[2 * b + 1] ?? 0) / mass));
    }
    return null;
}

/**
 * The minutes the score counts: the weighted minutes' total, down by their own share, lowered to the
 * median tenant's at most as far as the offering's target: the median clears a provider of a
 * minority's downtime, and never earns it the bonus for budget left unused.
 */
export function countedMinutes(up: number, down: number, median: number | null, targetBps: number): [number, number] {
    const observed = up + down;
    if (median === null || observed <= 0) return [up, down];
    const mean = down / observed;
    const share = Math.min(mean, Math.max(median, 1 - targetBps / 10_000));
    return [observed * (1 - share), observed * share];
}
