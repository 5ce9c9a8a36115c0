import { DAY, HOUR } from '../time';

/** Every threshold and weight of the score, in one place (the methodology page prints them). */
export const SCORE = {
    /** Where every provider starts, and where one without evidence stays. */
    prior: 60,
    /** Evidence weight = months / (months + priorStrength): 3 paid service months weigh 50%. */
    priorStrength: 3,
    /**
     * Positive evidence counts at most `perIndependent` months for each tenant with history
     * elsewhere in full (plus one; a tenant counts in full from 2 months elsewhere, in part below:
     * `evidence.breadth`), and `perMeasuredDay` months per day the platform measured the service up
     * in the last 30 days. Short of `minIndependent` such tenants or `minMeasuredDays` days it stays
     * under `narrowCap` months (score 79 at most): 80 needs 3 months, 5 independent tenants worth
     * 10 months paid elsewhere, and 30 days.
     */
    breadth: { perIndependent: 0.5, perMeasuredDay: 0.1, minIndependent: 5, minMeasuredDays: 30, narrowCap: 2.8 },
    /** Each provider-caused failure of a paid contract adds this much (in months) to the evidence. */
    failureEvidence: 1,
    rateStrength: 10,
    feedbackStrength: 5,
    /** Lower confidence bound for sorting: z of a one-sided 95% bound. */
    rankZ: 1.645,
    /**
     * Graded rules: points follow the estimate continuously from 0 at the prior to `points` at the
     * threshold (the flag's threshold, unchanged); rates are Beta posterior means, so a small
     * sample stays near the prior and near 0 points.
     */
    /**
     * Measured cancellations weigh their tenants' independence; an early one counts by the share
     * of its contract's downtime budget the platform measured used (in full at the target or
     * below); the critical flag also needs the early ones to have left the provider `flagTokens`
     * whole tokens earned before them (× tenant voice): spend the tenants cannot get back.
     */
    earlyCancel: { threshold: 0.2, prior: 0.05, points: -25, flagTokens: 10 },
    /** Accepted paid contracts whose provisioning failed or is stuck > 72 h: 0 at the prior, −20 at 15% (flag), −60 at 100%. */
    paidFailure: { threshold: 0.15, prior: 0.02, points: -20, maxPoints: -60 },
    /** Median first response: 0 points from `from`, −15 at `above` (flag) and beyond; × confidence n / (n + minSamples). */
    slowResponse: { from: 24 * HOUR, above: 48 * HOUR, points: -15, minSamples: 3 },
    reputation90d: { below: -5, points: -15 },
    ghost: { after: 7 * DAY, points: -10 },
    noContact: { points: -10 },
    rentAgainLow: { below: 0.5, prior: 0.75, minAnswers: 3, points: -15 },
    matchedLow: { below: 0.5, prior: 0.75, minAnswers: 3, points: -10 },
    repeatCustomers: { above: 10, points: 5 },
    completion: { above: 0.95, prior: 0.8, points: 5 },
    /** +5 at a median first response of `below` or faster, falling on a log scale to 0 at `until`; × the same confidence. */
    fastResponse: { below: 4 * HOUR, until: 24 * HOUR, points: 5, minSamples: 3 },
    /** 0 at the prior, +5 at an estimate of `full`. */
    rentAgainHigh: { full: 0.95, prior: 0.75, points: 5 },
    /**
     * Each offering's 30-day uptime against its own target, the shortfall shrunk toward the target
     * by a prior worth `priorMinutes` (a week): `perPp` points per percentage point short, to
     * `maxPoints`; above target up to `bonusPoints` for the share of the downtime budget left
     * unused, × the provider's measured minutes / (minutes + priorMinutes). The worst offering
     * decides. Flagged from `flagMinutes` observed minutes below target; critical when an offering is more than
     * `severeBelowBps` short over `minMinutes`.
     */
    uptime: { flagMinutes: 60, minMinutes: 1_440, severeBelowBps: 100, priorMinutes: 7 * 1_440, perPp: -10, maxPoints: -30, bonusPoints: 5 },
    /** Silent: waits past their target whose tenants' voices (domain/voice.ts) sum to `minVoice`. */
    silence: { points: -15, minVoice: 1 },
    /** Graded like the rates above: 0 at the prior, −10 at the threshold (flag, from `minSamples`). */
    lateReplies: { threshold: 0.3, prior: 0.1, minSamples: 3, points: -10 },
    claims: { points: -15 },
    cheapPrice: { points: -5 },
    /** Flag when the largest tenant has at least this share of paid time and there are fewer than `payers` tenants. */
    concentration: { share: 0.5, payers: 5, points: -5 },
    /** Feedback: each tenant's first answers about a provider count, later ones are kept but weigh nothing. */
    feedbackPerTenant: 2
} as const;
