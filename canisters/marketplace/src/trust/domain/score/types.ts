import type { ClaimCheck } from '../claims';
import type { Evidence } from '../evidence';
import type { FeedbackTally } from '../feedback';

/** One offering's measured uptime over 30 days against its own target. */
export interface OfferingUptime {
    offeringId: string;
    name: string;
    targetBps: number;
    upMinutes: number;
    downMinutes: number;
    incidents: number;
}

/** Everything the score reads; all of it comes from on-chain aggregates. Times in seconds. */
export interface ScoreInput {
    now: number;
    contracts: {
        paidRequests: number;
        provisioned: number;
        /** Provisioned contracts weighted by their tenants' independence credit. */
        provisionedCredit: number;
        /** The part of it beyond its tenants' reach (all of it without history elsewhere): counts up to FRESH_CREDIT_CAP. */
        freshCredit: number;
        rejectedPaid: number;
        failedPaid: number;
        silentPaid: number;
        stuckAccepted: number;
        stuckRequested: number;
        cancelledAfterStart: number;
        earlyCancelled: number;
        /** Cancellations after start with measured service, weighted by tenant independence. */
        cancelWeight: number;
        earlyWeight: number;
        /** Tokens earned before the early ones, × tenant voice (the flag's spend); absent = none. */
        earlyTokens?: number;
        completed: number;
        running: number;
        lastActivityAt: number | null;
    };
    evidence: Evidence;
    /** Days of service the platform measured up in the last 30 days (its counted up minutes ÷ 1 440). */
    measuredDays: number;
    feedback: FeedbackTally & { net90d: number };
    responsiveness: {
        firstResponseMedian: number | null;
        firstResponseSamples: number;
        measured: number;
        breaches: number;
        silentSince: number | null;
        /** Σ voice (domain/voice.ts) of the waits past their deadline; absent = one full voice. */
        silentVoice?: number;
        lastReplyAt: number | null;
    };
    /** Per offering, its own target (one service target per offering, used everywhere). */
    uptime: OfferingUptime[];
    hasPublicContact: boolean;
    claimMismatches: (ClaimCheck & { offering: string })[];
    /** Offerings in the market price index priced far below comparable ones. */
    cheapOfferings: { offeringId: string; name: string; deltaPct: number }[];
}

export type Inputs = Record<string, string | number | boolean | null>;

export interface RuleResult {
    rule: string;
    label: string;
    inputs: Inputs;
    /** The rule's own points (before the evidence weight). */
    points: number;
    /** What was measured, in words and units. */
    detail: string;
    flag: Flag | null;
}

export interface Flag {
    code: string;
    message: string;
    critical: boolean;
    since: number | null;
}

/** A line of the published breakdown: the lines' points sum to the score exactly. */
export interface BreakdownLine extends RuleResult {
    /** Points this line adds to the published score (rule points × evidence weight, apportioned). */
    weighted: number;
    /** "−12: 97.5% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents". */
    text: string;
}

export interface ScoreBreakdown {
    score: number;
    raw: number;
    /** Sorting key: a lower confidence bound of the score (0–100). */
    rank: number;
    /** Evidence weight in [0, 1): units / (units + prior strength). */
    weight: number;
    /** Positive evidence counted: paid months within the breadth limits (independent tenants, measured days). */
    positiveMonths: number;
    /** Days of service the platform measured up in the last 30 days. */
    measuredDays: number;
    /** "9 tenants, 7 with history elsewhere, 21.0 days of measured service". */
    restsOn: string;
    evidence: Evidence;
    /** "4.2 months of paid service from 3 tenants, 1 failed paid request". */
    evidenceText: string;
    rules: BreakdownLine[];
    flags: Flag[];
}
