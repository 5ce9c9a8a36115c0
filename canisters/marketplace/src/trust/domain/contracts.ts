// Contract evidence: only money at risk counts. A contract tells something about its provider once
// it is paid (and, for the positive side, provisioned); unpaid requests change nothing here.
import { BREADTH_MIN_MONTHS, breadthOf, EARLY_CANCEL_SHARE, FULL_VALUE_TOKENS_PER_MONTH, MONTH, SERVED_AFTER, TENANT_CAP_MONTHS, emptyPayer } from './contract_records';
import type { ContractStats, Payer, Serving, StatusChange, TopTenant, TrustStatus } from './contract_records';
import { credit, independence, isIndependent, MEASURED_SERVICE_MIN, reach, reachShare, VOUCHED_CONTRACTS } from './independence';
import { voicedTokens } from './voice';

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
                // The market reports a cancelled contract's planned end as its cancellation time; the
                // serving record keeps the end that was paid for, against which "early" is measured.
                const planned = { ...c, plannedEnd: Math.max(c.plannedEnd, serving?.end ?? 0) };
                n.cancelledAfterStart++;
                if (isEarlyCancel(planned)) n.earlyCancelled++;
                countCancel(n, planned, out.payer?.independence ?? payer?.independence ?? 0, earnedTokens(c, serving));
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

/**
 * Only cancellations of service the platform measured count for the early-cancellation rule, each
 * weighted by the tenant's independence: a sybil's cancellation weighs nothing. An early one counts
 * against the provider as far as the platform's measurements explain it: by the share of that
 * contract's downtime budget measured used, in full at its target or below. A tenant leaving a
 * server that stayed up is its own choice, which tenants with bought history could make by the
 * dozen for a few tokens. Early ones also add the tokens the provider earned before them, by the
 * tenant's voice (voice.ts) and the same share: the critical flag needs spend the tenants cannot
 * get back, which independence alone (bought elsewhere) is not.
 */
function countCancel(n: ContractStats, c: StatusChange, ind: number, earned: number): void {
    if ((c.measuredSeconds ?? 0) < MEASURED_SERVICE_MIN) return;
    n.cancelWeight = (n.cancelWeight ?? 0) + ind;
    const explained = Math.min(1, Math.max(0, c.budgetUsed ?? 0));
    if (!isEarlyCancel(c) || explained === 0) return;
    n.earlyWeight = (n.earlyWeight ?? 0) + ind * explained;
    n.earlyTokens = (n.earlyTokens ?? 0) + voicedTokens(ind, earned) * explained;
}

/** Whole tokens the provider earned on a contract until its cancellation: its value per 30 days × the time served. */
const earnedTokens = (c: StatusChange, sv: Serving | undefined): number =>
    ((sv?.monthlyTokens ?? c.monthlyTokens) * Math.max(0, c.at - (sv?.start ?? c.startedAt ?? c.plannedStart))) / MONTH;

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
    writePayer(out, c.tenant, p, { ...withRunning(p, sv), contracts: p.contracts + 1 }, c.at, c.elsewhereMonths, c.countedElsewhereMonths);
    // A tenant vouches for its first few contracts only: contracts going round a ring cannot dilute failures.
    const vouched = p.contracts < VOUCHED_CONTRACTS ? (out.payer?.credit ?? 1) : 0;
    n.provisionedCredit = (n.provisionedCredit ?? n.provisioned - 1) + vouched;
    n.freshCredit = (n.freshCredit ?? 0) + vouched * (1 - broadShare(out.payer));
}

/**
 * The share of a tenant's vouch that stands outside the fresh tenants' cap: its reach when it has
 * history elsewhere, none without. Sybils given a month elsewhere (a token each) diluted a failing
 * provider's failures by half a contract each, and bought it 26 places in the simulation.
 */
const broadShare = (p: Payer | undefined): number => reachShare(p?.independence ?? 1, p?.reach);

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
        runningValue: (BigInt(p.runningValue) - BigInt(sv.value)).toString(),
        runningPlanned: p.running <= 1 ? 0 : Math.max(0, (p.runningPlanned ?? 0) - plannedOf(sv))
    }, c.at, c.elsewhereMonths, c.countedElsewhereMonths);
}

/** A tenant's value-weighted paid months with this provider at `at` (closed plus running). */
export const tenantWeight = (p: Payer, at: number): number => p.weight + Math.max(0, p.factorSum * at - p.factorStartSum) / MONTH;
export const tenantSeconds = (p: Pick<Payer, 'servedSeconds' | 'running' | 'startSum'>, at: number): number => p.servedSeconds + Math.max(0, p.running * at - p.startSum);
const tenantValue = (p: Payer): bigint => BigInt(p.value) + BigInt(p.runningValue);

/**
 * Moves one tenant's record from `old` to `next` in the provider's totals, applying the cap and the
 * tenant's independence credit at `at` (from its history elsewhere, when the change tells it).
 */
function writePayer(out: StatusOutcome, tenant: string, old: Payer, next: Payer, at: number, elsewhere?: number, countedElsewhere?: number): void {
    const t = { ...out.stats.evidence };
    const capped = tenantWeight(next, at) >= TENANT_CAP_MONTHS;
    const ind = elsewhere === undefined ? (old.independence ?? 0) : independence(elsewhere, tenantWeight(next, at), countedElsewhere);
    const p: Payer = { ...next, capped, independence: ind, credit: credit(ind) };
    const was = old.credit ?? 1;
    const now = p.credit!;
    if (old.capped) t.cappedMonths -= TENANT_CAP_MONTHS * was;
    else {
        t.cappedMonths -= old.weight * was;
        t.factorSum -= old.factorSum * was;
        t.factorStartSum -= old.factorStartSum * was;
    }
    if (capped) t.cappedMonths += TENANT_CAP_MONTHS * now;
    else {
        t.cappedMonths += p.weight * now;
        t.factorSum += p.factorSum * now;
        t.factorStartSum += p.factorStartSum * now;
    }
    if (t.running + p.running - old.running === 0) [t.factorSum, t.factorStartSum, t.startSum] = [0, 0, 0];
    else t.startSum += p.startSum - old.startSum;
    t.running += p.running - old.running;
    t.closedSeconds += p.servedSeconds - old.servedSeconds;
    t.value = (BigInt(t.value) + tenantValue(p) - tenantValue(old)).toString();
    if (old.contracts === 0 && p.contracts > 0) t.payers++;
    if (old.served < 2 && p.served >= 2) t.repeat++;
    p.broad = p.contracts > 0 && isIndependent(ind) && paidHere(p, at) >= BREADTH_MIN_MONTHS;
    if (elsewhere !== undefined) p.reach = reach(countedElsewhere ?? elsewhere);
    const [countsNow, countedBefore] = [inBreadth(p), inBreadth(old)];
    t.breadth = breadthOf(t) + countsNow * (p.reach ?? 1) - countedBefore * (old.reach ?? 1);
    t.independent = (t.independent ?? 0) + countsNow - countedBefore;
    const mine: TopTenant = { tenant, servedSeconds: p.servedSeconds, running: p.running, startSum: p.startSum };
    if (t.top === null || t.top.tenant === tenant || tenantSeconds(mine, at) > tenantSeconds(t.top, at)) t.top = mine;
    if (tenantValue(p) > BigInt(t.topValue)) t.topValue = tenantValue(p).toString();
    out.stats.evidence = t;
    out.payer = p;
}

/** 1 when a tenant's record counts in the provider's breadth (a record of the earlier layout: when independent), else 0. */
const inBreadth = (q: Payer): number => ((q.broad ?? (q.contracts > 0 && isIndependent(q.independence ?? 0))) ? 1 : 0);

/** Adds a tenant's record to the provider's totals (the upgrade from records that kept every contract inline). */
export function addPayer(s: ContractStats, tenant: string, p: Payer, at: number): { stats: ContractStats; payer: Payer } {
    const out: StatusOutcome = { stats: { ...s } };
    writePayer(out, tenant, emptyPayer(), p, at);
    return { stats: out.stats, payer: out.payer ?? p };
}

/** A tenant's paid months here: closed, plus its running contracts as planned (at least as served so far). */
const paidHere = (p: Payer, at: number): number => Math.max(tenantWeight(p, at), p.weight + (p.runningPlanned ?? 0));
const plannedOf = (sv: Serving): number => contractWeight(sv.end - sv.start, sv.monthlyTokens);

/** A running contract's share of its tenant's sums. */
export function withRunning(p: Payer, sv: Serving): Payer {
    const f = valueFactor(sv.monthlyTokens);
    return { ...p, running: p.running + 1, runningPlanned: (p.runningPlanned ?? 0) + plannedOf(sv), startSum: p.startSum + sv.start, factorSum: p.factorSum + f, factorStartSum: p.factorStartSum + f * sv.start, runningValue: (BigInt(p.runningValue) + BigInt(sv.value)).toString() };
}

/** Paid months (value-weighted, as planned) a status change started running (+) or stopped (−). */
export function plannedMonths(serving: Serving | null | undefined, before: Serving | undefined): number {
    if (serving === null) return before === undefined ? 0 : -plannedOf(before);
    return serving === undefined ? 0 : plannedOf(serving);
}
