import type { ClaimCheck } from '../claims';
import type { FeedbackTally } from '../feedback';

/** Everything the score reads; all of it comes from on-chain aggregates. Times in seconds. */
export interface ScoreInput {
    now: number;
    contracts: {
        requested: number;
        accepted: number;
        rejected: number;
        provisioningFailed: number;
        stuckAccepted: number;
        stuckRequested: number;
        stuckValue: bigint;
        cancelled: number;
        cancelledAfterStart: number;
        earlyCancelled: number;
        completed: number;
        running: number;
        repeatCustomers: number;
        lastActivityAt: number | null;
        firstContractAt: number | null;
    };
    feedback: FeedbackTally & { net90d: number };
    responsiveness: {
        firstResponseMedian: number | null;
        firstResponseSamples: number;
        measured: number;
        breaches: number;
        silentSince: number | null;
        lastReplyAt: number | null;
    };
    uptime: {
        uptime30d: number | null;
        targetBps30d: number | null;
        observedMinutes30d: number;
    };
    hasPublicContact: boolean;
    claimMismatches: ClaimCheck[];
    cheapOfferings: { offeringId: string; deltaPct: number }[];
}

export type Inputs = Record<string, string | number | boolean | null>;

export interface RuleResult {
    rule: string;
    label: string;
    inputs: Inputs;
    points: number;
    flag: Flag | null;
}

export interface Flag {
    code: string;
    message: string;
    critical: boolean;
    since: number | null;
}

export interface ScoreBreakdown {
    score: number;
    raw: number;
    evidence: number;
    rules: RuleResult[];
    flags: Flag[];
}
