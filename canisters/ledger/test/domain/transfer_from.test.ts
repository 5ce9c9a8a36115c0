import { describe, expect, it } from 'vitest';
import { PERMITTED_DRIFT_NS, TX_WINDOW_NS, type TransferFromRequest } from '../../src/domain';
import { FEE, NOW, account, alice, bob, carol, fundedLedger, minter } from './memory_ledger';
import { approve, transfer, transferFrom } from './helpers';

/** alice has 1_000_000 and lets bob spend 50_000. */
function approvedLedger(expiresAt: bigint | null = null) {
    const ledger = fundedLedger();
    approve(ledger, { amount: 50_000n, expiresAt });
    return ledger;
}
const afterApproval = 1_000_000n - FEE;

describe('icrc2_transfer_from rules', () => {
    const cases: { name: string; req: Partial<TransferFromRequest>; err: unknown }[] = [
        { name: 'wrong fee', req: { fee: 1n }, err: { BadFee: { expected_fee: FEE } } },
        {
            name: 'amount + fee above the allowance',
            req: { amount: 50_000n - FEE + 1n },
            err: { InsufficientAllowance: { allowance: 50_000n } }
        },
        { name: 'another spender', req: { spender: carol }, err: { InsufficientAllowance: { allowance: 0n } } },
        {
            name: 'the spender\'s other subaccount',
            req: { spender: account('bob', 1) },
            err: { InsufficientAllowance: { allowance: 0n } }
        },
        { name: 'burn under the minimum', req: { to: minter, amount: 1n }, err: { BadBurn: { min_burn_amount: FEE } } },
        { name: 'burn with a fee', req: { to: minter, amount: FEE, fee: FEE }, err: { BadFee: { expected_fee: 0n } } },
        {
            name: 'mint on behalf of the minter',
            req: { from: minter },
            err: { GenericError: { error_code: 5n, message: 'the minting account cannot delegate mints' } }
        },
        {
            name: 'memo over 32 bytes',
            req: { memo: new Uint8Array(40) },
            err: { GenericError: { error_code: 2n, message: 'memo is 40 bytes; the maximum is 32' } }
        },
        { name: 'too old', req: { createdAtTime: NOW - TX_WINDOW_NS - PERMITTED_DRIFT_NS - 1n }, err: { TooOld: null } },
        {
            name: 'in the future',
            req: { createdAtTime: NOW + PERMITTED_DRIFT_NS + 1n },
            err: { CreatedInFuture: { ledger_time: NOW } }
        }
    ];
    it.each(cases)('rejects: $name', ({ req, err }) => {
        const ledger = approvedLedger();
        expect(transferFrom(ledger, req)).toEqual({ Err: err });
        expect(ledger.balanceOf(alice)).toBe(afterApproval);
        expect(ledger.allowance(alice, bob)?.amount).toBe(50_000n);
    });

    it('reports InsufficientFunds when the allowance exceeds the balance', () => {
        const ledger = fundedLedger();
        approve(ledger, { amount: 5_000_000n });
        expect(transferFrom(ledger, { amount: 2_000_000n })).toEqual({
            Err: { InsufficientFunds: { balance: afterApproval } }
        });
    });

    it('moves funds, charges the owner and uses amount + fee of the allowance', () => {
        const ledger = approvedLedger(NOW + 100n);
        expect(transferFrom(ledger, { to: carol, amount: 1_000n })).toEqual({ Ok: 2n });
        expect(ledger.balanceOf(alice)).toBe(afterApproval - 1_000n - FEE);
        expect(ledger.balanceOf(carol)).toBe(1_000n);
        expect(ledger.balanceOf(bob)).toBe(0n);
        expect(ledger.allowance(alice, bob)).toEqual({ amount: 50_000n - 1_000n - FEE, expiresAt: NOW + 100n });
        expect(ledger.blocks[2]?.operation).toEqual({
            kind: 'transfer', from: alice, to: carol, spender: bob, amount: 1_000n, fee: FEE
        });
    });

    it('removes an allowance used up exactly', () => {
        const ledger = approvedLedger();
        expect(transferFrom(ledger, { amount: 50_000n - FEE })).toEqual({ Ok: 2n });
        expect(ledger.allowance(alice, bob)).toBeUndefined();
    });

    it('refuses an expired allowance', () => {
        const ledger = approvedLedger(NOW + 100n);
        expect(transferFrom(ledger, {}, NOW + 100n)).toEqual({ Err: { InsufficientAllowance: { allowance: 0n } } });
    });

    it('burns through an allowance without a fee', () => {
        const ledger = approvedLedger();
        expect(transferFrom(ledger, { to: minter, amount: FEE })).toEqual({ Ok: 2n });
        expect(ledger.allowance(alice, bob)?.amount).toBe(50_000n - FEE);
        expect(ledger.totalSupply()).toBe(afterApproval - FEE);
        expect(ledger.blocks[2]?.operation).toEqual({ kind: 'burn', from: alice, spender: bob, amount: FEE });
    });

    it('needs no allowance when the spender is the owner', () => {
        const ledger = fundedLedger();
        expect(transferFrom(ledger, { spender: alice, to: carol })).toEqual({ Ok: 1n });
        expect(ledger.balanceOf(carol)).toBe(100n);
    });

    it('deduplicates, and does not confuse itself with a plain transfer', () => {
        const ledger = approvedLedger();
        const req = { createdAtTime: NOW };
        expect(transferFrom(ledger, req)).toEqual({ Ok: 2n });
        expect(transferFrom(ledger, req)).toEqual({ Err: { Duplicate: { duplicate_of: 2n } } });
        expect(transfer(ledger, { from: alice, to: bob, createdAtTime: NOW })).toEqual({ Ok: 3n });
    });
});
