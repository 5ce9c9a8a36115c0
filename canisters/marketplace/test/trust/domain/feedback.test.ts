import { errorCase } from '../../../src/kernel/error';
import { describe, expect, it } from 'vitest';
import { checkFeedback, emptyTally, netOf, tally, type ContractPhase, type Feedback } from '../../../src/trust/domain/feedback';

const existing: Feedback = { contractId: '1', tenant: 'alice', at: 1, matchedDescription: true, wouldRentAgain: true };

describe('feedback eligibility', () => {
    it.each<{ name: string; phase: ContractPhase; caller: string; startedAt: number | null; prior?: Feedback; want: string }>([
        { name: 'tenant after completion', phase: 'completed', caller: 'alice', startedAt: 10, want: 'ok' },
        { name: 'tenant after cancellation', phase: 'cancelled', caller: 'alice', startedAt: 10, want: 'ok' },
        { name: 'tenant after expiry', phase: 'expired', caller: 'alice', startedAt: 10, want: 'ok' },
        { name: 'someone else', phase: 'completed', caller: 'mallory', startedAt: 10, want: 'Unauthorized' },
        { name: 'contract still open', phase: 'open', caller: 'alice', startedAt: 10, want: 'NotEligible' },
        { name: 'rejected contract', phase: 'rejected', caller: 'alice', startedAt: null, want: 'NotEligible' },
        { name: 'cancelled before it started', phase: 'cancelled', caller: 'alice', startedAt: null, want: 'NotEligible' },
        { name: 'second answer', phase: 'completed', caller: 'alice', startedAt: 10, prior: existing, want: 'AlreadyAnswered' },
        { name: 'second answer by someone else', phase: 'completed', caller: 'bob', startedAt: 10, prior: existing, want: 'Unauthorized' }
    ])('$name → $want', ({ phase, caller, startedAt, prior, want }) => {
        const r = checkFeedback({ id: '1', tenant: 'alice', phase, startedAt }, caller, prior);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe(want);
    });

    it.each([
        { a: { matchedDescription: true, wouldRentAgain: true }, net: 2 },
        { a: { matchedDescription: true, wouldRentAgain: false }, net: 0 },
        { a: { matchedDescription: false, wouldRentAgain: false }, net: -2 }
    ])('tally and net for $a', ({ a, net }) => {
        const t = tally(emptyTally(), a);
        expect(t.matchedYes + t.matchedNo).toBe(1);
        expect(t.againYes + t.againNo).toBe(1);
        expect(netOf(a)).toBe(net);
    });
});
