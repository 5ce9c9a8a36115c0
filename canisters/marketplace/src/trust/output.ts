// Candid shapes of the trust replies, built from the keeper's views.
import {
    claimCandid,
    flagCandid,
    historyCandid,
    opt,
    optNs,
    outvotedCandid,
    principal,
    responsivenessCandid,
    roleVariant,
    ruleCandid,
    toNs,
    windowsCandid
} from './convert';
import type { Feedback, FeedbackTally } from './domain/feedback';
import type { ProviderProfile } from './keeper/profile';
import type { DeclaredMonitor, SlaRecord } from './keeper/state';
import type { ReporterView } from './ports';
import type { TrustKeeper } from './keeper/trust';

export const reportersOut = (all: readonly ReporterView[]) =>
    all.map((r) => ({ principal: principal(r.principal), roles: r.roles.map(roleVariant), addedAt: toNs(r.addedAt), addedBy: r.addedBy === '' ? [] : [principal(r.addedBy)] }));

export const monitorsOut = (list: readonly DeclaredMonitor[]) =>
    list.map((m) => ({ principal: principal(m.principal), side: m.side === 'provider' ? { Provider: null } : { Tenant: null }, declaredAt: toNs(m.declaredAt) }));

export const feedbackOut = (f: Feedback) => ({
    contractId: BigInt(f.contractId),
    tenant: principal(f.tenant),
    at: toNs(f.at),
    matchedDescription: f.matchedDescription,
    wouldRentAgain: f.wouldRentAgain,
    counted: f.counted ?? true
});

export const slaOut = (r: SlaRecord) => ({
    period: r.index,
    start: toNs(r.start),
    end: toNs(r.end),
    outcome: r.outcome,
    uptimeBps: opt(r.uptimeBps),
    coverageBps: r.coverageBps,
    creditBps: r.creditBps,
    credit: BigInt(r.credit),
    credited: BigInt(r.credited ?? (r.paid ? r.credit : '0')),
    paid: r.paid,
    note: r.note,
    settledAt: toNs(r.settledAt)
});

export function profileOut(p: ProviderProfile) {
    const c = p.trust.contracts;
    const b = p.breakdown;
    const e = b.evidence;
    return {
        provider: principal(p.provider),
        score: b.score,
        raw: b.raw,
        rank: b.rank,
        evidence: e.months,
        evidenceDetail: {
            months: e.months,
            payers: e.payers,
            repeatCustomers: e.repeatCustomers,
            topTimeShare: opt(e.topTimeShare),
            topValueShare: opt(e.topValueShare),
            servedSeconds: e.servedSeconds,
            weight: b.weight,
            text: b.evidenceText,
            independentTenants: e.independent,
            breadth: e.breadth,
            measuredDays: b.measuredDays,
            countedMonths: b.positiveMonths,
            restsOn: b.restsOn
        },
        offeringUptime: p.offeringUptime.map((o) => ({
            offeringId: BigInt(o.offeringId),
            name: o.name,
            targetPct: o.targetBps / 100,
            upMinutes: o.upMinutes,
            downMinutes: o.downMinutes,
            incidents: Math.max(0, o.incidents),
            uptime: opt(o.upMinutes + o.downMinutes === 0 ? null : o.upMinutes / (o.upMinutes + o.downMinutes))
        })),
        tenure: p.tenure,
        critical: p.critical,
        warnBeforeCheckout: p.warnBeforeCheckout,
        flags: b.flags.map(flagCandid),
        breakdown: b.rules.map(ruleCandid),
        contracts: {
            paidRequests: c.paidRequests,
            provisioned: c.provisioned,
            rejected: c.rejectedPaid,
            provisioningFailed: c.failedPaid,
            expiredUnanswered: c.silentPaid,
            cancelled: c.cancelledBeforeStart + c.cancelledAfterStart,
            cancelledBeforeStart: c.cancelledBeforeStart,
            cancelledAfterStart: c.cancelledAfterStart,
            earlyCancelled: c.earlyCancelled,
            completed: c.completed,
            running: c.running,
            repeatCustomers: e.repeatCustomers,
            stuckRequested: p.stuck.stuckRequested,
            stuckAccepted: p.stuck.stuckAccepted
        },
        completionRate: opt(p.completionRate),
        reliability: opt(p.reliability),
        responsiveness: responsivenessCandid(p.responsiveness),
        silentSince: optNs(p.silentSince),
        silentContracts: p.silentContracts.map((id) => BigInt(id)),
        feedback: feedbackCandid(p.trust.feedback, p.net90d),
        uptime: windowsCandid(p.uptime),
        incidents: p.trust.uptime.incidentCount,
        outvotedMonitors: outvotedCandid(p.trust.uptime.outvoted),
        offerings: p.offerings.map((o) => ({
            offeringId: BigInt(o.offeringId),
            pricePerUnit: opt(o.pricePerUnit),
            marketMedian: opt(o.marketMedian),
            comparables: o.comparables,
            deltaPct: opt(o.deltaPct),
            label: o.label,
            anomaly: opt(o.anomaly),
            name: o.name,
            indexed: o.indexed,
            claims: o.claims.map(claimCandid)
        })),
        benchmarks: p.trust.benchmarks,
        signals: p.trust.signals,
        lastSignalAt: optNs(p.trust.lastSignalAt),
        firstContractAt: optNs(p.firstContractAt),
        registeredAt: optNs(p.registeredAt),
        history: p.history.map(historyCandid)
    };
}

export function signalsOut(id: bigint, s: NonNullable<ReturnType<TrustKeeper['contractSignals']>>) {
    const c = s.contract;
    return {
        contractId: id,
        provider: principal(c.provider),
        responseTargetSecs: s.responseTargetSeconds,
        waitingSince: optNs(c.conversation.waitingSince),
        silentSince: optNs(s.silentSince),
        lastReplyAt: optNs(c.conversation.lastReplyAt),
        responsiveness: responsivenessCandid(s.responsiveness),
        uptime: windowsCandid(s.uptime),
        incidentCount: s.incidents.count,
        longestIncidentMinutes: s.incidents.longestMinutes,
        recentIncidents: s.incidents.recent.map(([a, b]) => [toNs(a), toNs(b)]),
        outvotedMonitors: outvotedCandid(c.uptime.outvoted),
        sla: s.sla.map(slaOut),
        feedback: s.feedback === null ? [] : [feedbackOut(s.feedback)],
        recentEvents: s.recentEvents.map((e) => ({ kind: e.kind, sourceId: e.sourceId, at: toNs(e.at), reporter: principal(e.reporter), receivedAt: toNs(e.receivedAt) }))
    };
}

/** Weighted answers (domain/voice.ts) shown as whole answers: the Candid counters are integers. */
function feedbackCandid(t: FeedbackTally, net90d: number) {
    return { matchedYes: Math.round(t.matchedYes), matchedNo: Math.round(t.matchedNo), againYes: Math.round(t.againYes), againNo: Math.round(t.againNo), net90d: Math.round(net90d) };
}
