import { describe, expect, it } from 'vitest';
import { SCORE } from '../../../src/trust/domain/score/constants';
import { computeScore, hasCriticalFlag } from '../../../src/trust/domain/score/score';
import { input, NOW } from './fixtures';

const H = 3600;
const D = 86_400;
const ruleOf = (patch: Parameters<typeof input>[0], rule: string) => computeScore(input(patch)).rules.find((r) => r.rule === rule)!;

describe('reference rules (trust.md) with sample-size aware rates', () => {
    it.each([
        { rule: 'early_cancellation', name: '30 of 100 cancellations early', patch: { contracts: { cancelled: 100, cancelledAfterStart: 100, earlyCancelled: 30 } }, points: -25 },
        { rule: 'early_cancellation', name: '10 of 100 early', patch: { contracts: { cancelled: 100, cancelledAfterStart: 100, earlyCancelled: 10 } }, points: 0 },
        { rule: 'early_cancellation', name: 'one early cancellation of one is not enough', patch: { contracts: { cancelled: 1, cancelledAfterStart: 1, earlyCancelled: 1 } }, points: 0 },
        { rule: 'early_cancellation', name: '3 of 3 is', patch: { contracts: { cancelled: 3, cancelledAfterStart: 3, earlyCancelled: 3 } }, points: -25 },
        { rule: 'provisioning_failure', name: '20 failures of 100 accepted', patch: { contracts: { accepted: 100, provisioningFailed: 20 } }, points: -20 },
        { rule: 'provisioning_failure', name: 'stalled provisioning counts', patch: { contracts: { accepted: 100, provisioningFailed: 5, stuckAccepted: 15 } }, points: -20 },
        { rule: 'provisioning_failure', name: '5 of 100', patch: { contracts: { accepted: 100, provisioningFailed: 5 } }, points: 0 },
        { rule: 'rejection', name: '40% rejected', patch: { contracts: { requested: 100, rejected: 40 } }, points: -15 },
        { rule: 'rejection', name: '20% rejected', patch: { contracts: { requested: 100, rejected: 20 } }, points: 0 },
        { rule: 'slow_response', name: 'median 50 h', patch: { responsiveness: { firstResponseMedian: 50 * H, firstResponseSamples: 3 } }, points: -15 },
        { rule: 'slow_response', name: 'too few samples', patch: { responsiveness: { firstResponseMedian: 50 * H, firstResponseSamples: 2 } }, points: 0 },
        { rule: 'fast_response', name: 'median 1 h', patch: { responsiveness: { firstResponseMedian: H, firstResponseSamples: 3 } }, points: 5 },
        { rule: 'fast_response', name: 'median 5 h', patch: { responsiveness: { firstResponseMedian: 5 * H, firstResponseSamples: 3 } }, points: 0 },
        { rule: 'reputation_90d', name: 'net −6', patch: { feedback: { net90d: -6 } }, points: -15 },
        { rule: 'reputation_90d', name: 'net −5', patch: { feedback: { net90d: -5 } }, points: 0 },
        { rule: 'ghost_risk', name: 'idle 8 days with running contracts', patch: { contracts: { running: 1, lastActivityAt: NOW - 8 * D } }, points: -10 },
        { rule: 'ghost_risk', name: 'a recent chat reply counts as activity', patch: { contracts: { running: 1, lastActivityAt: NOW - 8 * D }, responsiveness: { lastReplyAt: NOW - D } }, points: 0 },
        { rule: 'ghost_risk', name: 'idle but nothing running', patch: { contracts: { running: 0, lastActivityAt: NOW - 80 * D } }, points: 0 },
        { rule: 'stuck_contracts', name: 'three stuck', patch: { contracts: { stuckRequested: 2, stuckAccepted: 1 } }, points: -10 },
        { rule: 'stuck_contracts', name: 'one stuck worth a lot', patch: { contracts: { stuckRequested: 1, stuckValue: SCORE.stuck.valueAbove + 1n } }, points: -10 },
        { rule: 'stuck_contracts', name: 'two stuck, cheap', patch: { contracts: { stuckRequested: 2, stuckValue: 10n } }, points: 0 },
        { rule: 'no_contact', name: 'no contact', patch: { hasPublicContact: false }, points: -10 },
        { rule: 'rent_again_low', name: '0 of 3 would rent again', patch: { feedback: { againYes: 0, againNo: 3 } }, points: -15 },
        { rule: 'rent_again_low', name: '0 of 2 is too few', patch: { feedback: { againYes: 0, againNo: 2 } }, points: 0 },
        { rule: 'rent_again_low', name: '4 of 10', patch: { feedback: { againYes: 4, againNo: 6 } }, points: 0 },
        { rule: 'rent_again_low', name: '2 of 10', patch: { feedback: { againYes: 2, againNo: 8 } }, points: -15 },
        { rule: 'matched_low', name: '1 of 10 matched', patch: { feedback: { matchedYes: 1, matchedNo: 9 } }, points: -10 },
        { rule: 'rent_again_high', name: '5 of 5', patch: { feedback: { againYes: 5, againNo: 0 } }, points: 5 },
        { rule: 'rent_again_high', name: '4 of 4 is too few', patch: { feedback: { againYes: 4, againNo: 0 } }, points: 0 },
        { rule: 'repeat_customers', name: '11 repeat customers', patch: { contracts: { repeatCustomers: 11 } }, points: 5 },
        { rule: 'repeat_customers', name: '10 repeat customers', patch: { contracts: { repeatCustomers: 10 } }, points: 0 },
        { rule: 'completion', name: '200 of 200', patch: { contracts: { completed: 200 } }, points: 5 },
        { rule: 'completion', name: '10 of 10 is not enough evidence', patch: { contracts: { completed: 10 } }, points: 0 }
    ])('$rule: $name → $points', ({ patch, rule, points }) => {
        const r = ruleOf(patch, rule);
        expect(r.points).toBe(points);
        expect(r.flag !== null).toBe(points < 0);
    });
});

describe('signal rules', () => {
    it.each([
        { rule: 'uptime_target', name: 'meets target with a week of data', patch: { uptime: { uptime30d: 0.9995, targetBps30d: 9990, observedMinutes30d: 20_000 } }, points: 5, critical: false },
        { rule: 'uptime_target', name: 'meets target, little data', patch: { uptime: { uptime30d: 0.9995, targetBps30d: 9990, observedMinutes30d: 2_000 } }, points: 0, critical: false },
        { rule: 'uptime_target', name: 'slightly below', patch: { uptime: { uptime30d: 0.995, targetBps30d: 9990, observedMinutes30d: 20_000 } }, points: -10, critical: false },
        { rule: 'uptime_target', name: 'far below', patch: { uptime: { uptime30d: 0.97, targetBps30d: 9990, observedMinutes30d: 20_000 } }, points: -20, critical: true },
        { rule: 'uptime_target', name: 'under a day of data', patch: { uptime: { uptime30d: 0.5, targetBps30d: 9990, observedMinutes30d: 1_000 } }, points: 0, critical: false },
        { rule: 'silent', name: 'silent now', patch: { responsiveness: { silentSince: NOW - H } }, points: -15, critical: true },
        { rule: 'late_replies', name: '6 of 10 late', patch: { responsiveness: { measured: 10, breaches: 6 } }, points: -10, critical: false },
        { rule: 'late_replies', name: '2 of 2 late is too few', patch: { responsiveness: { measured: 2, breaches: 2 } }, points: 0, critical: false },
        { rule: 'late_replies', name: '1 of 10 late', patch: { responsiveness: { measured: 10, breaches: 1 } }, points: 0, critical: false },
        {
            rule: 'claim_mismatch',
            name: 'RAM below claim',
            patch: { claimMismatches: [{ metric: 'ram_gib' as const, claimed: 8, measured: 4, deltaPct: -50, ok: false }] },
            points: -15,
            critical: false
        },
        { rule: 'price_anomaly', name: 'far below market', patch: { cheapOfferings: [{ offeringId: 'o1', deltaPct: -70 }] }, points: -5, critical: false }
    ])('$rule: $name → $points', ({ patch, rule, points, critical }) => {
        const r = ruleOf(patch, rule);
        expect(r.points).toBe(points);
        expect(r.flag?.critical ?? false).toBe(critical);
    });

    it('silence flag says since when', () => {
        expect(ruleOf({ responsiveness: { silentSince: 1234 } }, 'silent').flag?.since).toBe(1234);
    });
});

describe('score and sample size', () => {
    it.each([
        { name: 'no contracts scores the prior', patch: {}, score: 60 },
        { name: 'two perfect contracts stay "new", not 100', patch: { contracts: { requested: 2, completed: 2 } }, score: 71 },
        { name: 'two bad contracts are not 0', patch: { contracts: { requested: 2, cancelled: 2, cancelledAfterStart: 2, earlyCancelled: 2 }, hasPublicContact: false, responsiveness: { silentSince: 1 } }, score: 57 },
        { name: 'a long clean record approaches 100', patch: { contracts: { requested: 500, completed: 450 } }, score: 100 },
        { name: 'a long bad record approaches the raw score', patch: { contracts: { requested: 500, accepted: 400, provisioningFailed: 100, rejected: 200 } }, score: 65 }
    ])('$name', ({ patch, score }) => {
        expect(computeScore(input(patch)).score).toBe(score);
    });

    it('breakdown explains the score: rule points plus shrinkage add up', () => {
        const b = computeScore(input({ contracts: { requested: 20, cancelled: 10, cancelledAfterStart: 10, earlyCancelled: 8, completed: 10 }, hasPublicContact: false }));
        const sum = b.rules.filter((r) => r.rule !== 'sample_size').reduce((a, r) => a + r.points, 0);
        expect(b.raw).toBe(Math.max(0, Math.min(100, 100 + sum)));
        expect(b.score).toBe(b.raw + b.rules.find((r) => r.rule === 'sample_size')!.points);
        expect(b.flags.map((f) => f.code).sort()).toEqual(['early_cancellation', 'no_contact']);
        expect(hasCriticalFlag(b)).toBe(true);
        for (const r of b.rules) expect(r.inputs).toBeTypeOf('object');
    });

    it('score is always within 0–100', () => {
        const worst = computeScore(
            input({
                contracts: { requested: 1000, accepted: 1000, provisioningFailed: 900, rejected: 900, cancelled: 100, cancelledAfterStart: 100, earlyCancelled: 100, stuckRequested: 5, running: 1, lastActivityAt: 0 },
                feedback: { againNo: 100, matchedNo: 100, net90d: -200 },
                hasPublicContact: false,
                responsiveness: { silentSince: 1, measured: 100, breaches: 100, firstResponseMedian: 100 * H, firstResponseSamples: 100 }
            })
        );
        expect(worst.raw).toBe(0);
        expect(worst.score).toBeGreaterThanOrEqual(0);
        expect(worst.score).toBeLessThan(5);
    });
});
