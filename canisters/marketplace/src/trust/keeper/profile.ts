import { evidenceOf, servedContracts, stuck, tenureOf, type StuckSummary, type Tenure } from '../domain/evidence';
import { incidentSummary } from '../domain/uptime/incidents';
import { silentContracts, silentSince, silentVoice } from '../domain/silence';
import { summarize, type ResponsivenessSummary } from '../domain/responsiveness';
import { sumWindow } from '../domain/ring';
import { computeScore, hasCriticalFlag } from '../domain/score/score';
import type { OfferingUptime, ScoreBreakdown, ScoreInput } from '../domain/score/types';
import { DAY } from '../domain/time';
import { dailySeries, windowUptime, type DayUptime, type WindowUptime } from '../domain/uptime/aggregate';
import { countedMinutes, HISTOGRAM_ARITY, medianShare } from '../domain/uptime/median';
import { MarketView } from './market';
import type { ContractTrust, ProviderTrust, ScoreEntry } from './state';
import { seqKey } from './state';
import type { MarketReads, Rows, TrustView } from './view';

export const LOW_SCORE = 50;

/**
 * Each offering's 30-day minutes: `counted` = weighted by the tenants' independence (what the score
 * uses, keeper/uptime.ts; slots of the earlier layout have none), else as measured (shown).
 */
export function offeringUptimes(p: ProviderTrust, now: number, market: MarketReads, view: MarketView, counted: boolean): OfferingUptime[] {
    return Object.entries(p.offeringUptime ?? {}).flatMap(([id, ring]) => {
        const [rawUp = 0, rawDown = 0, incidents = 0, wUp = 0, wDown = 0] = sumWindow(ring, now, 30 * DAY, 5);
        const [up, down] = counted ? [wUp, wDown] : [rawUp, rawDown];
        if (up + down === 0) return [];
        const o = market.offering(id);
        return [{ offeringId: id, name: o?.name ?? view.position(id)?.name ?? `offering ${id}`, targetBps: o?.uptimeTargetBps ?? 10_000, upMinutes: up, downMinutes: down, incidents }];
    });
}

/**
 * What the score counts of each offering's weighted minutes: their downtime lowered toward the
 * median tenant's, at most to the target (domain/uptime/median.ts).
 */
function countedUptimes(p: ProviderTrust, now: number, weighted: OfferingUptime[]): OfferingUptime[] {
    return weighted.map((o) => {
        const histogram = p.offeringShares?.[o.offeringId];
        const median = histogram === undefined ? null : medianShare(sumWindow(histogram, now, 30 * DAY, HISTOGRAM_ARITY));
        const [upMinutes, downMinutes] = countedMinutes(o.upMinutes, o.downMinutes, median, o.targetBps);
        return { ...o, upMinutes, downMinutes };
    });
}

export function scoreInput(p: ProviderTrust, now: number, market: MarketReads, view: MarketView): ScoreInput {
    const s = stuck(p.contracts, now);
    const r = summarize(p.responsiveness);
    const positions = p.offerings.flatMap((id) => {
        const pos = view.position(id);
        return pos === null ? [] : [pos];
    });
    const cheap = positions.flatMap((pos) => (pos.indexed && pos.anomaly === 'too_cheap' && pos.deltaPct !== null ? [{ offeringId: pos.offeringId, name: pos.name, deltaPct: pos.deltaPct }] : []));
    const c = p.contracts;
    const weighted = offeringUptimes(p, now, market, view, true);
    return {
        now,
        contracts: {
            paidRequests: c.paidRequests,
            provisioned: c.provisioned,
            provisionedCredit: c.provisionedCredit ?? c.provisioned,
            freshCredit: c.freshCredit ?? 0,
            rejectedPaid: c.rejectedPaid,
            failedPaid: c.failedPaid,
            silentPaid: c.silentPaid,
            stuckAccepted: s.stuckAccepted,
            stuckRequested: s.stuckRequested,
            cancelledAfterStart: c.cancelledAfterStart,
            earlyCancelled: c.earlyCancelled,
            cancelWeight: c.cancelWeight ?? 0,
            earlyWeight: c.earlyWeight ?? 0,
            earlyTokens: c.earlyTokens ?? 0,
            completed: c.completed,
            running: c.running,
            lastActivityAt: c.lastActivityAt
        },
        evidence: evidenceOf(c, now),
        measuredDays: weighted.reduce((a, o) => a + o.upMinutes, 0) / 1_440,
        feedback: { ...p.feedback, net90d: sumWindow(p.feedbackDays, now, 90 * DAY, 1)[0] ?? 0 },
        responsiveness: {
            firstResponseMedian: r.firstResponseMedian,
            firstResponseSamples: p.responsiveness.firstResponse.n,
            measured: r.measured,
            breaches: r.breaches,
            silentSince: silentSince(p.waits, now),
            silentVoice: silentVoice(p.waits, p.waitVoices, now),
            lastReplyAt: p.responsiveness.lastReplyAt
        },
        uptime: countedUptimes(p, now, weighted),
        hasPublicContact: market.provider(p.provider)?.hasPublicContact ?? false,
        claimMismatches: Object.entries(p.claimMismatches).flatMap(([id, list]) => list.map((m) => ({ ...m, offering: market.offering(id)?.name ?? view.position(id)?.name ?? `offering ${id}` }))),
        cheapOfferings: cheap
    };
}

export interface UptimeWindows {
    day: WindowUptime;
    week: WindowUptime;
    month: WindowUptime;
    /** The last 30 UTC days, oldest first (chart). */
    daily: DayUptime[];
}

export const uptimeWindows = (u: ProviderTrust['uptime'], now: number): UptimeWindows => ({
    day: windowUptime(u, now, '24h'),
    week: windowUptime(u, now, '7d'),
    month: windowUptime(u, now, '30d'),
    daily: dailySeries(u, now, 30)
});

export interface ProviderProfile {
    provider: string;
    breakdown: ScoreBreakdown;
    critical: boolean;
    warnBeforeCheckout: boolean;
    tenure: Tenure;
    firstContractAt: number | null;
    registeredAt: number | null;
    trust: ProviderTrust;
    stuck: StuckSummary;
    net90d: number;
    responsiveness: ResponsivenessSummary;
    silentSince: number | null;
    silentContracts: string[];
    uptime: UptimeWindows;
    reliability: number | null;
    completionRate: number | null;
    offerings: NonNullable<ReturnType<MarketView['position']>>[];
    offeringUptime: OfferingUptime[];
    history: ScoreEntry[];
}

/** reliability = uptime × 0.40 + completion × 0.35 + response-within-target × 0.25 (trust.md). */
export function reliability(uptime: number | null, completion: number | null, response: number | null): number | null {
    if (uptime === null && completion === null && response === null) return null;
    return (uptime ?? 1) * 0.4 + (completion ?? 1) * 0.35 + (response ?? 1) * 0.25;
}

export function recentHistory(t: Rows<ScoreEntry>, p: ProviderTrust, limit: number): ScoreEntry[] {
    const out: ScoreEntry[] = [];
    for (let i = p.historyLen - 1; i >= 0 && out.length < limit; i--) {
        const e = t.get(seqKey(p.provider, i));
        if (e !== undefined) out.push(e);
    }
    return out;
}

export function providerProfile(store: TrustView, market: MarketReads, p: ProviderTrust, now: number, historyLimit: number): ProviderProfile {
    const view = new MarketView(store.offerings, store.market);
    const input = scoreInput(p, now, market, view);
    const breakdown = computeScore(input);
    const r = summarize(p.responsiveness);
    const uptime = uptimeWindows(p.uptime, now);
    const served = servedContracts(p.contracts);
    const completionRate = served === 0 ? null : p.contracts.completed / served;
    const critical = hasCriticalFlag(breakdown);
    return {
        provider: p.provider,
        breakdown,
        critical,
        warnBeforeCheckout: critical || breakdown.score < LOW_SCORE,
        tenure: tenureOf(p.contracts.completed),
        firstContractAt: p.contracts.firstContractAt,
        registeredAt: market.provider(p.provider)?.registeredAt ?? null,
        trust: p,
        stuck: stuck(p.contracts, now),
        net90d: input.feedback.net90d,
        responsiveness: r,
        silentSince: silentSince(p.waits, now),
        silentContracts: silentContracts(p.waits, now),
        uptime,
        reliability: reliability(uptime.month.uptime, completionRate, r.withinTargetShare),
        completionRate,
        offerings: p.offerings.flatMap((id) => {
            const pos = view.position(id);
            return pos === null ? [] : [pos];
        }),
        offeringUptime: offeringUptimes(p, now, market, view, false),
        history: recentHistory(store.history, p, historyLimit)
    };
}

export interface ListingCard {
    provider: string;
    score: number;
    rank: number;
    evidenceText: string;
    tenure: Tenure;
    critical: boolean;
    warnBeforeCheckout: boolean;
    silentSince: number | null;
    uptime30d: number | null;
    flags: string[];
}

export function listingCard(p: ProviderTrust, now: number, market: MarketReads, view: MarketView): ListingCard {
    const b = computeScore(scoreInput(p, now, market, view));
    const critical = hasCriticalFlag(b);
    return {
        provider: p.provider,
        score: b.score,
        rank: b.rank,
        evidenceText: b.evidenceText,
        tenure: tenureOf(p.contracts.completed),
        critical,
        warnBeforeCheckout: critical || b.score < LOW_SCORE,
        silentSince: silentSince(p.waits, now),
        uptime30d: windowUptime(p.uptime, now, '30d').uptime,
        flags: b.flags.map((f) => f.code)
    };
}

export const contractIncidents = (c: ContractTrust) => ({ recent: c.incidents, count: c.uptime.incidentCount, ...incidentSummary(c.incidents) });
