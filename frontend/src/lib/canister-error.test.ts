import { describe, expect, it } from 'vitest';
import { CanisterError, errorMessage, setErrorAmountFormat } from './canister-error';
import { formatTokenAmount } from './format';

describe('typed errors as sentences', () => {
    it('never shows a raw payload', () => {
        expect(new CanisterError('NotFound', { what: 'offering', id: '9999' }).message).toBe('This offering does not exist, or you cannot see it.');
        expect(new CanisterError('NothingDue', { contractId: 8n }).message).toBe('Nothing is due on this contract: it is already paid.');
        expect(new CanisterError('InvalidInput', { field: 'hours', reason: 'must be an integer in [1, 48]' }).message).toBe('The number of hours must be an integer in [1, 48].');
        expect(new CanisterError('SomethingNew', { x: 1 }).message).toBe('The request failed (something new).');
        expect(new CanisterError('QuotaExceeded', { what: 'unpaid requests per tenant', limit: 5 }).message).toBe(
            'You have reached the limit of 5 unpaid requests per tenant; finish or cancel one before adding another.'
        );
        expect(new CanisterError('Inconsistent', { reason: 'event precedes the contract', index: [2] }).message).toBe('The data does not add up: event precedes the contract (item 3).');
        expect(new CanisterError('InvalidInput', { field: 'hours', reason: 'must be positive', index: [] }).message).toBe('The number of hours must be positive.');
        expect(new CanisterError('NotEligible', { reason: 'contract never started' }).message).toBe('Not possible: contract never started.');
        expect(new CanisterError('Unauthorized', { action: 'submitFeedback', reason: 'only the tenant of the contract can give feedback' }).message).toBe(
            'You are not allowed to submitFeedback: only the tenant of the contract can give feedback.'
        );
        expect(new CanisterError('NotAssigned', { contractId: 7n, monitor: 'aaaaa-aa' }).message).toBe('The monitor aaaaa-aa is not assigned to contract 7.');
        for (const t of ['NotFound', 'NotEligible', 'AlreadyAnswered', 'NotAssigned', 'Inconsistent', 'QuotaExceeded', 'InvalidInput', 'NothingDue', 'Unauthorized', 'InvalidState', 'SomethingNew']) {
            expect(new CanisterError(t, { what: 'x', field: 'f', reason: 'r', contractId: 1n }).message).not.toMatch(/[{}"]/);
        }
    });
    it('states amounts in the token, exactly', () => {
        setErrorAmountFormat((v) => formatTokenAmount(v, 8, 'TCY'));
        expect(new CanisterError('InsufficientFunds', { balance: 139_990_000n }).message).toBe('Your wallet holds only 1.3999 TCY, not enough for this payment and its ledger fees.');
    });
    it('turns a network failure into advice', () => {
        expect(errorMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
    });
});
