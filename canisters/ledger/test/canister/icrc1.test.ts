import { beforeAll, describe, expect, it } from 'vitest';
import { CallRejectedError, LedgerFixture } from './harness.js';
import { FEE, acct, controller, initArgs, minter, newUser, transferArgs } from './fixtures.js';

const MINUTE_NS = 60_000_000_000n;
const DAY_NS = 24n * 60n * MINUTE_NS;

let ledger: LedgerFixture;
/** A user holding `amount` (minted by the minting account). */
async function funded(amount = 1_000_000n) {
    const user = newUser();
    await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(user), amount));
    return user;
}

beforeAll(async () => {
    ledger = await LedgerFixture.create(controller, initArgs({ initial_balances: [[acct(controller), 5_000n]] }));
});

describe('ICRC-1 queries', () => {
    it('answers token facts as initialised', async () => {
        const anyone = ledger.as(newUser());
        expect(await anyone.icrc1_name()).toBe('Local Token');
        expect(await anyone.icrc1_symbol()).toBe('LTK');
        expect(await anyone.icrc1_decimals()).toBe(8);
        expect(await anyone.icrc1_fee()).toBe(FEE);
        expect(await anyone.icrc1_minting_account()).toEqual([minter]);
        expect(await anyone.icrc1_metadata()).toEqual([
            ['icrc1:name', { Text: 'Local Token' }],
            ['icrc1:symbol', { Text: 'LTK' }],
            ['icrc1:decimals', { Nat: 8n }],
            ['icrc1:fee', { Nat: FEE }],
            ['icrc1:max_memo_length', { Nat: 32n }]
        ]);
        expect((await anyone.icrc1_supported_standards()).map((s) => s.name)).toEqual(['ICRC-1', 'ICRC-2', 'ICRC-3']);
        expect(await anyone.icrc1_balance_of(acct(controller))).toBe(5_000n);
    });

    it('writes initial balances as mint blocks', async () => {
        const { blocks } = await ledger.as(newUser()).get_blocks({ start: 0n, length: 1n });
        expect(blocks[0]?.operation).toEqual({ Mint: { to: acct(controller), amount: 5_000n } });
    });

    it('traps a balance query with a malformed subaccount', async () => {
        const bad = { owner: controller, subaccount: [new Uint8Array(3)] as [Uint8Array] };
        await expect(ledger.as(controller).icrc1_balance_of(bad)).rejects.toBeInstanceOf(CallRejectedError);
    });
});

describe('icrc1_transfer', () => {
    it('moves funds, burns the fee and logs the block', async () => {
        const [alice, bob] = [await funded(), newUser()];
        const supply = await ledger.as(bob).icrc1_total_supply();
        const memo = new Uint8Array([1, 2, 3]);
        const result = await ledger.as(alice).icrc1_transfer(transferArgs(acct(bob, 1), 400n, { memo: [memo] }));
        if (!('Ok' in result)) throw new Error(JSON.stringify(result));
        expect(await ledger.as(bob).icrc1_balance_of(acct(alice))).toBe(1_000_000n - 400n - FEE);
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob, 1))).toBe(400n);
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob))).toBe(0n);
        expect(await ledger.as(bob).icrc1_total_supply()).toBe(supply - FEE);
        const { blocks, log_length } = await ledger.as(bob).get_blocks({ start: result.Ok, length: 5n });
        expect(log_length).toBe(result.Ok + 1n);
        expect(blocks).toEqual([
            {
                index: result.Ok,
                timestamp: ledger.nowNs(),
                created_at_time: [],
                memo: [memo],
                operation: {
                    Transfer: { from: acct(alice), to: acct(bob, 1), spender: [], amount: 400n, fee: FEE }
                }
            }
        ]);
    });

    const errors: { name: string; args: (to: ReturnType<typeof acct>, now: bigint) => Parameters<typeof transferArgs>; err: (now: bigint) => unknown }[] = [
        { name: 'BadFee', args: (to) => [to, 1n, { fee: [1n] }], err: () => ({ BadFee: { expected_fee: FEE } }) },
        {
            name: 'InsufficientFunds',
            args: (to) => [to, 1_000_000n],
            err: () => ({ InsufficientFunds: { balance: 1_000_000n } })
        },
        {
            name: 'TooOld',
            args: (to, now) => [to, 1n, { created_at_time: [now - DAY_NS - 2n * MINUTE_NS - 1n] }],
            err: () => ({ TooOld: null })
        },
        {
            name: 'CreatedInFuture',
            args: (to, now) => [to, 1n, { created_at_time: [now + 2n * MINUTE_NS + 1n] }],
            err: (now) => ({ CreatedInFuture: { ledger_time: now } })
        },
        {
            name: 'GenericError (memo over 32 bytes)',
            args: (to) => [to, 1n, { memo: [new Uint8Array(33)] }],
            err: () => ({ GenericError: { error_code: 2n, message: 'memo is 33 bytes; the maximum is 32' } })
        },
        {
            name: 'GenericError (subaccount not 32 bytes)',
            args: (to) => [to, 1n, { from_subaccount: [new Uint8Array(31)] }],
            err: () => ({ GenericError: { error_code: 1n, message: 'subaccount must be 32 bytes, got 31' } })
        },
        { name: 'BadBurn', args: () => [minter, FEE - 1n], err: () => ({ BadBurn: { min_burn_amount: FEE } }) }
    ];
    it.each(errors)('returns $name and changes nothing', async ({ args, err }) => {
        const alice = await funded();
        const now = ledger.nowNs();
        const before = await ledger.as(alice).get_blocks({ start: 0n, length: 0n });
        expect(await ledger.as(alice).icrc1_transfer(transferArgs(...args(acct(newUser()), now)))).toEqual({ Err: err(now) });
        expect(await ledger.as(alice).icrc1_balance_of(acct(alice))).toBe(1_000_000n);
        expect((await ledger.as(alice).get_blocks({ start: 0n, length: 0n })).log_length).toBe(before.log_length);
    });

    it('deduplicates by created_at_time', async () => {
        const [alice, bob] = [await funded(), newUser()];
        const args = transferArgs(acct(bob), 10n, { created_at_time: [ledger.nowNs()], memo: [new Uint8Array([9])] });
        const first = await ledger.as(alice).icrc1_transfer(args);
        if (!('Ok' in first)) throw new Error(JSON.stringify(first));
        await ledger.advanceTimeMs(60_000);
        expect(await ledger.as(alice).icrc1_transfer(args)).toEqual({ Err: { Duplicate: { duplicate_of: first.Ok } } });
        expect(await ledger.as(alice).icrc1_transfer({ ...args, memo: [] })).toHaveProperty('Ok');
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob))).toBe(20n);
        await ledger.advanceTimeMs(24 * 3_600_000 + 61_000);
        expect(await ledger.as(alice).icrc1_transfer(args)).toEqual({ Err: { TooOld: null } });
    });

    it('lets only the minting account mint, without a fee', async () => {
        const bob = newUser();
        expect(await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(bob), 7n, { fee: [FEE] }))).toEqual({
            Err: { BadFee: { expected_fee: 0n } }
        });
        const minted = await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(bob), 7n, { fee: [0n] }));
        expect(minted).toHaveProperty('Ok');
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob))).toBe(7n);
        expect(await ledger.as(bob).icrc1_transfer(transferArgs(acct(newUser()), 7n))).toEqual({
            Err: { InsufficientFunds: { balance: 7n } }
        });
    });

    it('burns what is sent to the minting account', async () => {
        const alice = await funded();
        const supply = await ledger.as(alice).icrc1_total_supply();
        const burned = await ledger.as(alice).icrc1_transfer(transferArgs(minter, 50_000n));
        if (!('Ok' in burned)) throw new Error(JSON.stringify(burned));
        expect(await ledger.as(alice).icrc1_balance_of(acct(alice))).toBe(950_000n);
        expect(await ledger.as(alice).icrc1_total_supply()).toBe(supply - 50_000n);
        const { blocks } = await ledger.as(alice).get_blocks({ start: burned.Ok, length: 1n });
        expect(blocks[0]?.operation).toEqual({ Burn: { from: acct(alice), spender: [], amount: 50_000n } });
    });
});
