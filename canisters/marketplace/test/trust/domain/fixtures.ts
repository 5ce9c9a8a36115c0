import type { ScoreInput } from '../../../src/trust/domain/score/types';

export const NOW = 1_000 * 86_400;

/** A provider with no contracts and nothing reported: every rule is neutral. */
export function blankInput(): ScoreInput {
    return {
        now: NOW,
        contracts: {
            requested: 0,
            accepted: 0,
            rejected: 0,
            provisioningFailed: 0,
            stuckAccepted: 0,
            stuckRequested: 0,
            stuckValue: 0n,
            cancelled: 0,
            cancelledAfterStart: 0,
            earlyCancelled: 0,
            completed: 0,
            running: 0,
            repeatCustomers: 0,
            lastActivityAt: null,
            firstContractAt: null
        },
        feedback: { matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0, net90d: 0 },
        responsiveness: { firstResponseMedian: null, firstResponseSamples: 0, measured: 0, breaches: 0, silentSince: null, lastReplyAt: null },
        uptime: { uptime30d: null, targetBps30d: null, observedMinutes30d: 0 },
        hasPublicContact: true,
        claimMismatches: [],
        cheapOfferings: []
    };
}

type DeepPartial<T> = { [K in keyof T]?: T[K] extends object ? (T[K] extends unknown[] ? T[K] : DeepPartial<T[K]>) : T[K] };

export function input(patch: DeepPartial<ScoreInput>): ScoreInput {
    const b = blankInput();
    return {
        ...b,
        ...patch,
        contracts: { ...b.contracts, ...patch.contracts },
        feedback: { ...b.feedback, ...patch.feedback },
        responsiveness: { ...b.responsiveness, ...patch.responsiveness },
        uptime: { ...b.uptime, ...patch.uptime }
    } as ScoreInput;
}
