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
    evidence: EvidenceTotals;
    /** Paid requests awaiting the provider (for "stuck"). */
    open: Record<string, OpenRequest>;
    lastActivityAt: number | null;
    firstContractAt: number | null;
}

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
    topValue: '0'
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
/** A contract "was served" once it ran this long (or to its end). */
export const SERVED_AFTER = DAY;

const NOT_YET_RUNNING: readonly TrustStatus[] = ['requested', 'accepted', 'provisioning'];
const PROVIDER_ACTIONS: readonly TrustStatus[] = ['accepted', 'provisioning', 'running', 'rejected', 'provisioning_failed'];

export function isEarlyCancel(c: Pick<StatusChange, 'at' | 'plannedStart' | 'plannedEnd'>): boolean {
    return c.at <= c.plannedStart + EARLY_CANCEL_SHARE * (c.plannedEnd - c.plannedStart);
}

/** Evidence of one contract: months served × min(1, monthly value / 1 whole token). */
export function contractWeight(servedSeconds: number, monthlyTokens: number): number {
    return (Math.max(0, servedSeconds) / MONTH) * valueFactor(monthlyTokens);
}

const valueFactor = (monthlyTokens: number): number => Math.min(1, Math.max(0, monthlyTokens) / FULL_VALUE_TOKENS_PER_MONTH);

/** What a status change writes: the provider's counters, and the contract's and tenant's records when they changed. */
export interface StatusOutcome {
    stats: ContractStats;
    /** The contract's serving record: new (started), null (ended), undefined (unchanged). */
    serving?: Serving | null;
    /** The tenant's record, when it changed. */
    payer?: Payer;
}

/**
 * Applies a status change, given the contract's serving record and the tenant's record. Returns
 * null when nothing counted changed (an unpaid contract, or a change inside one trust status): the
 * caller then writes nothing and recomputes no score. Costs the same whatever the provider runs.
 */
export function applyStatusChange(s: ContractStats, c: StatusChange, serving?: Serving, payer?: Payer): StatusOutcome | null {
    if (!c.paid || c.from === c.to) return null;
    const out: StatusOutcome = { stats: { ...s, open: { ...s.open } } };
    const n = out.stats;
    const prevOpen = s.open[c.contractId];
    delete n.open[c.contractId];
    if (PROVIDER_ACTIONS.includes(c.to)) n.lastActivityAt = Math.max(n.lastActivityAt ?? c.at, c.at);
    const wasRunning = c.from === 'running';
    if (wasRunning) closeServing(out, c, serving, payer);
    switch (c.to) {
        case 'requested':
        case 'accepted':
        case 'provisioning': {
            const status = c.to === 'requested' ? 'requested' : 'accepted';
            const keep = prevOpen !== undefined && prevOpen.status === status;
            n.open[c.contractId] = { status, since: keep ? prevOpen.since : c.at, value: c.value.toString() };
            return out;
        }
        case 'running':
            if (c.from === null || NOT_YET_RUNNING.includes(c.from)) openServing(out, c, payer);
            return out;
        case 'rejected':
            n.rejectedPaid++;
            return out;
        case 'provisioning_failed':
            n.failedPaid++;
            return out;
        case 'cancelled':
            if (!wasRunning) n.cancelledBeforeStart++;
            else {
                n.cancelledAfterStart++;
                if (isEarlyCancel(c)) n.earlyCancelled++;
            }
            return out;
        case 'completed':
            n.completed++;
            return out;
        case 'expired':
            if (wasRunning) n.completed++;
            else n.silentPaid++;
            return out;
    }
}

/** A paid request seen for the first time counts once (Requested → Pending, or first seen later). */
export const countPaidRequest = (s: ContractStats): ContractStats => ({ ...s, paidRequests: s.paidRequests + 1 });

function openServing(out: StatusOutcome, c: StatusChange, payer: Payer | undefined): void {
    const n = out.stats;
    const start = c.startedAt ?? c.at;
    n.provisioned++;
    n.running++;
    n.firstContractAt ??= start;
    const sv: Serving = { tenant: c.tenant, start, end: c.plannedEnd, monthlyTokens: c.monthlyTokens, value: c.value.toString() };
    out.serving = sv;
    const p = out.payer ?? payer ?? emptyPayer();
    writePayer(out, c.tenant, p, { ...withRunning(p, sv), contracts: p.contracts + 1 }, c.at);
}

function closeServing(out: StatusOutcome, c: StatusChange, sv: Serving | undefined, payer: Payer | undefined): void {
    out.stats.running = Math.max(0, out.stats.running - 1);
    if (sv === undefined) return;
    out.serving = null;
    const end = Math.min(c.at, Math.max(sv.end, c.plannedEnd));
    const seconds = Math.max(0, end - sv.start);
    const ranToEnd = c.to === 'expired' || c.to === 'completed';
    const p = payer ?? emptyPayer();
    const f = valueFactor(sv.monthlyTokens);
    writePayer(out, sv.tenant, p, {
        ...p,
        served: p.served + (seconds >= SERVED_AFTER || ranToEnd ? 1 : 0),
        weight: p.weight + contractWeight(seconds, c.monthlyTokens || sv.monthlyTokens),
        servedSeconds: p.servedSeconds + seconds,
        value: (BigInt(p.value) + (c.value > 0n ? c.value : BigInt(sv.value))).toString(),
        running: Math.max(0, p.running - 1),
        startSum: p.running <= 1 ? 0 : p.startSum - sv.start,
        factorSum: p.running <= 1 ? 0 : p.factorSum - f,
        factorStartSum: p.running <= 1 ? 0 : p.factorStartSum - f * sv.start,
        runningValue: (BigInt(p.runningValue) - BigInt(sv.value)).toString()
    }, c.at);
}

const tenantWeight = (p: Payer, at: number): number => p.weight + Math.max(0, p.factorSum * at - p.factorStartSum) / MONTH;
const tenantSeconds = (p: Pick<Payer, 'servedSeconds' | 'running' | 'startSum'>, at: number): number => p.servedSeconds + Math.max(0, p.running * at - p.startSum);
const tenantValue = (p: Payer): bigint => BigInt(p.value) + BigInt(p.runningValue);

/** Moves one tenant's record from `old` to `next` in the provider's totals, applying the cap at `at`. */
function writePayer(out: StatusOutcome, tenant: string, old: Payer, next: Payer, at: number): void {
    const t = { ...out.stats.evidence };
    const capped = tenantWeight(next, at) >= TENANT_CAP_MONTHS;
    const p: Payer = { ...next, capped };
    if (old.capped) t.cappedMonths -= TENANT_CAP_MONTHS;
    else {
        t.cappedMonths -= old.weight;
        t.factorSum -= old.factorSum;
        t.factorStartSum -= old.factorStartSum;
    }
    if (capped) t.cappedMonths += TENANT_CAP_MONTHS;
    else {
        t.cappedMonths += p.weight;
        t.factorSum += p.factorSum;
        t.factorStartSum += p.factorStartSum;
    }
    if (t.running + p.running - old.running === 0) [t.factorSum, t.factorStartSum, t.startSum] = [0, 0, 0];
    else t.startSum += p.startSum - old.startSum;
    t.running += p.running - old.running;
    t.closedSeconds += p.servedSeconds - old.servedSeconds;
    t.value = (BigInt(t.value) + tenantValue(p) - tenantValue(old)).toString();
    if (old.contracts === 0 && p.contracts > 0) t.payers++;
    if (old.served < 2 && p.served >= 2) t.repeat++;
    const mine: TopTenant = { tenant, servedSeconds: p.servedSeconds, running: p.running, startSum: p.startSum };
    if (t.top === null || t.top.tenant === tenant || tenantSeconds(mine, at) > tenantSeconds(t.top, at)) t.top = mine;
    if (tenantValue(p) > BigInt(t.topValue)) t.topValue = tenantValue(p).toString();
    out.stats.evidence = t;
    out.payer = p;
}

/** Adds a tenant's record to the provider's totals (the upgrade from records that kept every contract inline). */
export function addPayer(s: ContractStats, tenant: string, p: Payer, at: number): { stats: ContractStats; payer: Payer } {
    const out: StatusOutcome = { stats: { ...s } };
    writePayer(out, tenant, emptyPayer(), p, at);
    return { stats: out.stats, payer: out.payer ?? p };
}

/** A running contract's share of its tenant's sums. */
export function withRunning(p: Payer, sv: Serving): Payer {
    const f = valueFactor(sv.monthlyTokens);
    return { ...p, running: p.running + 1, startSum: p.startSum + sv.start, factorSum: p.factorSum + f, factorStartSum: p.factorStartSum + f * sv.start, runningValue: (BigInt(p.runningValue) + BigInt(sv.value)).toString() };
}

export interface Evidence {
    /** Paid service months, each tenant capped at TENANT_CAP_MONTHS (applied at the tenant's last change). */
    months: number;
    payers: number;
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

/** Provider-caused failures of paid contracts: rejected after payment, failed, left to expire, stuck. */
export const paidFailures = (s: Pick<ContractStats, 'rejectedPaid' | 'failedPaid' | 'silentPaid'>, st: Pick<StuckSummary, 'stuckRequested' | 'stuckAccepted'>): number => s.rejectedPaid + s.failedPaid + s.silentPaid + st.stuckRequested + st.stuckAccepted;

/** Contracts whose service ran and ended: the base of the completion rate. */
export const servedContracts = (s: ContractStats): number => s.completed + s.cancelledAfterStart;

export type Tenure = 'new' | 'growing' | 'established';

export const tenureOf = (completed: number): Tenure => (completed < 5 ? 'new' : completed <= 20 ? 'growing' : 'established');
