import { paidFailures } from '../evidence';
import { FRESH_CREDIT_CAP } from '../independence';
import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import { confidence, ramp, tenth } from './grade';
import type { Flag, Inputs, RuleResult, ScoreInput } from './types';
import { duration, pct, plural } from './words';

export type Rule = (i: ScoreInput) => RuleResult;

export function result(rule: string, label: string, inputs: Inputs, points: number, detail: string, flag?: Omit<Flag, 'code'>): RuleResult {
    return { rule, label, inputs, points, detail, flag: points < 0 && flag !== undefined ? { code: rule, ...flag } : null };
}

/**
 * Counts only cancellations of measured service, each weighted by its tenant's independence; an
 * early one as far as measured downtime explains it; the flag needs tokens earned before them.
 */
const earlyCancellation: Rule = ({ contracts: c }) => {
    const rate = shrunkRate(c.earlyWeight, c.cancelWeight, S.earlyCancel.prior, S.rateStrength);
    const e = S.earlyCancel;
    const hit = rate > e.threshold && (c.earlyTokens ?? 0) >= e.flagTokens;
    // Tenants can cancel: the points also grow with the weight of cancellations measured (n / (n + m)).
    const conf = confidence(c.cancelWeight, S.rateStrength);
    const points = tenth(conf * ramp(rate, e.prior, 0, e.threshold, e.points));
    const detail = `${c.earlyCancelled} of ${plural(c.cancelledAfterStart, 'cancelled paid contract')} ended in their first 10%; counted: early ones by the share of their downtime budget the platform measured used, and by tenant independence, ${round2(c.earlyWeight)} of ${round2(c.cancelWeight)} measured cancellations (estimated ${pct(rate)}: points from ${pct(e.prior)}, ${e.points} at ${pct(e.threshold)}, the flag's limit with ${e.flagTokens} tokens earned before early ones, now ${round2(c.earlyTokens ?? 0)}; confidence ${pct(conf)})`;
    return result('early_cancellation', 'Early cancellations', { k: round2(c.earlyWeight), n: round2(c.cancelWeight), shrunkRate: round2(rate), earnedTokens: round2(c.earlyTokens ?? 0) }, points, detail, hit ? { message: `Tenants cancel early: ${detail}`, critical: true, since: null } : undefined);
};

/** The failure rate's served contracts: credited, fresh tenants' share capped (independence.ts). */
export const failureBase = (c: Pick<ScoreInput['contracts'], 'provisionedCredit' | 'freshCredit'>): number => c.provisionedCredit - c.freshCredit + Math.min(c.freshCredit, FRESH_CREDIT_CAP);

/** Provider-caused failures of paid contracts; points grow with the rate, from −20 at 15% to −60 at 100%. */
const paidFailure: Rule = ({ contracts: c }) => {
    const k = paidFailures(c, c);
    // Served contracts of tenants without history elsewhere in full (sybils) add at most FRESH_CREDIT_CAP beyond their reach.
    const n = k + failureBase(c);
    const rate = shrunkRate(k, n, S.paidFailure.prior, S.rateStrength);
    const f = S.paidFailure;
    const t = f.threshold;
    const points = tenth(rate <= t ? ramp(rate, f.prior, 0, t, f.points) : ramp(rate, t, f.points, 1, f.maxPoints));
    const parts = [`${c.failedPaid} failed provisioning`, `${c.stuckAccepted} accepted and waiting over 72 h`];
    const neutral = `not counted: ${c.rejectedPaid} declined and ${c.silentPaid} expired before service, refunded`;
    const detail = `${k} of ${plural(n, 'paid contract')} failed by the provider (${parts.join(', ')}; estimated ${pct(rate)}: points from ${pct(f.prior)}, ${f.points} at ${pct(t)}, the flag's limit; ${neutral})`;
    return result('paid_failure', 'Paid contracts the provider failed', { failures: k, paid: n, shrunkRate: round2(rate) }, points, detail, rate > t ? { message: detail, critical: true, since: null } : undefined);
};

/** Confidence in the median first response: n / (n + minSamples) conversations. */
const responseConfidence = (r: ScoreInput['responsiveness']): number => confidence(r.firstResponseSamples, S.slowResponse.minSamples);

const slowResponse: Rule = ({ responsiveness: r }) => {
    const s = S.slowResponse;
    const m = r.firstResponseMedian;
    const c = responseConfidence(r);
    const points = m === null ? 0 : tenth(c * ramp(m, s.from, 0, s.above, s.points));
    const hit = r.firstResponseSamples >= s.minSamples && m !== null && m > s.above;
    const detail = m === null ? 'no first responses measured on paid contracts' : `median first response ${duration(m)} over ${plural(r.firstResponseSamples, 'conversation')} (points from ${duration(s.from)}, ${s.points} at ${duration(s.above)}, the flag's limit; confidence ${pct(c)})`;
    return result('slow_response', 'Slow first response', { medianSecs: m, samples: r.firstResponseSamples }, points, detail, hit ? { message: detail, critical: false, since: null } : undefined);
};

const reputation90d: Rule = ({ feedback: f }) => {
    const detail = `feedback balance ${f.net90d >= 0 ? '+' : ''}${round2(f.net90d)} in the last 90 days (limit ${S.reputation90d.below})`;
    return result('reputation_90d', 'Feedback balance in the last 90 days', { net: f.net90d }, f.net90d < S.reputation90d.below ? S.reputation90d.points : 0, detail, { message: detail, critical: false, since: null });
};

const ghostRisk: Rule = ({ contracts: c, responsiveness: r, now }) => {
    const last = Math.max(c.lastActivityAt ?? 0, r.lastReplyAt ?? 0) || null;
    const idle = last === null ? null : now - last;
    const hit = c.running > 0 && idle !== null && idle > S.ghost.after;
    const detail = idle === null ? `${plural(c.running, 'running contract')}, no provider activity yet` : `${plural(c.running, 'running contract')}, last provider activity ${duration(idle)} ago (limit 7 days)`;
    return result('ghost_risk', 'Running contracts and no provider activity for 7 days', { running: c.running, lastActivityAt: last }, hit ? S.ghost.points : 0, detail, { message: detail, critical: false, since: last });
};

const noContact: Rule = (i) =>
    result('no_contact', 'No public contact information', { hasPublicContact: i.hasPublicContact }, i.hasPublicContact ? 0 : S.noContact.points, i.hasPublicContact ? 'publishes contact information' : 'publishes no contact information', {
        message: 'The provider publishes no contact information',
        critical: false,
        since: null
    });

/** A feedback estimate graded from 0 at the prior to `points` at `to`; flagged past `flagBelow` from `minAnswers`. */
function feedbackRule(rule: string, label: string, yes: number, no: number, cfg: { prior: number; points: number; minAnswers?: number }, to: number, flagBelow: number | null, what: string): RuleResult {
    const n = yes + no;
    const rate = shrunkRate(yes, n, cfg.prior, S.feedbackStrength);
    const conf = confidence(n, S.feedbackStrength);
    const points = tenth(conf * ramp(rate, cfg.prior, 0, to, cfg.points));
    const hit = flagBelow !== null && n >= (cfg.minAnswers ?? 0) && rate < flagBelow;
    const detail = `${what}: ${round2(yes)} of ${round2(n)} counted answers (estimated ${pct(rate)}: points from ${pct(cfg.prior)}, ${cfg.points > 0 ? '+' : ''}${cfg.points} at ${pct(to)}; confidence ${pct(conf)})`;
    return result(rule, label, { yes: round2(yes), answers: round2(n), shrunkRate: round2(rate) }, points, detail, hit ? { message: detail, critical: false, since: null } : undefined);
}

const rentAgainLow: Rule = ({ feedback: f }) => feedbackRule('rent_again_low', 'Few tenants would rent again', f.againYes, f.againNo, S.rentAgainLow, S.rentAgainLow.below, S.rentAgainLow.below, 'would rent again');
const matchedLow: Rule = ({ feedback: f }) => feedbackRule('matched_low', 'Service often did not match the description', f.matchedYes, f.matchedNo, S.matchedLow, S.matchedLow.below, S.matchedLow.below, 'matched the description');
const rentAgainHigh: Rule = ({ feedback: f }) => feedbackRule('rent_again_high', 'Most tenants would rent again', f.againYes, f.againNo, S.rentAgainHigh, S.rentAgainHigh.full, null, 'would rent again');

const repeatCustomers: Rule = ({ evidence: e }) =>
    result('repeat_customers', 'More than 10 repeat customers', { repeatCustomers: e.repeatCustomers }, e.repeatCustomers > S.repeatCustomers.above ? S.repeatCustomers.points : 0, `${plural(e.repeatCustomers, 'tenant')} with two or more served paid contracts (needs more than 10)`);

const completion: Rule = ({ contracts: c }) => {
    const n = c.completed + c.cancelledAfterStart;
    const rate = shrunkRate(c.completed, n, S.completion.prior, S.rateStrength);
    return result('completion', 'Completion rate above 95%', { completed: c.completed, served: n, shrunkRate: round2(rate) }, rate > S.completion.above ? S.completion.points : 0, `${c.completed} of ${plural(n, 'ended paid contract')} ran to their end (estimated ${pct(rate)}, needs over 95%)`);
};

const fastResponse: Rule = ({ responsiveness: r }) => {
    const f = S.fastResponse;
    const m = r.firstResponseMedian;
    const c = responseConfidence(r);
    const points = m === null ? 0 : tenth(c * ramp(Math.log(Math.max(1, m)), Math.log(f.below), f.points, Math.log(f.until), 0));
    const detail = m === null ? 'no first responses measured on paid contracts' : `median first response ${duration(m)} over ${plural(r.firstResponseSamples, 'conversation')} (+${f.points} at ${duration(f.below)} or faster, 0 from ${duration(f.until)}; confidence ${pct(c)})`;
    return result('fast_response', 'Fast first response', { medianSecs: m, samples: r.firstResponseSamples }, points, detail);
};

const concentration: Rule = ({ evidence: e }) => {
    const share = e.topTimeShare;
    const hit = share !== null && share >= S.concentration.share && e.payers < S.concentration.payers;
    const detail = share === null ? 'no paid service yet' : `${pct(share)} of this provider's paid time comes from one tenant (${plural(e.payers, 'paying tenant')}; largest tenant ${pct(e.topValueShare ?? 0)} of revenue)`;
    return result('concentration', 'Evidence from few paying tenants', { payers: e.payers, topTimeShare: share === null ? null : round2(share), topValueShare: e.topValueShare === null ? null : round2(e.topValueShare) }, hit ? S.concentration.points : 0, detail, { message: detail, critical: false, since: null });
};

export const REFERENCE_RULES: readonly Rule[] = [
    earlyCancellation,
    paidFailure,
    slowResponse,
    reputation90d,
    ghostRisk,
    noContact,
    rentAgainLow,
    matchedLow,
    repeatCustomers,
    completion,
    fastResponse,
    rentAgainHigh,
    concentration
];
