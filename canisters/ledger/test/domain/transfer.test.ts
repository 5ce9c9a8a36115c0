import { describe, expect, it } from 'vitest';
import { PERMITTED_DRIFT_NS, TX_WINDOW_NS, type TransferRequest } from '../../src/domain';
import { FEE, NOW, account, alice, bob, fundedLedger, minter } from './memory_ledger';
import { transfer } from './helpers';

const memo = (length: number) => new Uint8Array(length).fill(7);

describe('icrc1_transfer rules', () => {
    const cases: { name: string; req: Partial<TransferRequest>; err: unknown }[] = [
        { name: 'wrong fee', req: { fee: 1n }, err: { BadFee: { expected_fee: FEE } } },
        { name: 'zero fee on a transfer', req: { fee: 0n }, err: { BadFee: { expected_fee: FEE } } },
        {
            name: 'amount + fee above balance',
            req: { amount: 1_000_000n - FEE + 1n },
            err: { InsufficientFunds: { balance: 1_000_000n } }
        },
        {
            name: 'empty account',
            req: { from: bob, to: alice },
            err: { InsufficientFunds: { balance: 0n } }
        },
        {
            name: 'memo over 32 bytes',
            req: { memo: memo(33) },
            err: { GenericError: { error_code: 2n, message: 'memo is 33 bytes; the maximum is 32' } }
        },
        {
            name: 'created before the window',
            req: { createdAtTime: NOW - TX_WINDOW_NS - PERMITTED_DRIFT_NS - 1n },
            err: { TooOld: null }
        },
        {
            name: 'created beyond the permitted drift',
            req: { createdAtTime: NOW + PERMITTED_DRIFT_NS + 1n },
            err: { CreatedInFuture: { ledger_time: NOW } }
        },
        { name: 'mint with a fee', req: { from: minter, fee: FEE }, err: { BadFee: { expected_fee: 0n } } },
        { name: 'burn with a fee', req: { to: minter, amount: FEE, fee: FEE }, err: { BadFee: { expected_fee: 0n } } },
        { name: 'burn under the minimum', req: { to: minter, amount: FEE - 1n }, err: { BadBurn: { min_burn_amount: FEE } } },
        {
            name: 'burn above balance',
            req: { to: minter, amount: 2_000_000n },
            err: { InsufficientFunds: { balance: 1_000_000n } }
        }
    ];
    it.each(cases)('rejects: $name', ({ req, err }) => {
        const ledger = fundedLedger();
        expect(transfer(ledger, req)).toEqual({ Err: err });
        expect(ledger.blocks).toHaveLength(1);
        expect(ledger.balanceOf(alice)).toBe(1_000_000n);
    });

    const accepted: { name: string; req: Partial<TransferRequest> }[] = [
        { name: 'no fee given', req: {} },
        { name: 'the exact fee', req: { fee: FEE } },
        { name: 'the whole balance', req: { amount: 1_000_000n - FEE } },
        { name: 'a 32-byte memo', req: { memo: memo(32) } },
        { name: 'created at the window start', req: { createdAtTime: NOW - TX_WINDOW_NS - PERMITTED_DRIFT_NS } },
        { name: 'created at the drift limit', req: { createdAtTime: NOW + PERMITTED_DRIFT_NS } },
        { name: 'zero amount', req: { amount: 0n } }
    ];
    it.each(accepted)('accepts: $name', ({ req }) => {
        expect(transfer(fundedLedger(), req)).toEqual({ Ok: 1n });
    });

    it('moves amount, burns the fee and logs a block', () => {
        const ledger = fundedLedger();
        const m = memo(4);
        expect(transfer(ledger, { amount: 300n, memo: m, createdAtTime: NOW })).toEqual({ Ok: 1n });
        expect(ledger.balanceOf(alice)).toBe(1_000_000n - 300n - FEE);
        expect(ledger.balanceOf(bob)).toBe(300n);
        expect(ledger.totalSupply()).toBe(1_000_000n - FEE);
        expect(ledger.blocks[1]).toEqual({
            index: 1n,
            timestamp: NOW,
            createdAtTime: NOW,
            memo: m,
            operation: { kind: 'transfer', from: alice, to: bob, spender: null, amount: 300n, fee: FEE },
            requestedFee: null,
            hash: expect.any(Uint8Array)
        });
    });

    it('keeps subaccounts apart and pays the fee on a transfer to oneself', () => {
        const ledger = fundedLedger();
        expect(transfer(ledger, { to: account('alice', 1), amount: 500n })).toEqual({ Ok: 1n });
        expect(ledger.balanceOf(account('alice', 1))).toBe(500n);
        expect(transfer(ledger, { to: alice, amount: 500n })).toEqual({ Ok: 2n });
        expect(ledger.balanceOf(alice)).toBe(1_000_000n - 500n - 2n * FEE);
    });
});

describe('minting account', () => {
    it('mints without a fee and without a balance', () => {
        const ledger = fundedLedger();
        expect(transfer(ledger, { from: minter, to: bob, amount: 5n, fee: 0n })).toEqual({ Ok: 1n });
        expect(ledger.balanceOf(bob)).toBe(5n);
        expect(ledger.totalSupply()).toBe(1_000_005n);
        expect(ledger.blocks[1]?.operation).toEqual({ kind: 'mint', to: bob, amount: 5n });
    });

    it('burns what is sent to it, without a fee', () => {
        const ledger = fundedLedger();
        expect(transfer(ledger, { to: minter, amount: FEE })).toEqual({ Ok: 1n });
        expect(ledger.balanceOf(alice)).toBe(1_000_000n - FEE);
        expect(ledger.balanceOf(minter)).toBe(0n);
        expect(ledger.totalSupply()).toBe(1_000_000n - FEE);
        expect(ledger.blocks[1]?.operation).toEqual({ kind: 'burn', from: alice, spender: null, amount: FEE });
    });

    it('is matched by account, not by owner', () => {
        const ledger = fundedLedger({ mintingAccount: account('minter', 9) });
        expect(transfer(ledger, { from: minter, amount: 1n })).toEqual({
            Err: { InsufficientFunds: { balance: 0n } }
        });
    });
});

describe('deduplication', () => {
    it('answers Duplicate for an identical transaction with created_at_time', () => {
        const ledger = fundedLedger();
        const req = { createdAtTime: NOW, memo: memo(3) };
        expect(transfer(ledger, req)).toEqual({ Ok: 1n });
        expect(transfer(ledger, req, NOW + 1n)).toEqual({ Err: { Duplicate: { duplicate_of: 1n } } });
        expect(ledger.balanceOf(bob)).toBe(100n);
    });

    const variations: { name: string; req: Partial<TransferRequest> }[] = [
        { name: 'another memo', req: { memo: memo(2) } },
        { name: 'another amount', req: { amount: 101n } },
        { name: 'another time', req: { createdAtTime: NOW + 1n } },
        { name: 'an explicit fee', req: { fee: FEE } },
        { name: 'another recipient', req: { to: account('bob', 1) } },
        { name: 'another source subaccount', req: { from: account('alice', 1) } }
    ];
    it.each(variations)('treats $name as a new transaction', ({ req }) => {
        const ledger = fundedLedger();
        ledger.mint(account('alice', 1), 100_000n);
        expect(transfer(ledger, { createdAtTime: NOW, memo: memo(3) })).toEqual({ Ok: 2n });
        expect(transfer(ledger, { createdAtTime: NOW, memo: memo(3), ...req })).toEqual({ Ok: 3n });
    });

    it('does not deduplicate without created_at_time', () => {
        const ledger = fundedLedger();
        expect(transfer(ledger)).toEqual({ Ok: 1n });
        expect(transfer(ledger)).toEqual({ Ok: 2n });
    });

    it('reports TooOld rather than Duplicate once the window has passed', () => {
        const ledger = fundedLedger();
        expect(transfer(ledger, { createdAtTime: NOW })).toEqual({ Ok: 1n });
        const later = NOW + TX_WINDOW_NS + PERMITTED_DRIFT_NS + 1n;
        expect(transfer(ledger, { createdAtTime: NOW }, later)).toEqual({ Err: { TooOld: null } });
    });

    it('does not record failed transactions', () => {
        const ledger = fundedLedger();
        const req = { createdAtTime: NOW, amount: 2_000_000n };
        expect(transfer(ledger, req)).toEqual({ Err: { InsufficientFunds: { balance: 1_000_000n } } });
        ledger.mint(alice, 2_000_000n);
        expect(transfer(ledger, req)).toEqual({ Ok: 2n });
    });
});
