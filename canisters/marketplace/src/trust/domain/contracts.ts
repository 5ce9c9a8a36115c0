// Contract evidence: only money at risk counts. A contract tells something about its provider once
// it is paid (and, for the positive side, provisioned); unpaid requests change nothing here.
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
}

export interface OpenRequest {
    status: 'requested' | 'accepted';
    since: number;
    value: string;
}

/** A paid contract in service: it adds evidence as time passes. */
export interface Serving {
    tenant: string;
    start: number;
    end: number;
    monthlyTokens: number;
    value: string;
}

/** What one paying tenant contributed (closed contracts; running ones are in `serving`). */
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
}

/** Running counters of a provider's paid contracts, updated on each status change. */
export interface ContractStats {
    paidRequests: number;
    provisioned: number;
    rejectedPaid: number;
    failedPaid: number;
    /** Paid requests the provider let expire unanswered. */
    silentPaid: number;
    /** Paid contracts the tenant cancelled before provisioning (neutral). */
    cancelledBeforeStart: number;
    cancelledAfterStart: number;
    earlyCancelled: number;
    completed: number;
    running: number;
    payers: Record<string, Payer>;
    serving: Record<string, Serving>;
    /** Paid requests awaiting the provider (for "stuck"). */
    open: Record<string, OpenRequest>;
    lastActivityAt: number | null;
    firstContractAt: number | null;
}

export const emptyContractStats = (): ContractStats => ({
    paidRequests: 0,
    provisioned: 0,
    rejectedPaid: 0,
    failedPaid: 0,
    silentPaid: 0,
    cancelledBeforeStart: 0,
    cancelledAfterStart: 0,
    earlyCancelled: 0,
    completed: 0,
    running: 0,
    payers: {},
    serving: {},
    open: {},
    lastActivityAt: null,
    firstContractAt: null
});

export const emptyPayer = (): Payer => ({ contracts: 0, served: 0, weight: 0, servedSeconds: 0, value: '0', answers: 0 });

export const STUCK_AFTER = 72 * HOUR;
export const EARLY_CANCEL_SHARE = 0.1;
export const MONTH = 30 * DAY;
/** A contract paying at least this many whole tokens per 30 days counts fully per month served. */
export const FULL_VALUE_TOKENS_PER_MONTH = 1;
/** At most this much evidence (paid service months) comes from any one tenant. */
export const TENANT_CAP_MONTHS = 3;
/** A contract "was served" once it ran this long (or to its end). */
export const SERVED_AFTER = DAY;

const NOT_YET_RUNNING: readonly TrustStatus[] = ['requested', 'accepted', 'provisioning'];
const PROVIDER_ACTIONS: readonly TrustStatus[] = ['accepted', 'provisioning', 'running', 'rejected', 'provisioning_failed'];

export function isEarlyCancel(c: Pick<StatusChange, 'at' | 'plannedStart' | 'plannedEnd'>): boolean {
    return c.at <= c.plannedStart + EARLY_CANCEL_SHARE * (c.plannedEnd - c.plannedStart);
}

/** Evidence of one contract: months served × min(1, monthly value / 1 whole token). */
export function contractWeight(servedSeconds: number, monthlyTokens: number): number {
    return (Math.max(0, servedSeconds) / MONTH) * Math.min(1, Math.max(0, monthlyTokens) / FULL_VALUE_TOKENS_PER_MONTH);
}

/**
 * Applies a status change. Returns null when nothing counted changed (an unpaid contract, or a
 * change inside one trust status): the caller then writes nothing and recomputes no score.
 */
export function applyStatusChange(s: ContractStats, c: StatusChange): ContractStats | null {
    if (!c.paid || c.from === c.to) return null;
    const n: ContractStats = { ...s, open: { ...s.open }, serving: { ...s.serving }, payers: { ...s.payers } };
    const prevOpen = s.open[c.contractId];
    delete n.open[c.contractId];
    if (PROVIDER_ACTIONS.includes(c.to)) n.lastActivityAt = Math.max(n.lastActivityAt ?? c.at, c.at);
    const wasRunning = c.from === 'running';
    if (wasRunning) closeServing(n, c);
    switch (c.to) {
        case 'requested':
        case 'accepted':
        case 'provisioning': {
            const status = c.to === 'requested' ? 'requested' : 'accepted';
            const keep = prevOpen !== undefined && prevOpen.status === status;
            n.open[c.contractId] = { status, since: keep ? prevOpen.since : c.at, value: c.value.toString() };
            return n;
        }
        case 'running':
            if (c.from === null || NOT_YET_RUNNING.includes(c.from)) openServing(n, c);
            return n;
        case 'rejected':
            n.rejectedPaid++;
            return n;
        case 'provisioning_failed':
            n.failedPaid++;
            return n;
        case 'cancelled':
            if (!wasRunning) n.cancelledBeforeStart++;
            else {
                n.cancelledAfterStart++;
                if (isEarlyCancel(c)) n.earlyCancelled++;
            }
            return n;
        case 'completed':
            n.completed++;
            return n;
        case 'expired':
            if (wasRunning) n.completed++;
            else n.silentPaid++;
            return n;
    }
}

/** A paid request seen for the first time counts once (Requested → Pending, or first seen later). */
export const countPaidRequest = (s: ContractStats): ContractStats => ({ ...s, paidRequests: s.paidRequests + 1 });

function openServing(n: ContractStats, c: StatusChange): void {
    const start = c.startedAt ?? c.at;
    n.provisioned++;
    n.running++;
    n.firstContractAt ??= start;
    n.serving[c.contractId] = { tenant: c.tenant, start, end: c.plannedEnd, monthlyTokens: c.monthlyTokens, value: c.value.toString() };
    const p = n.payers[c.tenant] ?? emptyPayer();
    n.payers[c.tenant] = { ...p, contracts: p.contracts + 1 };
}

function closeServing(n: ContractStats, c: StatusChange): void {
    const sv = n.serving[c.contractId];
    delete n.serving[c.contractId];
    n.running = Math.max(0, n.running - 1);
    if (sv === undefined) return;
    const end = Math.min(c.at, Math.max(sv.end, c.plannedEnd));
    const seconds = Math.max(0, end - sv.start);
    const ranToEnd = c.to === 'expired' || c.to === 'completed';
    const p = n.payers[sv.tenant] ?? emptyPayer();
    n.payers[sv.tenant] = {
        ...p,
        served: p.served + (seconds >= SERVED_AFTER || ranToEnd ? 1 : 0),
        weight: p.weight + contractWeight(seconds, c.monthlyTokens || sv.monthlyTokens),
        servedSeconds: p.servedSeconds + seconds,
        value: (BigInt(p.value) + (c.value > 0n ? c.value : BigInt(sv.value))).toString()
    };
}

export interface Evidence {
    /** Paid service months, each tenant capped at TENANT_CAP_MONTHS. */
    months: number;
    payers: number;
    repeatCustomers: number;
    /** Share of paid service time from the largest tenant (0–1), null without any. */
    topTimeShare: number | null;
    /** Share of paid value from the largest tenant (0–1), null without any. */
    topValueShare: number | null;
    servedSeconds: number;
}

/** Evidence at `now`: closed contracts plus the time served so far by running ones. */
export function evidenceOf(s: ContractStats, now: number): Evidence {
    const byTenant = new Map<string, { weight: number; seconds: number; value: bigint; served: number }>();
    for (const [t, p] of Object.entries(s.payers)) byTenant.set(t, { weight: p.weight, seconds: p.servedSeconds, value: BigInt(p.value), served: p.served });
    for (const sv of Object.values(s.serving)) {
        const e = byTenant.get(sv.tenant) ?? { weight: 0, seconds: 0, value: 0n, served: 0 };
        const seconds = Math.max(0, Math.min(now, sv.end) - sv.start);
        byTenant.set(sv.tenant, { weight: e.weight + contractWeight(seconds, sv.monthlyTokens), seconds: e.seconds + seconds, value: e.value + BigInt(sv.value), served: e.served });
    }
    let months = 0;
    let seconds = 0;
    let value = 0n;
    let topSeconds = 0;
    let topValue = 0n;
    let repeat = 0;
    for (const e of byTenant.values()) {
        months += Math.min(TENANT_CAP_MONTHS, e.weight);
        seconds += e.seconds;
        value += e.value;
        topSeconds = Math.max(topSeconds, e.seconds);
        if (e.value > topValue) topValue = e.value;
        if (e.served >= 2) repeat++;
    }
    return {
        months,
        payers: byTenant.size,
        repeatCustomers: repeat,
        topTimeShare: seconds === 0 ? null : topSeconds / seconds,
        topValueShare: value === 0n ? null : Number((topValue * 10_000n) / value) / 10_000,
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

/** Provider-caused failures of paid contracts: rejected after payment, failed, left to expire, stuck. */
export const paidFailures = (s: Pick<ContractStats, 'rejectedPaid' | 'failedPaid' | 'silentPaid'>, st: Pick<StuckSummary, 'stuckRequested' | 'stuckAccepted'>): number => s.rejectedPaid + s.failedPaid + s.silentPaid + st.stuckRequested + st.stuckAccepted;

/** Contracts whose service ran and ended: the base of the completion rate. */
export const servedContracts = (s: ContractStats): number => s.completed + s.cancelledAfterStart;

export type Tenure = 'new' | 'growing' | 'established';

export const tenureOf = (completed: number): Tenure => (completed < 5 ? 'new' : completed <= 20 ? 'growing' : 'established');
