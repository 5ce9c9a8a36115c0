import { DAY, HOUR } from '../time';

/** Every threshold and weight of the score, in one place. Rates are Beta posterior means. */
export const SCORE = {
    prior: 60,
    priorStrength: 5,
    rateStrength: 10,
    feedbackStrength: 5,
    earlyCancel: { threshold: 0.2, prior: 0.05, points: -25 },
    provisioningFailure: { threshold: 0.15, prior: 0.02, points: -20 },
    rejection: { threshold: 0.3, prior: 0.05, points: -15 },
    slowResponse: { above: 48 * HOUR, points: -15, minSamples: 3 },
    reputation90d: { below: -5, points: -15 },
    ghost: { after: 7 * DAY, points: -10 },
    stuck: { count: 3, valueAbove: 5_000n * 100_000_000n, points: -10 },
    noContact: { points: -10 },
    rentAgainLow: { below: 0.5, prior: 0.75, minAnswers: 3, points: -15 },
    matchedLow: { below: 0.5, prior: 0.75, minAnswers: 3, points: -10 },
    repeatCustomers: { above: 10, points: 5 },
    completion: { above: 0.95, prior: 0.8, points: 5 },
    fastResponse: { below: 4 * HOUR, points: 5, minSamples: 3 },
    rentAgainHigh: { above: 0.8, prior: 0.75, minAnswers: 5, points: 5 },
    uptime: { minMinutes: 1_440, severeBelowBps: 100, mildPoints: -10, severePoints: -20, bonusMinutes: 7 * 1_440, bonusPoints: 5 },
    silence: { points: -15 },
    lateReplies: { threshold: 0.3, prior: 0.1, minSamples: 3, points: -10 },
    claims: { points: -15 },
    cheapPrice: { points: -5 }
} as const;
