import { describe, expect, it } from 'vitest';
import { PERMITTED_DRIFT_NS, TX_WINDOW_NS, type ApproveRequest } from '../../src/domain';
import { FEE, NOW, account, alice, bob, fundedLedger, minter } from './memory_ledger';
import { approve } from './helpers';

describe('icrc2_approve rules', () => {
    const cases: { name: string; req: Partial<ApproveRequest>; err: unknown }[] = [
        { name: 'wrong fee', req: { fee: 0n }, err: { BadFee: { expected_fee: FEE } } },
        { name: 'approver cannot pay the fee', req: { from: bob, spender: alice }, err: { InsufficientFunds: { balance: 0n } } },
        { name: 'expiry in the past', req: { expiresAt: NOW - 1n }, err: { Expired: { ledger_time: NOW } } },
        { name: 'expiry now', req: { expiresAt: NOW }, err: { Expired: { ledger_time: NOW } } },
        { name: 'expected allowance differs', req: { expectedAllowance: 5n }, err: { AllowanceChanged: { current_allowance: 0n } } },
        {
            name: 'spender owned by the approver',
            req: { spender: account('alice', 1) },
            err: { GenericError: { error_code: 3n, message: 'self approval is not allowed' } }
        },
        {
            name: 'approval by the minting account',
            req: { from: minter },
            err: { GenericError: { error_code: 4n, message: 'the minting account cannot approve' } }
        },
        {
            name: 'memo over 32 bytes',
            req: { memo: new Uint8Array(33) },
            err: { GenericError: { error_code: 2n, message: 'memo is 33 bytes; the maximum is 32' } }
        },
        { name: 'too old', req: { createdAtTime: NOW - TX_WINDOW_NS - PERMITTED_DRIFT_NS - 1n }, err: { TooOld: null } },
        {
            name: 'in the future',
            req: { createdAtTime: NOW + PERMITTED_DRIFT_NS + 1n },
            err: { CreatedInFuture: { ledger_time: NOW } }
        }
    ];
    it.each(cases)('rejects: $name', ({ req, err }) => {
        const ledger = fundedLedger();
        expect(approve(ledger, req)).toEqual({ Err: err });
        expect(ledger.allowance(alice, bob)).toBeUndefined();
        expect(ledger.balanceOf(alice)).toBe(1_000_000n);
    });

    it('sets the allowance, charges the fee and logs the approval', () => {
        const ledger = fundedLedger();
        const expiresAt = NOW + 1_000n;
        expect(approve(ledger, { amount: 7n, expiresAt, expectedAllowance: 0n })).toEqual({ Ok: 1n });
        expect(ledger.allowance(alice, bob)).toEqual({ amount: 7n, expiresAt });
        expect(ledger.balanceOf(alice)).toBe(1_000_000n - FEE);
        expect(ledger.blocks[1]?.operation).toEqual({
            kind: 'approve', from: alice, spender: bob, amount: 7n, expectedAllowance: 0n, expiresAt, fee: FEE
        });
    });

    it('replaces rather than adds, guarded by expected_allowance', () => {
        const ledger = fundedLedger();
        expect(approve(ledger, { amount: 7n })).toEqual({ Ok: 1n });
        expect(approve(ledger, { amount: 9n, expectedAllowance: 8n })).toEqual({
            Err: { AllowanceChanged: { current_allowance: 7n } }
        });
        expect(approve(ledger, { amount: 9n, expectedAllowance: 7n })).toEqual({ Ok: 2n });
        expect(ledger.allowance(alice, bob)?.amount).toBe(9n);
    });

    it('counts an expired allowance as zero', () => {
        const ledger = fundedLedger();
        expect(approve(ledger, { amount: 7n, expiresAt: NOW + 10n })).toEqual({ Ok: 1n });
        const later = NOW + 10n;
        expect(approve(ledger, { amount: 3n, expectedAllowance: 7n }, later)).toEqual({
            Err: { AllowanceChanged: { current_allowance: 0n } }
        });
        expect(approve(ledger, { amount: 3n, expectedAllowance: 0n }, later)).toEqual({ Ok: 2n });
    });

    it('removes the allowance when approving zero', () => {
        const ledger = fundedLedger();
        approve(ledger, { amount: 7n });
        expect(approve(ledger, { amount: 0n })).toEqual({ Ok: 2n });
        expect(ledger.allowance(alice, bob)).toBeUndefined();
    });

    it('deduplicates an identical approval', () => {
        const ledger = fundedLedger();
        expect(approve(ledger, { createdAtTime: NOW })).toEqual({ Ok: 1n });
        expect(approve(ledger, { createdAtTime: NOW })).toEqual({ Err: { Duplicate: { duplicate_of: 1n } } });
        expect(approve(ledger, { createdAtTime: NOW, amount: 1n })).toEqual({ Ok: 2n });
        expect(ledger.balanceOf(alice)).toBe(1_000_000n - 2n * FEE);
    });
});
