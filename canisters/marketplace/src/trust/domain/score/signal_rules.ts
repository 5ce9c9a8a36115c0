import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import { result, type Rule } from './rules';
import type { OfferingUptime, RuleResult } from './types';
import { bpsPct, pct, plural } from './words';

/** Shortfall below the offering's own target, in basis points (≤ 0 when met). */
const shortfallBps = (o: OfferingUptime): number => o.targetBps - (o.upMinutes * 10_000) / (o.upMinutes + o.downMinutes);

function uptimeLine(o: OfferingUptime): string {
    const observed = o.upMinutes + o.downMinutes;
    const ratio = o.upMinutes / observed;
    return `${pct(ratio, 2)} uptime in 30 days on ${o.name} against its ${bpsPct(o.targetBps)} target, ${plural(o.incidents, 'incident')} (${plural(o.downMinutes, 'down minute')} of ${observed} observed)`;
}

/** The worst offering decides: one service target per offering, never a provider-wide mix. */
const uptimeVsTarget: Rule = ({ uptime }) => {
    const label = 'Measured uptime (30 d) against each offering’s target';
    const seen = uptime.filter((o) => o.upMinutes + o.downMinutes >= S.uptime.flagMinutes);
    if (seen.length === 0) return result('uptime_target', label, { offerings: 0 }, 0, 'no monitored paid service in the last 30 days');
    const worst = seen.reduce((a, b) => (shortfallBps(b) > shortfallBps(a) ? b : a));
    const short = shortfallBps(worst);
    const observed = worst.upMinutes + worst.downMinutes;
    const inputs = { offering: worst.name, uptimePct: round2((worst.upMinutes / observed) * 100), targetPct: worst.targetBps / 100, observedMinutes: observed, incidents: worst.incidents };
    const detail = uptimeLine(worst);
    if (short <= 1e-9) {
        const all = seen.reduce((a, o) => a + o.upMinutes + o.downMinutes, 0);
        return result('uptime_target', label, inputs, all >= S.uptime.bonusMinutes && seen.every((o) => shortfallBps(o) <= 1e-9) ? S.uptime.bonusPoints : 0, detail);
    }
    const severe = short > S.uptime.severeBelowBps;
    const points = observed < S.uptime.minMinutes ? 0 : severe ? S.uptime.severePoints : S.uptime.mildPoints;
    // Below target is always a flag, with points once a day has been observed.
    const r = result('uptime_target', label, inputs, points, detail);
    return { ...r, flag: { code: 'uptime_target', message: `Below target: ${detail}`, critical: severe && points < 0, since: null } };
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
    const rate = shrunkRate(r.breaches, r.measured, S.lateReplies.prior, S.rateStrength);
    const hit = r.measured >= S.lateReplies.minSamples && rate > S.lateReplies.threshold;
    const detail = `${r.breaches} of ${plural(r.measured, 'reply', 'replies')} came after the response target (estimated ${pct(rate)}, limit ${pct(S.lateReplies.threshold)})`;
    return result('late_replies', 'Replies later than the response target', { late: r.breaches, measured: r.measured, shrunkRate: round2(rate) }, hit ? S.lateReplies.points : 0, detail, { message: detail, critical: false, since: null });
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
