// The one error type: market errors (no batch index) and trust errors (with one) encode as the same
// Candid variant, and a reply decodes to the case with its context.
import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';
import { encodeOne } from '../../src/platform/reply';
import { atIndex, errorCase, inconsistent, invalid, ResultIdl, type CanisterError } from '../../src/kernel/error';

const T = ResultIdl(IDL.Nat32);
const roundTrip = (v: unknown): any => IDL.decode([T], encodeOne(T, v))[0];

describe('CanisterError', () => {
    it('an InvalidInput without index (market) decodes with index none; a batch item carries its index', () => {
        expect(roundTrip({ Err: { InvalidInput: { field: 'hours', reason: 'must be positive' } } })).toEqual({ Err: { InvalidInput: { field: 'hours', reason: 'must be positive', index: [] } } });
        expect(roundTrip(invalid('at', 'is in the future', 3))).toEqual({ Err: { InvalidInput: { field: 'at', reason: 'is in the future', index: [3] } } });
    });

    it('trust cases have typed context', () => {
        const cases: CanisterError[] = [
            { NotAssigned: { contractId: 7n, monitor: 'aaaaa-aa' } },
            { AlreadyAnswered: { contractId: 9n } },
            { NotEligible: { reason: 'contract never started' } },
            { Unauthorized: { action: 'submitFeedback', reason: 'only the tenant' } }
        ];
        for (const e of cases) expect(roundTrip({ Err: e })).toEqual({ Err: e });
    });

    it('atIndex tags only the batch cases', () => {
        const bad = inconsistent('older than the last event');
        expect('Err' in bad && atIndex(bad.Err, 4)).toEqual({ Inconsistent: { reason: 'older than the last event', index: [4] } });
        const nf: CanisterError = { NotFound: { what: 'contract', id: '5' } };
        expect(atIndex(nf, 4)).toBe(nf);
        expect(errorCase(nf)).toBe('NotFound');
    });
});
