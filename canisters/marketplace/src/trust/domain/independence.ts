// How independent a tenant is of a provider, from what the ledger of paid service shows: a tenant
// whose paid time went mostly to this provider (a fresh sybil, a provider renting from itself)
// counts less. Its history elsewhere costs real money paid to other providers.
import { HOUR } from './time';

/** History elsewhere counts from half a value-weighted month (≈ 0.5 token paid to other providers). */
export const HISTORY_MIN_MONTHS = 0.5;
/** A tenant "with history elsewhere": at most two thirds of its paid months went to this provider. */
export const INDEPENDENT_SHARE = 1 / 3;
/** Positive evidence of a tenant without history elsewhere still counts this much. */
export const CREDIT_FLOOR = 0.25;
/** An early cancellation counts only on a contract the platform measured up this long. */
export const MEASURED_SERVICE_MIN = HOUR;

/** A tenant vouches for at most this many served contracts in the failure rate's denominator. */
export const VOUCHED_CONTRACTS = 3;

/**
 * Served contracts of tenants without history elsewhere add at most this much credit to the
 * failure rate's denominator, all together (8 contracts at the credit floor): fresh principals
 * are free, so their contracts cannot dilute a provider's failures beyond it.
 */
export const FRESH_CREDIT_CAP = 2;

/**
 * How much a platform-measured minute on a tenant's contract counts in the provider's uptime and
 * measured days: the tenant's independence, shared among its running contracts with the provider
 * (one server's worth per tenant). A sybil's own server, always up, measures nothing about others.
 */
export const minuteWeight = (ind: number, running: number): number => ind / Math.max(1, running);

/** elsewhere ÷ (elsewhere + here), 0 below the minimum history. Both in value-weighted paid months. */
export function independence(elsewhereMonths: number, hereMonths: number): number {
    if (elsewhereMonths < HISTORY_MIN_MONTHS) return 0;
    return elsewhereMonths / (elsewhereMonths + Math.max(0, hereMonths));
}

export const isIndependent = (ind: number): boolean => ind >= INDEPENDENT_SHARE;

/** The share of a tenant's capped months that counts as positive evidence. */
export const credit = (ind: number): number => CREDIT_FLOOR + (1 - CREDIT_FLOOR) * ind;

/** A tenant's paid months with every provider, as running sums (like a tenant's record with one provider). */
export interface TenantHistory {
    weight: number;
    factorSum: number;
    factorStartSum: number;
}

export const emptyHistory = (): TenantHistory => ({ weight: 0, factorSum: 0, factorStartSum: 0 });

type Sums = Pick<TenantHistory, 'weight' | 'factorSum' | 'factorStartSum'>;

/** Value-weighted paid months at `at`: closed weight plus the linear growth of running contracts. */
export const monthsAt = (h: Sums, at: number, month: number): number => h.weight + Math.max(0, h.factorSum * at - h.factorStartSum) / month;

/** The history after one of its provider records moved from `old` to `next`. */
export const moveHistory = (h: TenantHistory, old: Sums, next: Sums): TenantHistory => ({
    weight: h.weight + next.weight - old.weight,
    factorSum: h.factorSum + next.factorSum - old.factorSum,
    factorStartSum: h.factorStartSum + next.factorStartSum - old.factorStartSum
});
