// How independent a tenant is of a provider, from what the ledger of paid service shows: a tenant
// whose paid time went mostly to this provider (a fresh sybil, a provider renting from itself)
// counts less. Its history elsewhere costs real money paid to other providers.
import { HOUR } from './time';

/** History elsewhere counts from half a value-weighted month (≈ 0.5 token paid to other providers). */
export const HISTORY_MIN_MONTHS = 0.5;
/** A tenant "with history elsewhere": at most two thirds of its paid months went to this provider. */
export const INDEPENDENT_SHARE = 1 / 3;
/**
 * A tenant with history elsewhere widens a provider's breadth in full from this many counted months
 * elsewhere, in part below (`reach`): 80 needs tenants worth 5 in full, so ≥ 10 months paid to
 * other providers. 0.5 month (half a token) made a sybil independent; 6 such sybils pumped their own
 * provider 60 → 80 for 3.26 tokens.
 */
export const BREADTH_HISTORY_MONTHS = 2;
/** Positive evidence of a tenant without history elsewhere still counts this much. */
export const CREDIT_FLOOR = 0.25;
/** An early cancellation counts only on a contract the platform measured up this long. */
export const MEASURED_SERVICE_MIN = HOUR;

/** A tenant vouches for at most this many served contracts in the failure rate's denominator. */
export const VOUCHED_CONTRACTS = 3;

/**
 * Served contracts of tenants without history elsewhere add at most this much credit to the
 * failure rate's denominator, all together (8 contracts at the credit floor), and so does the part
 * of a tenant with history elsewhere beyond its `reach`: fresh principals are free, and a month
 * elsewhere costs a token, so their contracts cannot dilute a provider's failures beyond it.
 */
export const FRESH_CREDIT_CAP = 2;

/**
 * How much a platform-measured minute on a tenant's contract counts in the provider's uptime and
 * measured days: the tenant's independence, shared among its running contracts with the provider
 * (one server's worth per tenant). A sybil's own server, always up, measures nothing about others.
 */
export const minuteWeight = (ind: number, running: number): number => (isIndependent(ind) ? ind / Math.max(1, running) : 0);

/**
 * counted ÷ (counted + here), 0 below the minimum history elsewhere. In value-weighted paid months;
 * `counted` is the history elsewhere that stands on its own (circles.ts), by default all of it.
 */
export function independence(elsewhereMonths: number, hereMonths: number, counted = elsewhereMonths): number {
    if (elsewhereMonths < HISTORY_MIN_MONTHS) return 0;
    const c = Math.max(0, Math.min(counted, elsewhereMonths));
    return c === 0 ? 0 : c / (c + Math.max(0, hereMonths));
}

export const isIndependent = (ind: number): boolean => ind >= INDEPENDENT_SHARE;

/** How much of one tenant a tenant with history elsewhere adds to a provider's breadth (0–1). */
export const reach = (countedElsewhere: number): number => Math.min(1, Math.max(0, countedElsewhere) / BREADTH_HISTORY_MONTHS);

/** What a tenant stands for beyond free principals: its reach when it has history elsewhere, none without. */
export const reachShare = (ind: number, tenantReach = 1): number => (isIndependent(ind) ? tenantReach : 0);

/** A contract's say in its offering's median tenant (uptime/median.ts): its tenant's reach, shared among its running contracts. */
export const reachMass = (ind: number, tenantReach: number | undefined, running: number): number => reachShare(ind, tenantReach) / Math.max(1, running);

/** The share of a tenant's capped months that counts as positive evidence. */
export const credit = (ind: number): number => CREDIT_FLOOR + (1 - CREDIT_FLOOR) * ind;

/** A tenant's record with one tracked provider (circles.ts): its months' running sums and what it last added to the aggregates. */
export interface HistoryEntry {
    p: string;
    weight: number;
    factorSum: number;
    factorStartSum: number;
    /** Paid months of its running contracts (value-weighted, as planned). */
    planned: number;
    /** Capped paid months and vouch counted in the provider's standing and the circles. */
    m: number;
    v: number;
}

/** A tenant's paid months with every provider, as running sums (like a tenant's record with one provider). */
export interface TenantHistory {
    weight: number;
    factorSum: number;
    factorStartSum: number;
    /** Its first providers, each with its months and vouch (circles.ts); absent = earlier layout (none counted). */
    entries?: HistoryEntry[];
}

export const emptyHistory = (): TenantHistory => ({ weight: 0, factorSum: 0, factorStartSum: 0 });

type Sums = Pick<TenantHistory, 'weight' | 'factorSum' | 'factorStartSum'>;

/** Value-weighted paid months at `at`: closed weight plus the linear growth of running contracts. */
export const monthsAt = (h: Sums, at: number, month: number): number => h.weight + Math.max(0, h.factorSum * at - h.factorStartSum) / month;

/** The history after one of its provider records moved from `old` to `next`. */
export const moveHistory = (h: TenantHistory, old: Sums, next: Sums): TenantHistory => ({
    ...h,
    weight: h.weight + next.weight - old.weight,
    factorSum: h.factorSum + next.factorSum - old.factorSum,
    factorStartSum: h.factorStartSum + next.factorStartSum - old.factorStartSum
});
