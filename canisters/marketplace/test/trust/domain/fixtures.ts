import type { Evidence } from '../../../src/trust/domain/evidence';
import type { ScoreInput } from '../../../src/trust/domain/score/types';

export const NOW = 1_000 * 86_400;

export const noEvidence = (): Evidence => ({ months: 0, payers: 0, independent: 0, breadth: 0, repeatCustomers: 0, topTimeShare: null, topValueShare: null, servedSeconds: 0 });

/** Evidence of `months` paid service months spread evenly over `payers` tenants. */
export const evidence = (months: number, payers = 10, repeatCustomers = 0): Evidence => ({
    months,
    payers,
    independent: payers,
    breadth: payers,
    repeatCustomers,
    topTimeShare: payers === 0 ? null : 1 / payers,
    topValueShare: payers === 0 ? null : 1 / payers,
    servedSeconds: months * 30 * 86_400
});

/** A provider with no paid contracts and nothing reported: every rule is neutral. */
export function blankInput(): ScoreInput {
    return {
        now: NOW,
        contracts: {
            paidRequests: 0,
            provisioned: 0,
            provisionedCredit: 0,
            freshCredit: 0,
            rejectedPaid: 0,
            failedPaid: 0,
            silentPaid: 0,
            stuckAccepted: 0,
            stuckRequested: 0,
            cancelledAfterStart: 0,
            cancelWeight: 0,
            earlyWeight: 0,
            earlyCancelled: 0,
            completed: 0,
            running: 0,
            lastActivityAt: null
        },
        evidence: noEvidence(),
        // Every day of service measured unless a test says otherwise (the breadth limit is tested on its own).
        measuredDays: 10_000,
        feedback: { matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0, net90d: 0 },
        responsiveness: { firstResponseMedian: null, firstResponseSamples: 0, measured: 0, breaches: 0, silentSince: null, lastReplyAt: null },
        uptime: [],
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
        contracts: { ...b.contracts, provisionedCredit: patch.contracts?.provisioned ?? 0, ...patch.contracts },
        evidence: { ...b.evidence, ...patch.evidence },
        feedback: { ...b.feedback, ...patch.feedback },
        responsiveness: { ...b.responsiveness, ...patch.responsiveness },
        uptime: (patch.uptime as ScoreInput['uptime'] | undefined) ?? b.uptime
    } as ScoreInput;
}
