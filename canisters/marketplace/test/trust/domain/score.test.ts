import { describe, expect, it } from 'vitest';
import { SCORE } from '../../../src/trust/domain/score/constants';
import { apportion, computeScore, hasCriticalFlag, rankOf } from '../../../src/trust/domain/score/score';
import type { OfferingUptime } from '../../../src/trust/domain/score/types';
import { evidence, input, NOW } from './fixtures';

const H = 3600;
const D = 86_400;
const up = (ratio: number, observed: number, targetBps = 9990): OfferingUptime => ({
    offeringId: 'o1',
    name: 'Small VPS',
    targetBps,
    upMinutes: Math.round(observed * ratio),
    downMinutes: observed - Math.round(observed * ratio),
    incidents: 0
});
const ruleOf = (patch: Parameters<typeof input>[0], rule: string) => computeScore(input(patch)).rules.find((r) => r.rule === rule)!;

describe('reference rules (trust.md) on paid contracts, sample-size aware', () => {
    it.each([
        { rule: 'early_cancellation', name: '30 of 100 cancellations early: past the limit, × confidence 100/110', patch: { contracts: { cancelledAfterStart: 100, earlyCancelled: 30, cancelWeight: 100, earlyWeight: 30, earlyTokens: 30 } }, points: -22.7, flag: true },
        { rule: 'early_cancellation', name: '30 of 100 early, none on measured service of independent tenants', patch: { contracts: { cancelledAfterStart: 100, earlyCancelled: 30 } }, points: 0, flag: false },
        { rule: 'early_cancellation', name: '10 of 100 early: graded, no flag', patch: { contracts: { cancelledAfterStart: 100, earlyCancelled: 10, cancelWeight: 100, earlyWeight: 10 } }, points: -6.9, flag: false },
        { rule: 'early_cancellation', name: 'one early cancellation of one weighs little', patch: { contracts: { cancelledAfterStart: 1, earlyCancelled: 1, cancelWeight: 1, earlyWeight: 1 } }, points: -1.3, flag: false },
        { rule: 'early_cancellation', name: '3 of 3 is flagged, its points × confidence 3/13', patch: { contracts: { cancelledAfterStart: 3, earlyCancelled: 3, cancelWeight: 3, earlyWeight: 3, earlyTokens: 10 } }, points: -5.8, flag: true },
        { rule: 'early_cancellation', name: '3 of 3 with 9.9 tokens earned before them: the same points, no flag (cheap to stage)', patch: { contracts: { cancelledAfterStart: 3, earlyCancelled: 3, cancelWeight: 3, earlyWeight: 3, earlyTokens: 9.9 } }, points: -5.8, flag: false },
        { rule: 'paid_failure', name: '20 failures of 100 paid', patch: { contracts: { provisioned: 80, failedPaid: 20 } }, points: -21.6, flag: true },
        { rule: 'paid_failure', name: 'accepted and stalled past 72 h counts', patch: { contracts: { provisioned: 80, failedPaid: 5, stuckAccepted: 15 } }, points: -21.6, flag: true },
        { rule: 'paid_failure', name: 'declined or expired before service (refunded) is no failure', patch: { contracts: { provisioned: 10, rejectedPaid: 50, silentPaid: 50, stuckRequested: 20 } }, points: 0, flag: false },
        { rule: 'paid_failure', name: 'every paid contract failed: toward −60', patch: { contracts: { failedPaid: 500, stuckAccepted: 500 } }, points: -59.5, flag: true },
        { rule: 'paid_failure', name: '5 of 100: graded below the limit, no flag', patch: { contracts: { provisioned: 95, failedPaid: 5 } }, points: -4.2, flag: false },
        { rule: 'paid_failure', name: '5 failures hidden among 95 contracts of fresh sybils: they dilute only 2', patch: { contracts: { provisioned: 95, provisionedCredit: 95 * 0.25, freshCredit: 95 * 0.25, failedPaid: 5 } }, points: -27.3, flag: true },
        { rule: 'paid_failure', name: '5 failures among 95 contracts of independent tenants', patch: { contracts: { provisioned: 95, provisionedCredit: 95, freshCredit: 0, failedPaid: 5 } }, points: -4.2, flag: false },
        { rule: 'paid_failure', name: 'none of 100', patch: { contracts: { provisioned: 100 } }, points: 0, flag: false },
        { rule: 'slow_response', name: 'median 50 h over 3: flagged, × confidence 3/6', patch: { responsiveness: { firstResponseMedian: 50 * H, firstResponseSamples: 3 } }, points: -7.5, flag: true },
        { rule: 'slow_response', name: 'median 50 h over 30', patch: { responsiveness: { firstResponseMedian: 50 * H, firstResponseSamples: 30 } }, points: -13.6, flag: true },
        { rule: 'slow_response', name: 'median 36 h: graded from 24 h, no flag', patch: { responsiveness: { firstResponseMedian: 36 * H, firstResponseSamples: 30 } }, points: -6.8, flag: false },
        { rule: 'slow_response', name: 'too few samples for the flag', patch: { responsiveness: { firstResponseMedian: 50 * H, firstResponseSamples: 2 } }, points: -6, flag: false },
        { rule: 'fast_response', name: 'median 1 h over 3', patch: { responsiveness: { firstResponseMedian: H, firstResponseSamples: 3 } }, points: 2.5, flag: false },
        { rule: 'fast_response', name: 'median 1 h over 30', patch: { responsiveness: { firstResponseMedian: H, firstResponseSamples: 30 } }, points: 4.5, flag: false },
        { rule: 'fast_response', name: 'median 12 h over 30', patch: { responsiveness: { firstResponseMedian: 12 * H, firstResponseSamples: 30 } }, points: 1.8, flag: false },
        { rule: 'fast_response', name: 'median 5 h over 3', patch: { responsiveness: { firstResponseMedian: 5 * H, firstResponseSamples: 3 } }, points: 2.2, flag: false },
        { rule: 'reputation_90d', name: 'net −6', patch: { feedback: { net90d: -6 } }, points: -15, flag: true },
        { rule: 'reputation_90d', name: 'net −5', patch: { feedback: { net90d: -5 } }, points: 0, flag: false },
        { rule: 'ghost_risk', name: 'idle 8 days with running contracts', patch: { contracts: { running: 1, lastActivityAt: NOW - 8 * D } }, points: -10, flag: true },
        { rule: 'ghost_risk', name: 'a recent chat reply counts as activity', patch: { contracts: { running: 1, lastActivityAt: NOW - 8 * D }, responsiveness: { lastReplyAt: NOW - D } }, points: 0, flag: false },
        { rule: 'ghost_risk', name: 'idle but nothing running', patch: { contracts: { running: 0, lastActivityAt: NOW - 80 * D } }, points: 0, flag: false },
        { rule: 'no_contact', name: 'no contact', patch: { hasPublicContact: false }, points: -10, flag: true },
        { rule: 'rent_again_low', name: '0 of 3 would rent again: flagged, × confidence 3/8', patch: { feedback: { againYes: 0, againNo: 3 } }, points: -5.6, flag: true },
        { rule: 'rent_again_low', name: '0 of 2 is too few for the flag', patch: { feedback: { againYes: 0, againNo: 2 } }, points: -3.7, flag: false },
        { rule: 'rent_again_low', name: '4 of 10', patch: { feedback: { againYes: 4, againNo: 6 } }, points: -9.3, flag: false },
        { rule: 'rent_again_low', name: '2 of 10', patch: { feedback: { againYes: 2, againNo: 8 } }, points: -10, flag: true },
        { rule: 'matched_low', name: '1 of 10 matched', patch: { feedback: { matchedYes: 1, matchedNo: 9 } }, points: -6.7, flag: true },
        { rule: 'rent_again_high', name: '5 of 5', patch: { feedback: { againYes: 5, againNo: 0 } }, points: 1.6, flag: false },
        { rule: 'rent_again_high', name: '50 of 50', patch: { feedback: { againYes: 50, againNo: 0 } }, points: 4.5, flag: false },
        { rule: 'rent_again_high', name: '4 of 4 counts less', patch: { feedback: { againYes: 4, againNo: 0 } }, points: 1.2, flag: false },
        { rule: 'repeat_customers', name: '11 repeat customers', patch: { evidence: { repeatCustomers: 11 } }, points: 5, flag: false },
        { rule: 'repeat_customers', name: '10 repeat customers', patch: { evidence: { repeatCustomers: 10 } }, points: 0, flag: false },
        { rule: 'completion', name: '200 of 200', patch: { contracts: { completed: 200 } }, points: 5, flag: false },
        { rule: 'completion', name: '10 of 10 is not enough evidence', patch: { contracts: { completed: 10 } }, points: 0, flag: false },
        { rule: 'concentration', name: '80% of paid time from one of two tenants', patch: { evidence: { payers: 2, topTimeShare: 0.8, topValueShare: 0.8 } }, points: -5, flag: true },
        { rule: 'concentration', name: 'spread over many tenants', patch: { evidence: { payers: 8, topTimeShare: 0.6 } }, points: 0, flag: false }
    ])('$rule: $name → $points', ({ patch, rule, points, flag }) => {
        const r = ruleOf(patch, rule);
        expect(r.points).toBe(points);
        expect(r.flag !== null).toBe(flag);
    });

    it('the concentration flag says it in words', () => {
        expect(ruleOf({ evidence: { payers: 1, topTimeShare: 0.8, topValueShare: 0.9 } }, 'concentration').flag?.message).toContain("80% of this provider's paid time comes from one tenant");
    });
});

describe('signal rules', () => {
    it.each([
        { rule: 'uptime_target', name: 'meets target: half the downtime budget unused, 2 weeks measured', patch: { uptime: [up(0.9995, 20_000)] }, points: 1.7, critical: false },
        { rule: 'uptime_target', name: '100% over 30 days', patch: { uptime: [up(1, 43_200)] }, points: 4.1, critical: false },
        { rule: 'uptime_target', name: 'meets target, little data', patch: { uptime: [up(0.9995, 2_000)] }, points: 0.4, critical: false },
        { rule: 'uptime_target', name: 'slightly below', patch: { uptime: [up(0.995, 20_000)] }, points: -2.7, critical: false },
        { rule: 'uptime_target', name: 'far below', patch: { uptime: [up(0.97, 20_000)] }, points: -19.3, critical: true },
        { rule: 'uptime_target', name: 'the worst offering decides, against its own target', patch: { uptime: [up(1, 20_000), up(0.995, 20_000, 9950), up(0.995, 20_000, 9990)] }, points: -2.7, critical: false },
        { rule: 'silent', name: 'silent now', patch: { responsiveness: { silentSince: NOW - H } }, points: -15, critical: true },
        { rule: 'late_replies', name: '6 of 10 late', patch: { responsiveness: { measured: 10, breaches: 6 } }, points: -5, critical: false },
        { rule: 'late_replies', name: '2 of 2 late weighs little', patch: { responsiveness: { measured: 2, breaches: 2 } }, points: -1.2, critical: false },
        { rule: 'late_replies', name: '1 of 10 late', patch: { responsiveness: { measured: 10, breaches: 1 } }, points: 0, critical: false },
        {
            rule: 'claim_mismatch',
            name: 'RAM below claim',
            patch: { claimMismatches: [{ metric: 'ram_gib' as const, claimed: 8, measured: 4, deltaPct: -50, ok: false, offering: 'Small VPS' }] },
            points: -15,
            critical: false
        },
        { rule: 'price_anomaly', name: 'far below market', patch: { cheapOfferings: [{ offeringId: 'o1', name: 'Small VPS', deltaPct: -70 }] }, points: -5, critical: false }
    ])('$rule: $name → $points', ({ patch, rule, points, critical }) => {
        const r = ruleOf(patch, rule);
        expect(r.points).toBe(points);
        expect(r.flag?.critical ?? false).toBe(critical);
    });

    it('below target with under a day of data: flagged, not critical; the shortfall shrunk by a week at the target', () => {
        const r = ruleOf({ uptime: [up(0.99, 1_000)] }, 'uptime_target');
        expect(r.points).toBe(-0.8);
        expect(r.flag?.code).toBe('uptime_target');
        expect(ruleOf({ uptime: [up(0.5, 1_000)] }, 'uptime_target').flag?.critical).toBe(false);
    });

    it('97.5% with 6 incidents reads as a sentence with units and the offering name', () => {
        const r = ruleOf({ uptime: [{ ...up(0.975, 43_200, 9995), incidents: 6 }] }, 'uptime_target');
        expect(r.detail).toBe("97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents (1080 down minutes of 43200 observed); -10 a point short, to -30, with a week's prior at the target (confidence 81%)");
        expect(r.flag?.message).toBe('Below target: 97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents (1080 down minutes of 43200 observed)');
        expect(r.flag?.critical).toBe(true);
    });

    it('a severe shortfall on a little-used offering is critical even when a busier one costs more points', () => {
        const r = ruleOf({ uptime: [up(0.985, 2_000), up(0.996, 43_200)] }, 'uptime_target');
        expect(r.inputs.observedMinutes).toBe(43_200);
        expect(r.flag?.critical).toBe(true);
    });

    it('silence flag says since when', () => {
        expect(ruleOf({ responsiveness: { silentSince: 1234 } }, 'silent').flag?.since).toBe(1234);
    });
});

describe('graded rules: no step at a threshold, confidence grows with evidence', () => {
    const points = (patch: Parameters<typeof input>[0], rule: string) => ruleOf(patch, rule).points;
    it('uptime: points fall steadily with the shortfall, with no jump at the target or at 1 pp short', () => {
        // Steps of 0.01 pp from 100% to 97% against a 99.9% target: each moves the points by under one.
        const series = Array.from({ length: 301 }, (_, k) => points({ uptime: [up(1 - k * 0.0001, 43_200, 9990)] }, 'uptime_target'));
        for (let k = 1; k < series.length; k++) {
            expect(series[k]!).toBeLessThanOrEqual(series[k - 1]!);
            expect(series[k - 1]! - series[k]!).toBeLessThan(1);
        }
        expect(series[0]).toBeGreaterThan(0);
        expect(series[300]).toBeLessThan(-20);
        expect(points({ uptime: [up(0.999, 43_200, 9990)] }, 'uptime_target')).toBe(0);
    });
    it('uptime: the same record counts more the longer the platform measured it', () => {
        const at = (minutes: number) => points({ uptime: [up(0.98, minutes)] }, 'uptime_target');
        expect(at(1_440)).toBeGreaterThan(at(10_080));
        expect(at(10_080)).toBeGreaterThan(at(43_200));
        const bonus = (minutes: number) => points({ uptime: [up(1, minutes)] }, 'uptime_target');
        expect(bonus(1_440)).toBeLessThan(bonus(10_080));
        expect(bonus(10_080)).toBeLessThan(bonus(43_200));
    });
    it('response: a slower median never scores more; no jump at 4 h, 24 h or 48 h', () => {
        const at = (h: number) => points({ responsiveness: { firstResponseMedian: h * H, firstResponseSamples: 50 } }, 'fast_response') + points({ responsiveness: { firstResponseMedian: h * H, firstResponseSamples: 50 } }, 'slow_response');
        // Half-hour steps from 30 min to 72 h: each moves the points by under one.
        const series = Array.from({ length: 144 }, (_, k) => at(0.5 + k * 0.5));
        for (let k = 1; k < series.length; k++) {
            expect(series[k]!).toBeLessThanOrEqual(series[k - 1]!);
            expect(series[k - 1]! - series[k]!).toBeLessThan(1);
        }
        expect(series[0]).toBeGreaterThan(4);
        expect(series[143]).toBeLessThan(-13);
    });
    it('rates: 0 at the prior, no jump at the flag limit, and more points from more evidence of the same rate', () => {
        const early = (k: number, n: number) => points({ contracts: { cancelledAfterStart: n, earlyCancelled: k, cancelWeight: n, earlyWeight: k } }, 'early_cancellation');
        expect(early(5, 100)).toBe(0);
        expect(Math.abs(early(19, 100) - early(21, 100))).toBeLessThan(4);
        expect(early(20, 100)).toBeLessThan(early(2, 10));
        const failed = (k: number) => points({ contracts: { provisioned: 100 - k, failedPaid: k } }, 'paid_failure');
        expect(Math.abs(failed(16) - failed(17))).toBeLessThan(2);
        expect(failed(2)).toBe(0);
        const again = (yes: number, n: number) => points({ feedback: { againYes: yes, againNo: n - yes } }, yes / n >= 0.75 ? 'rent_again_high' : 'rent_again_low');
        expect(again(8, 20)).toBeLessThan(again(4, 10));
        expect(again(19, 20)).toBeGreaterThan(again(9, 10));
    });
});

describe('score, evidence and rank', () => {
    const good = { evidence: evidence(12), contracts: { provisioned: 40, completed: 30 } };
    it.each([
        { name: 'no evidence scores the neutral prior', patch: {}, score: 60 },
        { name: 'unpaid-looking counters without evidence stay at the prior', patch: { feedback: { againYes: 9 } }, score: 60 },
        // 12 months from 10 independent tenants count 5.5 (0.5 a tenant, plus one).
        { name: 'a year of paid service from 10 tenants', patch: good, score: 86 },
        { name: 'one month of paid service', patch: { evidence: evidence(1, 1) }, score: 69 },
        { name: 'only failed paid contracts fall below the prior', patch: { contracts: { failedPaid: 6, stuckAccepted: 4 } }, score: 32 }
    ])('$name → $score', ({ patch, score }) => {
        expect(computeScore(input(patch)).score).toBe(score);
    });

    it('no evidence sits below any provider with good evidence, and a mixed record still above it', () => {
        const none = computeScore(input({}));
        const mixed = computeScore(input({ evidence: evidence(6), contracts: { provisioned: 20, completed: 10, cancelledAfterStart: 3 }, hasPublicContact: false }));
        expect(none.score).toBe(60);
        expect(mixed.score).toBeGreaterThan(none.score);
        expect(computeScore(input(good)).score).toBeGreaterThan(none.score);
    });

    it('rank is a lower bound: "100% of 2" ranks below "99% of 300"', () => {
        expect(rankOf(100, 2)).toBeLessThan(rankOf(99, 300));
        expect(rankOf(100, 0)).toBeLessThan(rankOf(90, 50));
        const few = computeScore(input({ evidence: evidence(2, 2) }));
        const many = computeScore(input({ evidence: evidence(300, 100), contracts: { provisioned: 300, completed: 250, cancelledAfterStart: 40, earlyCancelled: 12 } }));
        expect(few.rank).toBeLessThan(many.rank);
    });

    it('the breakdown lines sum to the score exactly, in words', () => {
        for (const patch of [{}, good, { evidence: evidence(2, 1), hasPublicContact: false, responsiveness: { silentSince: NOW - 5 * H } }, { contracts: { failedPaid: 50 } }]) {
            const b = computeScore(input(patch));
            expect(b.rules.reduce((a, r) => a + r.weighted, 0)).toBe(b.score);
            for (const r of b.rules) {
                expect(r.text.startsWith(`${r.weighted > 0 ? '+' : r.weighted < 0 ? '−' : ''}${Math.abs(r.weighted)}: `)).toBe(true);
                expect(r.text).not.toMatch(/\d\.\d{4,}/);
            }
        }
    });

    it('says how much evidence the score rests on, in days under a month', () => {
        expect(computeScore(input({})).evidenceText).toBe('no paid service yet: the neutral starting score');
        expect(computeScore(input({ evidence: evidence(0.1, 1), measuredDays: 3 })).evidenceText).toBe('3.0 days of paid service counted (3.0 days paid; 1 tenant, 1 with history elsewhere, 3.0 days of measured service in 30 days)');
        const b = computeScore(input({ evidence: { ...evidence(4.2, 9), independent: 7, breadth: 7 }, measuredDays: 21.2, contracts: { failedPaid: 1 } }));
        expect(b.evidenceText).toBe('2.1 months of paid service counted (4.2 months paid; 9 tenants, 7 with history elsewhere, 21.2 days of measured service in 30 days), 1 failed paid contract');
        expect(b.restsOn).toBe('9 tenants, 7 with history elsewhere, 21.2 days of measured service in 30 days');
        const thin = computeScore(input({ evidence: { ...evidence(4.2, 9), independent: 7, breadth: 4.46 }, measuredDays: 21.2 }));
        expect(thin.restsOn).toBe('9 tenants, 7 with history elsewhere (worth 4.5 in full), 21.2 days of measured service in 30 days');
    });

    it('sybils cannot buy 80: it needs 5 tenants with history elsewhere and 30 days the platform measured', () => {
        const top = (independent: number, measuredDays: number, breadth = independent) => computeScore(input({ evidence: { ...evidence(27, 9), independent, breadth }, measuredDays, feedback: { againYes: 18, matchedYes: 18 } })).score;
        // 9 sybils × 3 months, every day measured: no tenant has history elsewhere.
        expect(top(0, 270)).toBe(66);
        expect(top(4, 300)).toBeLessThan(80);
        expect(top(9, 29.9)).toBeLessThan(80);
        expect(top(5, 30)).toBe(80);
        // Paid months nobody measured count for nothing.
        expect(top(9, 0)).toBe(60);
        // 9 tenants with history elsewhere, worth 4.9 in full (half a month elsewhere counts a quarter).
        expect(top(9, 300, 4.9)).toBeLessThan(80);
        expect(top(9, 300, 5)).toBe(80);
    });

    it('apportion keeps the sum', () => {
        expect(apportion([60, 13.3, -2.4, -2.4, 1.2], 70)).toEqual([60, 13, -2, -2, 1]);
        expect(apportion([60, 0.4, 0.4, 0.4], 61).reduce((a, b) => a + b, 0)).toBe(61);
    });

    it('score is always within 0–100', () => {
        const worst = computeScore(
            input({
                evidence: evidence(50, 1),
                contracts: { provisioned: 100, failedPaid: 900, rejectedPaid: 900, cancelledAfterStart: 100, earlyCancelled: 100, stuckRequested: 5, running: 1, lastActivityAt: 0 },
                feedback: { againNo: 100, matchedNo: 100, net90d: -200 },
                hasPublicContact: false,
                responsiveness: { silentSince: 1, measured: 100, breaches: 100, firstResponseMedian: 100 * H, firstResponseSamples: 100 }
            })
        );
        expect(worst.raw).toBe(0);
        expect(worst.score).toBeGreaterThanOrEqual(0);
        expect(worst.score).toBeLessThan(5);
        expect(hasCriticalFlag(worst)).toBe(true);
        expect(worst.rules.reduce((a, r) => a + r.weighted, 0)).toBe(worst.score);
    });
});
