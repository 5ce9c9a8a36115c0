// The records contract evidence keeps (per provider, per running contract, per paying tenant)
// and the constants of its rules. Times are seconds (the trust domain's unit).
import { DAY, HOUR } from './time';

export type TrustStatus =
    | 'requested'
    | 'accepted'
    | 'provisioning'
    | 'running'
    | 'completed'
    | 'rejected'
    | 'cancelled'
    | 'expired'
    | 'provisioning_failed';

export interface StatusChange {
    contractId: string;
    tenant: string;
    from: TrustStatus | null;
    to: TrustStatus;
    at: number;
    /** The tenant paid (part of) the contract; unpaid contracts change no counter. */
    paid: boolean;
    /** When service started (provisioning completed); null before. */
    startedAt: number | null;
    plannedStart: number;
    plannedEnd: number;
    /** What the tenant paid for service time, in the token's base units. */
    value: bigint;
    /** The paid value per 30 days of service, in whole tokens (for the evidence weight). */
    monthlyTokens: number;
    /** The tenant's value-weighted paid months with other providers (its history elsewhere); absent = none known. */
    elsewhereMonths?: number;
    /** The part of it that stands on its own (circles.ts); absent = all of it. */
    countedElsewhereMonths?: number;
    /** Seconds of this contract's service the platform measured up (counted minutes × 60). */
    measuredSeconds?: number;
    /**
     * How much of this contract's downtime budget (its offering's target over the minutes measured,
     * last 30 days) the platform measured used; 1 or more is below target. What makes an early
     * cancellation the provider's doing rather than the tenant's choice.
     */
    budgetUsed?: number;
}

export interface OpenRequest {
    status: 'requested' | 'accepted';
    since: number;
    value: string;
}

/** A paid contract in service (its own record, keyed by contract): it adds evidence as time passes. */
export interface Serving {
    tenant: string;
    start: number;
    end: number;
    monthlyTokens: number;
    value: string;
}

/**
 * What one paying tenant contributed to one provider (its own record, keyed provider|tenant):
 * closed contracts as sums, running ones as sums that grow linearly with time.
 */
export interface Payer {
    /** Paid contracts that were provisioned. */
    contracts: number;
    /** Contracts that ran at least a day (or to their end): the base of "repeat customers". */
    served: number;
    /** Evidence of its closed contracts, in paid service months. */
    weight: number;
    servedSeconds: number;
    /** Paid value of its closed contracts (base units, decimal text). */
    value: string;
    /** Feedback answers this tenant gave about the provider (only the first FEEDBACK_PER_TENANT count). */
    answers: number;
    /** Running contracts: count, Σ start, Σ value factor, Σ factor × start, Σ paid value. */
    running: number;
    startSum: number;
    factorSum: number;
    factorStartSum: number;
    runningValue: string;
    /** Counted at the cap in the provider's totals (decided at this record's last write). */
    capped: boolean;
    /** Independence from this provider at the last write (independence.ts); absent = earlier layout. */
    independence?: number;
    /** The credit its months were counted with in the provider's totals; absent = earlier layout (full). */
    credit?: number;
    /** Paid months (value-weighted) its running contracts are planned for; absent = earlier layout (none known). */
    runningPlanned?: number;
    /** Counted in the provider's breadth (`independent`) at its last write; absent = earlier layout (then: independent). */
    broad?: boolean;
    /** What it adds to the breadth when broad (independence.ts `reach`), from its last write with history; absent = 1. */
    reach?: number;
}

/** The largest tenant by paid time, as of its last write (its running contracts keep growing). */
export interface TopTenant {
    tenant: string;
    servedSeconds: number;
    running: number;
    startSum: number;
}

/**
 * The provider's evidence as running totals over its tenants, so that reading or changing it costs
 * the same for one running contract as for twenty thousand. The per-tenant cap is applied when a
 * tenant's record is written: a capped tenant counts TENANT_CAP_MONTHS, an uncapped one its closed
 * weight plus the linear growth of its running contracts.
 */
export interface EvidenceTotals {
    payers: number;
    repeat: number;
    closedSeconds: number;
    running: number;
    startSum: number;
    value: string;
    cappedMonths: number;
    factorSum: number;
    factorStartSum: number;
    top: TopTenant | null;
    topValue: string;
    /** Tenants counted as independent (history elsewhere) at their last write; absent = earlier layout. */
    independent?: number;
    /** Σ reach of those tenants; absent = records from before reach (each counted 1). */
    breadth?: number;
}

/** Running counters of a provider's paid contracts, updated on each status change. */
export interface ContractStats {
    paidRequests: number;
    provisioned: number;
    /** Σ independence credit of the tenants of provisioned contracts: sybils cannot dilute a failure rate. */
    provisionedCredit?: number;
    /** The part of `provisionedCredit` beyond its tenants' reach: all of a tenant's without history elsewhere, (1 − reach) of one with (absent = earlier layout: none). */
    freshCredit?: number;
    rejectedPaid: number;
    failedPaid: number;
    /** Paid requests the provider let expire unanswered. */
    silentPaid: number;
    /** Paid contracts the tenant cancelled before provisioning (neutral). */
    cancelledBeforeStart: number;
    cancelledAfterStart: number;
    earlyCancelled: number;
    /** Cancellations after start with measured service, each weighted by its tenant's independence. */
    cancelWeight?: number;
    /** Of those, the early ones (first 10 % of the planned time), each × the share of its downtime budget measured used (before that rule: each in full). */
    earlyWeight?: number;
    /** Σ over early ones of the tokens the provider earned before them, × the tenant's voice; absent = earlier layout. */
    earlyTokens?: number;
    completed: number;
    running: number;
    evidence: EvidenceTotals;
    /** Paid requests awaiting the provider (for "stuck"). */
    open: Record<string, OpenRequest>;
    lastActivityAt: number | null;
    firstContractAt: number | null;
}

/** The breadth of stored totals: those from before reach count each independent tenant 1. */
export const breadthOf = (t: Pick<EvidenceTotals, 'breadth' | 'independent'>): number => t.breadth ?? t.independent ?? 0;

export const emptyEvidenceTotals = (): EvidenceTotals => ({
    payers: 0,
    repeat: 0,
    closedSeconds: 0,
    running: 0,
    startSum: 0,
    value: '0',
    cappedMonths: 0,
    factorSum: 0,
    factorStartSum: 0,
    top: null,
    topValue: '0',
    independent: 0,
    breadth: 0
});

export const emptyContractStats = (): ContractStats => ({
    paidRequests: 0,
    provisioned: 0,
    rejectedPaid: 0,
    failedPaid: 0,
    silentPaid: 0,
    cancelledBeforeStart: 0,
    cancelledAfterStart: 0,
    earlyCancelled: 0,
    cancelWeight: 0,
    earlyWeight: 0,
    completed: 0,
    running: 0,
    evidence: emptyEvidenceTotals(),
    open: {},
    lastActivityAt: null,
    firstContractAt: null
});

export const emptyPayer = (): Payer => ({ contracts: 0, served: 0, weight: 0, servedSeconds: 0, value: '0', answers: 0, running: 0, startSum: 0, factorSum: 0, factorStartSum: 0, runningValue: '0', capped: false });

export const STUCK_AFTER = 72 * HOUR;
export const EARLY_CANCEL_SHARE = 0.1;
export const MONTH = 30 * DAY;
/** A contract paying at least this many whole tokens per 30 days counts fully per month served. */
export const FULL_VALUE_TOKENS_PER_MONTH = 1;
/** At most this much evidence (paid service months) comes from any one tenant. */
export const TENANT_CAP_MONTHS = 3;
/** A tenant widens a provider's breadth with this much paid time there (value-weighted months, running contracts as planned). */
export const BREADTH_MIN_MONTHS = (7 * DAY) / MONTH;
/** A contract "was served" once it ran this long (or to its end). */
export const SERVED_AFTER = DAY;
