import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import type { RuleResult, ScoreInput } from './types';

type Rule = (i: ScoreInput) => RuleResult;

const none = (rule: string, label: string, inputs: RuleResult['inputs']): RuleResult => ({ rule, label, inputs, points: 0, flag: null });

const uptimeVsTarget: Rule = ({ uptime: u }) => {
    const inputs = { uptime30d: u.uptime30d === null ? null : round2(u.uptime30d * 100), targetPct: u.targetBps30d === null ? null : round2(u.targetBps30d / 100), observedMinutes: u.observedMinutes30d };
    const label = 'Measured uptime (30 d) against the offerings’ targets';
    if (u.uptime30d === null || u.targetBps30d === null || u.observedMinutes30d < S.uptime.minMinutes) return none('uptime_target', label, inputs);
    const shortfallBps = u.targetBps30d - u.uptime30d * 10_000;
    if (shortfallBps <= 1e-9) {
        const points = u.observedMinutes30d >= S.uptime.bonusMinutes ? S.uptime.bonusPoints : 0;
        return { rule: 'uptime_target', label, inputs, points, flag: null };
    }
    const severe = shortfallBps > S.uptime.severeBelowBps;
    return {
        rule: 'uptime_target',
        label,
        inputs,
        points: severe ? S.uptime.severePoints : S.uptime.mildPoints,
        flag: { code: 'uptime_target', message: `Uptime ${inputs.uptime30d}% is below the ${inputs.targetPct}% target over 30 days`, critical: severe, since: null }
    };
};

const silence: Rule = ({ responsiveness: r }) => {
    const label = 'Provider went silent';
    if (r.silentSince === null) return none('silent', label, { silentSince: null });
    return {
        rule: 'silent',
        label,
        inputs: { silentSince: r.silentSince },
        points: S.silence.points,
        flag: { code: 'silent', message: 'A customer message is unanswered past the response target', critical: true, since: r.silentSince }
    };
};

const lateReplies: Rule = ({ responsiveness: r }) => {
    const rate = shrunkRate(r.breaches, r.measured, S.lateReplies.prior, S.rateStrength);
    const label = 'Replies later than the response target';
    const inputs = { late: r.breaches, measured: r.measured, shrunkRate: round2(rate) };
    if (r.measured < S.lateReplies.minSamples || rate <= S.lateReplies.threshold) return none('late_replies', label, inputs);
    return { rule: 'late_replies', label, inputs, points: S.lateReplies.points, flag: { code: 'late_replies', message: `${r.breaches} of ${r.measured} replies came after the target`, critical: false, since: null } };
};

const claimMismatch: Rule = ({ claimMismatches: m }) => {
    const label = 'Claimed specs not confirmed by benchmarks';
    const metrics = m.map((c) => `${c.metric} ${c.measured}/${c.claimed}`).join(', ');
    if (m.length === 0) return none('claim_mismatch', label, { mismatches: 0 });
    return { rule: 'claim_mismatch', label, inputs: { mismatches: m.length, metrics }, points: S.claims.points, flag: { code: 'claim_mismatch', message: `Measured below claim: ${metrics}`, critical: false, since: null } };
};

const priceAnomaly: Rule = ({ cheapOfferings: c }) => {
    const label = 'Price far below the market';
    if (c.length === 0) return none('price_anomaly', label, { offerings: 0 });
    const list = c.map((o) => `${o.offeringId} (${o.deltaPct}%)`).join(', ');
    return { rule: 'price_anomaly', label, inputs: { offerings: c.length, list }, points: S.cheapPrice.points, flag: { code: 'price_anomaly', message: `Priced 50% or more below comparable offerings: ${list}`, critical: false, since: null } };
};

export const SIGNAL_RULES: readonly Rule[] = [uptimeVsTarget, silence, lateReplies, claimMismatch, priceAnomaly];
