import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import { confidence, ramp, tenth } from './grade';
import { result, type Rule } from './rules';
import type { OfferingUptime, RuleResult } from './types';
import { bpsPct, pct, plural } from './words';

/** Shortfall below the offering's own target, in basis points (≤ 0 when met). */
const shortfallBps = (o: OfferingUptime): number => o.targetBps - (o.upMinutes * 10_000) / (o.upMinutes + o.downMinutes);
const observedOf = (o: OfferingUptime): number => o.upMinutes + o.downMinutes;

/**
 * One offering's points: below target, the shortfall shrunk toward the target by its own minutes
 * (a week's prior), `perPp` a point short; above, the share of the downtime budget left unused ×
 * the provider's measured minutes / (minutes + the prior). 0 at the target from either side.
 */
function offeringPoints(o: OfferingUptime, allMinutes: number): number {
    const u = S.uptime;
    const short = shortfallBps(o);
    if (short > 0) return ramp((short * observedOf(o)) / (observedOf(o) + u.priorMinutes), 0, 0, (u.maxPoints / u.perPp) * 100, u.maxPoints);
    const unused = o.targetBps >= 10_000 ? 1 : Math.min(1, -short / (10_000 - o.targetBps));
    return u.bonusPoints * unused * confidence(allMinutes, u.priorMinutes);
}

function uptimeLine(o: OfferingUptime): string {
    const observed = observedOf(o);
    const ratio = o.upMinutes / observed;
    return `${pct(ratio, 2)} uptime in 30 days on ${o.name} against its ${bpsPct(o.targetBps)} target, ${plural(o.incidents, 'incident')} (${plural(o.downMinutes, 'down minute')} of ${observed} observed)`;
}

/** The worst offering decides: one service target per offering, never a provider-wide mix. */
const uptimeVsTarget: Rule = ({ uptime }) => {
    const label = 'Measured uptime (30 d) against each offering’s target';
    const u = S.uptime;
    const seen = uptime.filter((o) => observedOf(o) >= u.flagMinutes);
    if (seen.length === 0) return result('uptime_target', label, { offerings: 0 }, 0, 'no monitored paid service in the last 30 days');
    const all = seen.reduce((a, o) => a + observedOf(o), 0);
    const graded = seen.map((o) => [o, offeringPoints(o, all)] as const);
    const [worst, exact] = graded.reduce((a, b) => (b[1] < a[1] ? b : a));
    const short = shortfallBps(worst);
    const observed = observedOf(worst);
    const inputs = { offering: worst.name, uptimePct: round2((worst.upMinutes / observed) * 100), targetPct: worst.targetBps / 100, observedMinutes: observed, incidents: worst.incidents };
    const how = short > 0 ? `${u.perPp} a point short, to ${u.maxPoints}` : `up to +${u.bonusPoints} for the downtime budget left unused`;
    const detail = `${uptimeLine(worst)}; ${how}, with a week's prior at the target (confidence ${pct(confidence(short > 0 ? observed : all, u.priorMinutes))})`;
    const points = tenth(exact);
    if (short <= 1e-9) return result('uptime_target', label, inputs, points, detail);
    // Below target is always a flag; critical when any offering is far below over a day.
    const severe = seen.some((o) => shortfallBps(o) > u.severeBelowBps && observedOf(o) >= u.minMinutes);
    return { ...result('uptime_target', label, inputs, points, detail), flag: { code: 'uptime_target', message: `Below target: ${uptimeLine(worst)}`, critical: severe, since: null } };
};

/** Silence counts by the voice of the tenants left waiting: one cheap or dependent tenant raises nothing. */
const silence: Rule = ({ responsiveness: r, now }) => {
    const label = 'Provider went silent';
    if (r.silentSince === null) return result('silent', label, { silentSince: null }, 0, 'no paid customer message waiting past its response target');
    const weight = r.silentVoice ?? 1;
    const hours = Math.max(1, Math.round((now - r.silentSince) / 3600));
    const inputs = { silentSince: r.silentSince, voice: weight };
    if (weight < S.silence.minVoice) {
        return result('silent', label, inputs, 0, `a paid customer's message unanswered past the response target for ${hours} h, from tenants of voice ${round2(weight)} (counts from ${S.silence.minVoice}: history elsewhere and a contract worth a token)`);
    }
    const detail = `a paid customer's message unanswered past the response target for ${hours} h`;
    return result('silent', label, inputs, S.silence.points, detail, { message: detail, critical: true, since: r.silentSince });
};

const lateReplies: Rule = ({ responsiveness: r }) => {
    const l = S.lateReplies;
    const rate = shrunkRate(r.breaches, r.measured, l.prior, S.rateStrength);
    const hit = r.measured >= l.minSamples && rate > l.threshold;
    const conf = confidence(r.measured, S.rateStrength);
    const detail = `${r.breaches} of ${plural(r.measured, 'reply', 'replies')} came after the response target (estimated ${pct(rate)}: points from ${pct(l.prior)}, ${l.points} at ${pct(l.threshold)}, the flag's limit; confidence ${pct(conf)})`;
    return result('late_replies', 'Replies later than the response target', { late: r.breaches, measured: r.measured, shrunkRate: round2(rate) }, tenth(conf * ramp(rate, l.prior, 0, l.threshold, l.points)), detail, hit ? { message: detail, critical: false, since: null } : undefined);
};

const claimMismatch: Rule = ({ claimMismatches: m }) => {
    const label = 'Claimed specs not confirmed by benchmarks';
    if (m.length === 0) return result('claim_mismatch', label, { mismatches: 0 }, 0, 'no claim contradicted by benchmarks');
    const list = m.map((c) => `${c.offering}: ${c.metric} measured ${c.measured}, claimed ${c.claimed}`).join('; ');
    return result('claim_mismatch', label, { mismatches: m.length }, S.claims.points, `measured below claim: ${list}`, { message: `Measured below claim: ${list}`, critical: false, since: null });
};

const priceAnomaly: Rule = ({ cheapOfferings: c }) => {
    const label = 'Price far below the market';
    if (c.length === 0) return result('price_anomaly', label, { offerings: 0 }, 0, 'no offering priced 50% or more below comparable active offerings');
    const list = c.map((o) => `${o.name} ${Math.abs(o.deltaPct)}% below`).join(', ');
    const detail = `priced 50% or more below comparable active offerings that tenants paid for: ${list}`;
    return result('price_anomaly', label, { offerings: c.length }, S.cheapPrice.points, detail, { message: detail, critical: false, since: null });
};

export const SIGNAL_RULES: readonly Rule[] = [uptimeVsTarget, silence, lateReplies, claimMismatch, priceAnomaly];
export type { RuleResult };
