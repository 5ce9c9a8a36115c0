// What a provider's contract records say at a moment: evidence (months served, payers, repeat
// customers, concentration), requests stuck past their time, failures, tenure.
import { breadthOf, MONTH, STUCK_AFTER, TENANT_CAP_MONTHS } from './contract_records';
import type { ContractStats } from './contract_records';
import { tenantSeconds } from './contracts';

export interface Evidence {
    /** Paid service months, each tenant capped at TENANT_CAP_MONTHS (applied at the tenant's last change). */
    months: number;
    payers: number;
    /** Tenants with history elsewhere (at most two thirds of their paid months went to this provider). */
    independent: number;
    /** What they are worth in full: Σ counted months elsewhere ÷ BREADTH_HISTORY_MONTHS, each at most 1. */
    breadth: number;
    repeatCustomers: number;
    /** Share of paid service time from the largest tenant (0–1), null without any. */
    topTimeShare: number | null;
    /** Share of paid value from the largest tenant (0–1), null without any. */
    topValueShare: number | null;
    servedSeconds: number;
}

/** Evidence at `now` from the running totals: closed contracts plus the time served so far by running ones. */
export function evidenceOf(s: ContractStats, now: number): Evidence {
    const t = s.evidence;
    // No tenant counts past the cap: exact while one tenant runs, a bound for tenants that cross it between changes.
    const months = Math.min(TENANT_CAP_MONTHS * t.payers, Math.max(0, t.cappedMonths + Math.max(0, t.factorSum * now - t.factorStartSum) / MONTH));
    const seconds = tenantSeconds({ servedSeconds: t.closedSeconds, running: t.running, startSum: t.startSum }, now);
    const value = BigInt(t.value);
    const topSeconds = t.top === null ? 0 : Math.min(seconds, tenantSeconds(t.top, now));
    return {
        months,
        payers: t.payers,
        independent: t.independent ?? 0,
        breadth: Math.max(0, breadthOf(t)),
        repeatCustomers: t.repeat,
        topTimeShare: seconds === 0 ? null : topSeconds / seconds,
        topValueShare: value === 0n ? null : Number((BigInt(t.topValue) * 10_000n) / value) / 10_000,
        servedSeconds: seconds
    };
}

export interface StuckSummary {
    stuckRequested: number;
    stuckAccepted: number;
    stuckValue: bigint;
}

export function stuck(s: ContractStats, now: number): StuckSummary {
    const out = { stuckRequested: 0, stuckAccepted: 0, stuckValue: 0n };
    for (const o of Object.values(s.open)) {
        if (now - o.since <= STUCK_AFTER) continue;
        if (o.status === 'requested') out.stuckRequested++;
        else out.stuckAccepted++;
        out.stuckValue += BigInt(o.value);
    }
    return out;
}

/**
 * Failures the provider verifiably caused on paid contracts: it accepted and then reported that
 * provisioning failed, or accepted and left the contract unprovisioned past 72 h. A paid request
 * declined or left to expire before service is fully refunded and is no failure by itself (any
 * principal can pay for requests to a provider that cannot serve them all).
 */
export const paidFailures = (s: Pick<ContractStats, 'failedPaid'>, st: Pick<StuckSummary, 'stuckAccepted'>): number => s.failedPaid + st.stuckAccepted;

/** Contracts whose service ran and ended: the base of the completion rate. */
export const servedContracts = (s: ContractStats): number => s.completed + s.cancelledAfterStart;

export type Tenure = 'new' | 'growing' | 'established';

export const tenureOf = (completed: number): Tenure => (completed < 5 ? 'new' : completed <= 20 ? 'growing' : 'established');
