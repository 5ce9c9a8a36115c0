import { beforeAll, describe, expect, it } from 'vitest';
import { LedgerFixture } from './harness.js';
import {
    FEE,
    acct,
    approveArgs,
    controller,
    initArgs,
    minter,
    newUser,
    transferArgs,
    transferFromArgs
} from './fixtures.js';

let ledger: LedgerFixture;

/** alice holds 1_000_000 and has approved bob for `allowance` (paying one fee). */
async function approved(allowance = 50_000n, more: Parameters<typeof approveArgs>[2] = {}) {
    const [alice, bob] = [newUser(), newUser()];
    await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(alice), 1_000_000n));
    const result = await ledger.as(alice).icrc2_approve(approveArgs(acct(bob), allowance, more));
    if (!('Ok' in result)) throw new Error(JSON.stringify(result));
    return { alice, bob, block: result.Ok };
}

beforeAll(async () => {
    ledger = await LedgerFixture.create(controller, initArgs());
});

describe('icrc2_approve', () => {
    it('sets the allowance with its expiry and charges the fee', async () => {
        const expiresAt = ledger.nowNs() + 3_600_000_000_000n;
        const { alice, bob, block } = await approved(70n, { expires_at: [expiresAt], expected_allowance: [0n] });
        const anyone = ledger.as(newUser());
        expect(await anyone.icrc2_allowance({ account: acct(alice), spender: acct(bob) })).toEqual({
            allowance: 70n,
            expires_at: [expiresAt]
        });
        expect(await anyone.icrc1_balance_of(acct(alice))).toBe(1_000_000n - FEE);
        const { blocks } = await anyone.get_blocks({ start: block, length: 1n });
        expect(blocks[0]?.operation).toEqual({
            Approve: {
                from: acct(alice), spender: acct(bob), amount: 70n,
                expected_allowance: [0n], expires_at: [expiresAt], fee: FEE
            }
        });
    });

    it('reads an expired allowance as zero', async () => {
        const { alice, bob } = await approved(70n, { expires_at: [ledger.nowNs() + 1_000_000n] });
        await ledger.advanceTimeMs(1);
        expect(await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).toEqual({
            allowance: 0n,
            expires_at: []
        });
    });

    const errors: { name: string; args: (spender: ReturnType<typeof acct>, now: bigint) => Parameters<typeof approveArgs>; err: (now: bigint) => unknown }[] = [
        { name: 'BadFee', args: (s) => [s, 1n, { fee: [0n] }], err: () => ({ BadFee: { expected_fee: FEE } }) },
        { name: 'Expired', args: (s, now) => [s, 1n, { expires_at: [now] }], err: (now) => ({ Expired: { ledger_time: now } }) },
        {
            name: 'AllowanceChanged',
            args: (s) => [s, 1n, { expected_allowance: [5n] }],
            err: () => ({ AllowanceChanged: { current_allowance: 50_000n } })
        },
        {
            name: 'TooOld',
            args: (s, now) => [s, 1n, { created_at_time: [now - 86_400_000_000_000n - 120_000_000_001n] }],
            err: () => ({ TooOld: null })
        },
        {
            name: 'CreatedInFuture',
            args: (s, now) => [s, 1n, { created_at_time: [now + 120_000_000_001n] }],
            err: (now) => ({ CreatedInFuture: { ledger_time: now } })
        },
        {
            name: 'GenericError (memo over 32 bytes)',
            args: (s) => [s, 1n, { memo: [new Uint8Array(64)] }],
            err: () => ({ GenericError: { error_code: 2n, message: 'memo is 64 bytes; the maximum is 32' } })
        }
    ];
    it.each(errors)('returns $name and keeps the allowance', async ({ args, err }) => {
        const { alice, bob } = await approved();
        const now = ledger.nowNs();
        expect(await ledger.as(alice).icrc2_approve(approveArgs(...args(acct(bob), now)))).toEqual({ Err: err(now) });
        expect((await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(50_000n);
        expect(await ledger.as(bob).icrc1_balance_of(acct(alice))).toBe(1_000_000n - FEE);
    });

    it('returns InsufficientFunds when the approver cannot pay the fee', async () => {
        expect(await ledger.as(newUser()).icrc2_approve(approveArgs(acct(newUser()), 1n))).toEqual({
            Err: { InsufficientFunds: { balance: 0n } }
        });
    });

    it('deduplicates an identical approval', async () => {
        const { alice, bob } = await approved();
        const args = approveArgs(acct(bob), 9n, { created_at_time: [ledger.nowNs()] });
        const first = await ledger.as(alice).icrc2_approve(args);
        if (!('Ok' in first)) throw new Error(JSON.stringify(first));
        expect(await ledger.as(alice).icrc2_approve(args)).toEqual({ Err: { Duplicate: { duplicate_of: first.Ok } } });
    });
});

describe('icrc2_transfer_from', () => {
    it('moves funds for the owner and uses amount + fee of the allowance', async () => {
        const { alice, bob } = await approved();
        const carol = newUser();
        const result = await ledger.as(bob).icrc2_transfer_from(transferFromArgs(acct(alice), acct(carol), 1_000n));
        if (!('Ok' in result)) throw new Error(JSON.stringify(result));
        expect(await ledger.as(bob).icrc1_balance_of(acct(carol))).toBe(1_000n);
        expect(await ledger.as(bob).icrc1_balance_of(acct(alice))).toBe(1_000_000n - FEE - 1_000n - FEE);
        expect((await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(
            50_000n - 1_000n - FEE
        );
        const { blocks } = await ledger.as(bob).get_blocks({ start: result.Ok, length: 1n });
        expect(blocks[0]?.operation).toEqual({
            Transfer: { from: acct(alice), to: acct(carol), spender: [acct(bob)], amount: 1_000n, fee: FEE }
        });
    });

    const errors: { name: string; args: (a: ReturnType<typeof acct>, now: bigint) => Parameters<typeof transferFromArgs>; err: (now: bigint) => unknown }[] = [
        { name: 'BadFee', args: (a) => [a, acct(newUser()), 1n, { fee: [1n] }], err: () => ({ BadFee: { expected_fee: FEE } }) },
        {
            name: 'InsufficientAllowance',
            args: (a) => [a, acct(newUser()), 50_000n - FEE + 1n],
            err: () => ({ InsufficientAllowance: { allowance: 50_000n } })
        },
        {
            name: 'InsufficientAllowance (another spender subaccount)',
            args: (a) => [a, acct(newUser()), 1n, { spender_subaccount: [acct(a.owner, 1).subaccount[0] as Uint8Array] }],
            err: () => ({ InsufficientAllowance: { allowance: 0n } })
        },
        { name: 'BadBurn', args: (a) => [a, minter, 1n], err: () => ({ BadBurn: { min_burn_amount: FEE } }) },
        {
            name: 'TooOld',
            args: (a, now) => [a, acct(newUser()), 1n, { created_at_time: [now - 86_400_000_000_000n - 120_000_000_001n] }],
            err: () => ({ TooOld: null })
        },
        {
            name: 'CreatedInFuture',
            args: (a, now) => [a, acct(newUser()), 1n, { created_at_time: [now + 120_000_000_001n] }],
            err: (now) => ({ CreatedInFuture: { ledger_time: now } })
        },
        {
            name: 'GenericError (mint on the minter\'s behalf)',
            args: () => [minter, acct(newUser()), 1n],
            err: () => ({ GenericError: { error_code: 5n, message: 'the minting account cannot delegate mints' } })
        }
    ];
    it.each(errors)('returns $name and moves nothing', async ({ args, err }) => {
        const { alice, bob } = await approved();
        const now = ledger.nowNs();
        expect(await ledger.as(bob).icrc2_transfer_from(transferFromArgs(...args(acct(alice), now)))).toEqual({ Err: err(now) });
        expect(await ledger.as(bob).icrc1_balance_of(acct(alice))).toBe(1_000_000n - FEE);
        expect((await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(50_000n);
    });

    it('returns InsufficientFunds when the allowance exceeds the balance', async () => {
        const { alice, bob } = await approved(10_000_000n);
        expect(await ledger.as(bob).icrc2_transfer_from(transferFromArgs(acct(alice), acct(bob), 2_000_000n))).toEqual({
            Err: { InsufficientFunds: { balance: 1_000_000n - FEE } }
        });
    });

    it('deduplicates a retried transfer_from', async () => {
        const { alice, bob } = await approved();
        const args = transferFromArgs(acct(alice), acct(bob), 5n, { created_at_time: [ledger.nowNs()] });
        const first = await ledger.as(bob).icrc2_transfer_from(args);
        if (!('Ok' in first)) throw new Error(JSON.stringify(first));
        expect(await ledger.as(bob).icrc2_transfer_from(args)).toEqual({ Err: { Duplicate: { duplicate_of: first.Ok } } });
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob))).toBe(5n);
    });

    it('burns through an allowance without a fee', async () => {
        const { alice, bob } = await approved();
        const result = await ledger.as(bob).icrc2_transfer_from(transferFromArgs(acct(alice), minter, FEE));
        if (!('Ok' in result)) throw new Error(JSON.stringify(result));
        const { blocks } = await ledger.as(bob).get_blocks({ start: result.Ok, length: 1n });
        expect(blocks[0]?.operation).toEqual({ Burn: { from: acct(alice), spender: [acct(bob)], amount: FEE } });
        expect((await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(50_000n - FEE);
    });
});
