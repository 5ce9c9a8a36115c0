import { round2, shrunkRate } from '../stats';
import { SCORE as S } from './constants';
import type { Flag, Inputs, RuleResult, ScoreInput } from './types';

type Rule = (i: ScoreInput) => RuleResult;

function result(rule: string, label: string, inputs: Inputs, points: number, flag?: Omit<Flag, 'code'>): RuleResult {
    return { rule, label, inputs, points, flag: points < 0 && flag !== undefined ? { code: rule, ...flag } : null };
}

const pct = (x: number): string => `${Math.round(x * 100)}%`;
const hours = (s: number): string => `${round2(s / 3600)} h`;

function rateRule(rule: string, label: string, k: number, n: number, cfg: { threshold: number; prior: number; points: number }, critical: boolean): RuleResult {
    const rate = shrunkRate(k, n, cfg.prior, S.rateStrength);
    const hit = rate > cfg.threshold;
    return result(rule, label, { k, n, shrunkRate: round2(rate), threshold: cfg.threshold }, hit ? cfg.points : 0, {
        message: `${label}: ${k} of ${n} (estimated ${pct(rate)}, above ${pct(cfg.threshold)})`,
        critical,
        since: null
    });
}

const earlyCancellation: Rule = (i) =>
    rateRule('early_cancellation', 'Early cancellations', i.contracts.earlyCancelled, i.contracts.cancelledAfterStart, S.earlyCancel, true);

const provisioningFailure: Rule = (i) =>
    rateRule(
        'provisioning_failure',
        'Failed or stalled provisioning',
        i.contracts.provisioningFailed + i.contracts.stuckAccepted,
        i.contracts.accepted,
        S.provisioningFailure,
        true
    );

const rejection: Rule = (i) => rateRule('rejection', 'Rejected requests', i.contracts.rejected, i.contracts.requested, S.rejection, false);

const slowResponse: Rule = ({ responsiveness: r }) => {
    const hit = r.firstResponseSamples >= S.slowResponse.minSamples && r.firstResponseMedian !== null && r.firstResponseMedian > S.slowResponse.above;
    return result('slow_response', 'Median first response over 48 h', { median: r.firstResponseMedian, samples: r.firstResponseSamples }, hit ? S.slowResponse.points : 0, {
        message: `Median first response ${hours(r.firstResponseMedian ?? 0)}`,
        critical: false,
        since: null
    });
};

const reputation90d: Rule = ({ feedback: f }) =>
    result('reputation_90d', 'Feedback balance in the last 90 days', { net: f.net90d, below: S.reputation90d.below }, f.net90d < S.reputation90d.below ? S.reputation90d.points : 0, {
        message: `Feedback in the last 90 days is negative on balance (${f.net90d})`,
        critical: false,
        since: null
    });

const ghostRisk: Rule = ({ contracts: c, responsiveness: r, now }) => {
    const last = Math.max(c.lastActivityAt ?? 0, r.lastReplyAt ?? 0) || null;
    const idle = last === null ? null : now - last;
    const hit = c.running > 0 && idle !== null && idle > S.ghost.after;
    return result('ghost_risk', 'Running contracts and no provider activity for 7 days', { running: c.running, lastActivityAt: last }, hit ? S.ghost.points : 0, {
        message: `No provider activity since ${last} with ${c.running} running contracts`,
        critical: false,
        since: last
    });
};

const stuckContracts: Rule = ({ contracts: c }) => {
    const count = c.stuckAccepted + c.stuckRequested;
    const hit = count >= S.stuck.count || c.stuckValue > S.stuck.valueAbove;
    return result('stuck_contracts', 'Requests left open for more than 72 h', { count, value: c.stuckValue.toString() }, hit ? S.stuck.points : 0, {
        message: `${count} requests unanswered or unprovisioned for more than 72 h`,
        critical: false,
        since: null
    });
};

const noContact: Rule = (i) =>
    result('no_contact', 'No public contact information', { hasPublicContact: i.hasPublicContact }, i.hasPublicContact ? 0 : S.noContact.points, {
        message: 'The provider publishes no contact information',
        critical: false,
        since: null
    });

function feedbackRule(rule: string, label: string, yes: number, no: number, cfg: { prior: number; minAnswers: number; points: number }, test: (r: number) => boolean, message: string): RuleResult {
    const n = yes + no;
    const rate = shrunkRate(yes, n, cfg.prior, S.feedbackStrength);
    const hit = n >= cfg.minAnswers && test(rate);
    return result(rule, label, { yes, answers: n, shrunkRate: round2(rate) }, hit ? cfg.points : 0, { message: `${message}: ${yes} of ${n}`, critical: false, since: null });
}

const rentAgainLow: Rule = ({ feedback: f }) =>
    feedbackRule('rent_again_low', 'Few tenants would rent again', f.againYes, f.againNo, S.rentAgainLow, (r) => r < S.rentAgainLow.below, 'Would rent again');

const matchedLow: Rule = ({ feedback: f }) =>
    feedbackRule('matched_low', 'Service often did not match the description', f.matchedYes, f.matchedNo, S.matchedLow, (r) => r < S.matchedLow.below, 'Matched the description');

const rentAgainHigh: Rule = ({ feedback: f }) =>
    feedbackRule('rent_again_high', 'Most tenants would rent again', f.againYes, f.againNo, S.rentAgainHigh, (r) => r > S.rentAgainHigh.above, 'Would rent again');

const repeatCustomers: Rule = ({ contracts: c }) =>
    result('repeat_customers', 'More than 10 repeat customers', { repeatCustomers: c.repeatCustomers }, c.repeatCustomers > S.repeatCustomers.above ? S.repeatCustomers.points : 0);

const completion: Rule = ({ contracts: c }) => {
    const n = c.completed + c.cancelledAfterStart;
    const rate = shrunkRate(c.completed, n, S.completion.prior, S.rateStrength);
    return result('completion', 'Completion rate above 95%', { completed: c.completed, served: n, shrunkRate: round2(rate) }, rate > S.completion.above ? S.completion.points : 0);
};

const fastResponse: Rule = ({ responsiveness: r }) => {
    const hit = r.firstResponseSamples >= S.fastResponse.minSamples && r.firstResponseMedian !== null && r.firstResponseMedian < S.fastResponse.below;
    return result('fast_response', 'Median first response under 4 h', { median: r.firstResponseMedian, samples: r.firstResponseSamples }, hit ? S.fastResponse.points : 0);
};

export const REFERENCE_RULES: readonly Rule[] = [
    earlyCancellation,
    provisioningFailure,
    rejection,
    slowResponse,
    reputation90d,
    ghostRisk,
    stuckContracts,
    noContact,
    rentAgainLow,
    matchedLow,
    repeatCustomers,
    completion,
    fastResponse,
    rentAgainHigh
];
