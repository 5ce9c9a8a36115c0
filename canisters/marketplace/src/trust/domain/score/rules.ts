import { paidFailures } from '../evidence';
import { FRESH_CREDIT_CAP } from '../independence';
import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import type { Flag, Inputs, RuleResult, ScoreInput } from './types';
import { duration, pct, plural } from './words';

export type Rule = (i: ScoreInput) => RuleResult;

export function result(rule: string, label: string, inputs: Inputs, points: number, detail: string, flag?: Omit<Flag, 'code'>): RuleResult {
    return { rule, label, inputs, points, detail, flag: points < 0 && flag !== undefined ? { code: rule, ...flag } : null };
}

/** Counts only cancellations of measured service, each weighted by its tenant's independence. */
const earlyCancellation: Rule = ({ contracts: c }) => {
    const rate = shrunkRate(c.earlyWeight, c.cancelWeight, S.earlyCancel.prior, S.rateStrength);
    const hit = rate > S.earlyCancel.threshold;
    const detail = `${c.earlyCancelled} of ${plural(c.cancelledAfterStart, 'cancelled paid contract')} ended in their first 10%; weighted by measured service and tenant independence ${round2(c.earlyWeight)} of ${round2(c.cancelWeight)} (estimated ${pct(rate)}, limit ${pct(S.earlyCancel.threshold)})`;
    return result('early_cancellation', 'Early cancellations', { k: round2(c.earlyWeight), n: round2(c.cancelWeight), shrunkRate: round2(rate) }, hit ? S.earlyCancel.points : 0, detail, { message: `Tenants cancel early: ${detail}`, critical: true, since: null });
};

/** The failure rate's served contracts: credited, fresh tenants' share capped (independence.ts). */
export const failureBase = (c: Pick<ScoreInput['contracts'], 'provisionedCredit' | 'freshCredit'>): number => c.provisionedCredit - c.freshCredit + Math.min(c.freshCredit, FRESH_CREDIT_CAP);

/** Provider-caused failures of paid contracts; points grow with the rate, from −20 at 15% to −60 at 100%. */
const paidFailure: Rule = ({ contracts: c }) => {
    const k = paidFailures(c, c);
    // Served contracts of tenants without history elsewhere (free sybils) add at most FRESH_CREDIT_CAP.
    const n = k + failureBase(c);
    const rate = shrunkRate(k, n, S.paidFailure.prior, S.rateStrength);
    const t = S.paidFailure.threshold;
    const points = rate <= t ? 0 : Math.round(S.paidFailure.points + (S.paidFailure.maxPoints - S.paidFailure.points) * ((rate - t) / (1 - t)));
    const parts = [`${c.failedPaid} failed provisioning`, `${c.stuckAccepted} accepted and waiting over 72 h`];
    const neutral = `not counted: ${c.rejectedPaid} declined and ${c.silentPaid} expired before service, refunded`;
    const detail = `${k} of ${plural(n, 'paid contract')} failed by the provider (${parts.join(', ')}; estimated ${pct(rate)}, limit ${pct(t)}; ${neutral})`;
    return result('paid_failure', 'Paid contracts the provider failed', { failures: k, paid: n, shrunkRate: round2(rate) }, points, detail, { message: detail, critical: true, since: null });
};

const slowResponse: Rule = ({ responsiveness: r }) => {
    const hit = r.firstResponseSamples >= S.slowResponse.minSamples && r.firstResponseMedian !== null && r.firstResponseMedian > S.slowResponse.above;
    const detail = r.firstResponseMedian === null ? 'no first responses measured on paid contracts' : `median first response ${duration(r.firstResponseMedian)} over ${plural(r.firstResponseSamples, 'conversation')} (limit 48 h)`;
    return result('slow_response', 'Median first response over 48 h', { medianSecs: r.firstResponseMedian, samples: r.firstResponseSamples }, hit ? S.slowResponse.points : 0, detail, { message: detail, critical: false, since: null });
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

function feedbackRule(rule: string, label: string, yes: number, no: number, cfg: { prior: number; minAnswers: number; points: number }, test: (r: number) => boolean, what: string): RuleResult {
    const n = yes + no;
    const rate = shrunkRate(yes, n, cfg.prior, S.feedbackStrength);
    const hit = n >= cfg.minAnswers && test(rate);
    const detail = `${what}: ${round2(yes)} of ${round2(n)} counted answers (estimated ${pct(rate)}, needs ${cfg.minAnswers} answers)`;
    return result(rule, label, { yes: round2(yes), answers: round2(n), shrunkRate: round2(rate) }, hit ? cfg.points : 0, detail, { message: detail, critical: false, since: null });
}

const rentAgainLow: Rule = ({ feedback: f }) => feedbackRule('rent_again_low', 'Few tenants would rent again', f.againYes, f.againNo, S.rentAgainLow, (r) => r < S.rentAgainLow.below, 'would rent again');
const matchedLow: Rule = ({ feedback: f }) => feedbackRule('matched_low', 'Service often did not match the description', f.matchedYes, f.matchedNo, S.matchedLow, (r) => r < S.matchedLow.below, 'matched the description');
const rentAgainHigh: Rule = ({ feedback: f }) => feedbackRule('rent_again_high', 'Most tenants would rent again', f.againYes, f.againNo, S.rentAgainHigh, (r) => r > S.rentAgainHigh.above, 'would rent again');

const repeatCustomers: Rule = ({ evidence: e }) =>
    result('repeat_customers', 'More than 10 repeat customers', { repeatCustomers: e.repeatCustomers }, e.repeatCustomers > S.repeatCustomers.above ? S.repeatCustomers.points : 0, `${plural(e.repeatCustomers, 'tenant')} with two or more served paid contracts (needs more than 10)`);

const completion: Rule = ({ contracts: c }) => {
    const n = c.completed + c.cancelledAfterStart;
    const rate = shrunkRate(c.completed, n, S.completion.prior, S.rateStrength);
    return result('completion', 'Completion rate above 95%', { completed: c.completed, served: n, shrunkRate: round2(rate) }, rate > S.completion.above ? S.completion.points : 0, `${c.completed} of ${plural(n, 'ended paid contract')} ran to their end (estimated ${pct(rate)}, needs over 95%)`);
};

const fastResponse: Rule = ({ responsiveness: r }) => {
    const hit = r.firstResponseSamples >= S.fastResponse.minSamples && r.firstResponseMedian !== null && r.firstResponseMedian < S.fastResponse.below;
    const detail = r.firstResponseMedian === null ? 'no first responses measured on paid contracts' : `median first response ${duration(r.firstResponseMedian)} over ${plural(r.firstResponseSamples, 'conversation')} (needs under 4 h and 3 conversations)`;
    return result('fast_response', 'Median first response under 4 h', { medianSecs: r.firstResponseMedian, samples: r.firstResponseSamples }, hit ? S.fastResponse.points : 0, detail);
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
