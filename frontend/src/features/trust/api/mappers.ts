import { fromOpt } from '@/lib/candid';
import type { MarketPosition, TrustFlag, TrustProfile, UptimeDay } from '../types';

import type { OfferingMarket as COfferingMarket, TrustFlag as CFlag, TrustProfile as CTrustProfile, UptimeWindow as CWindow } from '@declarations/marketplace';

/** Window uptime is a ratio (0–1); the target is in percent. */
const ratioOf = (w: CWindow): number | undefined => fromOpt(w.uptime);

export function toFlag(f: CFlag): TrustFlag {
    return { code: f.code, message: f.message, critical: f.critical, since: fromOpt(f.since) };
}

export function toTrustProfile(p: CTrustProfile): TrustProfile {
    const month = p.uptime.month;
    const perOffering = (p.offeringUptime ?? []).map((o) => ({
        offeringId: o.offeringId,
        name: o.name,
        target: o.targetPct / 100,
        uptime: fromOpt(o.uptime),
        downMinutes: o.downMinutes,
        incidents: o.incidents
    }));
    // One target per offering: the provider-wide figure is only shown when all offerings share it.
    const targets = new Set(perOffering.map((o) => o.target));
    const target = targets.size === 1 ? [...targets][0]! * 100 : perOffering.length === 0 ? fromOpt(month.targetPct) : undefined;
    // The canister's 30-day daily series (oldest first); a day with no observed minute has no ratio.
    const days: UptimeDay[] = p.uptime.daily.map((d) => ({
        day: d.dayStart,
        uptime: fromOpt(d.ratio) ?? (d.upMinutes + d.downMinutes === 0 ? undefined : d.upMinutes / (d.upMinutes + d.downMinutes))
    }));
    // Every offering's claim checks, deduplicated by metric (the worst one shown).
    const claims = new Map<string, TrustProfile['claims'][number]>();
    for (const o of p.offerings) for (const c of o.claims) if (!claims.has(c.metric) || !c.ok) claims.set(c.metric, c);
    return {
        provider: p.provider.toText(),
        score: p.score,
        rank: p.rank ?? p.score,
        evidence: p.evidence,
        evidenceText: p.evidenceDetail?.text ?? '',
        payers: p.evidenceDetail?.payers ?? 0,
        restsOn: p.evidenceDetail?.restsOn ?? '',
        independentTenants: p.evidenceDetail?.independentTenants ?? 0,
        measuredDays: p.evidenceDetail?.measuredDays ?? 0,
        offeringUptime: perOffering,
        flags: p.flags.map(toFlag),
        rules: p.breakdown.map((r) => ({ rule: r.rule, label: r.label, points: r.points, rulePoints: r.rulePoints ?? r.points, text: r.text ?? `${r.points}: ${r.label}`, inputs: r.inputs })),
        uptime30d: ratioOf(month),
        uptimeTarget: target === undefined ? undefined : target / 100,
        uptimeDays: days,
        uptimeWindows: [
            { label: '24 hours', uptime: ratioOf(p.uptime.day), downMinutes: p.uptime.day.downMinutes },
            { label: '7 days', uptime: ratioOf(p.uptime.week), downMinutes: p.uptime.week.downMinutes },
            { label: '30 days', uptime: ratioOf(month), downMinutes: month.downMinutes }
        ],
        incidents: p.incidents,
        firstResponseMedianSecs: fromOpt(p.responsiveness.firstResponseMedianSecs),
        firstResponseP90Secs: fromOpt(p.responsiveness.firstResponseP90Secs),
        responseSamples: p.responsiveness.measured,
        slaBreaches: p.responsiveness.breaches,
        silentSince: fromOpt(p.silentSince),
        feedback: p.feedback,
        contracts: {
            completed: p.contracts.completed,
            cancelled: p.contracts.cancelled,
            rejected: p.contracts.rejected,
            running: p.contracts.running,
            repeatCustomers: p.contracts.repeatCustomers,
            provisioned: p.contracts.provisioned ?? 0
        },
        claims: [...claims.values()],
        offeringMarkets: p.offerings.map((o) => ({ offeringId: o.offeringId, position: toMarketPosition(o), claims: o.claims }))
    };
}

export function toMarketPosition(o: COfferingMarket): MarketPosition {
    const anomaly = fromOpt(o.anomaly);
    return {
        deltaPct: fromOpt(o.deltaPct),
        comparables: o.comparables,
        label: o.label,
        anomaly: anomaly === 'too_cheap' || anomaly === 'too_expensive' ? anomaly : undefined
    };
}
