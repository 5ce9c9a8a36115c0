// History elsewhere that money going round a circle cannot buy. A tenant's paid months with another
// provider Q count toward its independence from P only as far as Q stands on its own: the share of
// Q's paid months vouched for by tenants independent of Q who do not also pay P. A ring of
// colluding providers whose sybils rent from each other vouches only for itself: each member's
// standing with respect to another comes from tenants that pay both, so it counts for nothing, and
// a sybil's independence, which rests on that standing, decays to 0 with every contract it closes.
// Tenants of an open market pay providers whose other tenants are mostly strangers: their history
// counts. Kept as running aggregates: each provider's standing (vouched months, paid months), each
// pair's circular vouch, and each tenant's first TRACKED_PROVIDERS providers; a write moves at most
// 2 × TRACKED_PROVIDERS aggregates, whatever is stored.
import { TENANT_CAP_MONTHS } from './contract_records';
import { isIndependent, monthsAt, type HistoryEntry } from './independence';

export type { HistoryEntry };

/** A tenant's history counts with its first this many providers (the fan-out of one write). */
export const TRACKED_PROVIDERS = 8;
/** A provider without paid months stands at STANDING_PRIOR_SHARE, worth this many paid months. */
export const STANDING_PRIOR_MONTHS = 1;
export const STANDING_PRIOR_SHARE = 0.5;

/**
 * A provider's standing: Σ its tenants' vouches (capped paid months if independent of it) and Σ
 * capped paid months; an anchor (named by the platform's controllers, as they name its monitors)
 * stands in full: a new market's first history elsewhere.
 */
export interface Standing {
    vouch: number;
    months: number;
    anchor?: boolean;
}

/** Key of Σ vouch for `q` from tenants who also pay `p`. */
export const circleKey = (q: string, p: string): string => `${q}|${p}`;

/** How far history with Q counts toward independence from P: Q's vouched share without P's circle. */
export function standingShare(st: Standing | undefined, circle: number): number {
    if (st?.anchor === true) return 1;
    const vouched = Math.max(0, (st?.vouch ?? 0) - Math.max(0, circle)) + STANDING_PRIOR_MONTHS * STANDING_PRIOR_SHARE;
    return Math.min(1, vouched / (Math.max(0, st?.months ?? 0) + STANDING_PRIOR_MONTHS));
}

/** Months with the tenant's tracked providers but `provider`, each counted at `share(q)`. */
export function countedElsewhere(entries: readonly HistoryEntry[], provider: string, at: number, month: number, share: (q: string) => number): number {
    let sum = 0;
    for (const e of entries) if (e.p !== provider) sum += monthsAt(e, at, month) * share(e.p);
    return sum;
}

export interface PayerSums {
    weight: number;
    factorSum: number;
    factorStartSum: number;
    independence?: number;
}

export interface VouchPlan {
    entries: HistoryEntry[];
    /** What moves in the provider's standing (null: nothing). */
    standing: { provider: string; vouch: number; months: number } | null;
    /** Σ vouch moves of circles, by circleKey. */
    circles: { key: string; delta: number }[];
}

/**
 * The tenant's record with `provider` was written (`payer`): its entry follows, and the aggregates
 * move by what its vouch and paid months moved. `plannedDelta` = paid months of a contract that
 * started running (+) or stopped (−). A provider past the tracked ones moves nothing.
 */
export function planVouch(entries: readonly HistoryEntry[], provider: string, payer: PayerSums, plannedDelta: number): VouchPlan {
    const circles: VouchPlan['circles'] = [];
    let i = entries.findIndex((e) => e.p === provider);
    if (i < 0 && entries.length >= TRACKED_PROVIDERS) return { entries: [...entries], standing: null, circles };
    const next = [...entries];
    if (i < 0) {
        // The tenant now pays `provider` too: what it vouched for each earlier provider is circular to it.
        for (const e of entries) if (e.v !== 0) circles.push({ key: circleKey(e.p, provider), delta: e.v });
        next.push({ p: provider, weight: 0, factorSum: 0, factorStartSum: 0, planned: 0, m: 0, v: 0 });
        i = next.length - 1;
    }
    const e = next[i]!;
    const planned = Math.max(0, e.planned + plannedDelta);
    const m = Math.min(TENANT_CAP_MONTHS, payer.weight + planned);
    const v = isIndependent(payer.independence ?? 0) ? m : 0;
    next[i] = { ...e, weight: payer.weight, factorSum: payer.factorSum, factorStartSum: payer.factorStartSum, planned, m, v };
    const dv = v - e.v;
    if (dv !== 0) for (const o of next) if (o.p !== provider) circles.push({ key: circleKey(provider, o.p), delta: dv });
    const standing = dv !== 0 || m !== e.m ? { provider, vouch: dv, months: m - e.m } : null;
    return { entries: next, standing, circles };
}
