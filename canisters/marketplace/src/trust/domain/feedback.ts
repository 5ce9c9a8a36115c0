import { err, ok, type Result } from '../../kernel/result';
import { notEligible, unauthorized } from '../../kernel/error';

export type ContractPhase = 'open' | 'completed' | 'cancelled' | 'expired' | 'rejected' | 'failed';

export interface FeedbackContract {
    id: string;
    tenant: string;
    phase: ContractPhase;
    startedAt: number | null;
}

export interface FeedbackAnswer {
    matchedDescription: boolean;
    wouldRentAgain: boolean;
}

export interface Feedback extends FeedbackAnswer {
    contractId: string;
    tenant: string;
    at: number;
    /** Within the tenant's cap of counted answers about this provider (absent = earlier layout, counted). */
    counted?: boolean;
    /** What the answer weighs (domain/voice.ts: the tenant's independence × its contract's value); absent = 1. */
    weight?: number;
}

const ENDED: readonly ContractPhase[] = ['completed', 'cancelled', 'expired'];

/** Only the tenant of a contract that ran and ended may answer, and only once. */
export function checkFeedback(
    contract: FeedbackContract,
    caller: string,
    existing: Feedback | undefined
): Result<true> {
    if (caller !== contract.tenant) return unauthorized('submitFeedback', 'only the tenant of the contract can give feedback');
    if (!ENDED.includes(contract.phase)) return notEligible(`contract is ${contract.phase}, not ended`);
    if (contract.startedAt === null) return notEligible('contract never started');
    if (existing !== undefined) return err({ AlreadyAnswered: { contractId: BigInt(contract.id) } });
    return ok(true);
}

export interface FeedbackTally {
    matchedYes: number;
    matchedNo: number;
    againYes: number;
    againNo: number;
}

export const emptyTally = (): FeedbackTally => ({ matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0 });

/** Adds one answer with its weight (both signs alike): counts are weighted answers. */
export function tally(t: FeedbackTally, a: FeedbackAnswer, weight = 1): FeedbackTally {
    return {
        matchedYes: t.matchedYes + (a.matchedDescription ? weight : 0),
        matchedNo: t.matchedNo + (a.matchedDescription ? 0 : weight),
        againYes: t.againYes + (a.wouldRentAgain ? weight : 0),
        againNo: t.againNo + (a.wouldRentAgain ? 0 : weight)
    };
}

/** Net reputation of one answer: +1 per yes, −1 per no, times its weight. */
export const netOf = (a: FeedbackAnswer, weight = 1): number =>
    ((a.matchedDescription ? 1 : -1) + (a.wouldRentAgain ? 1 : -1)) * weight;
