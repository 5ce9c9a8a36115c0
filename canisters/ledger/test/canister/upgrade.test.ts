import { describe, expect, it } from 'vitest';
import { LedgerFixture } from './harness.js';
import { FEE, acct, approveArgs, controller, initArgs, newUser, transferArgs } from './fixtures.js';

describe('upgrade', () => {
    it('keeps balances, allowances, the block log, deduplication and faults', async () => {
        const [alice, bob] = [newUser(), newUser()];
        const ledger = await LedgerFixture.create(controller, initArgs({ initial_balances: [[acct(alice), 1_000_000n]], allow_faults: [true] }));
        const dedupArgs = transferArgs(acct(bob), 10n, { created_at_time: [ledger.nowNs()] });
        const sent = await ledger.as(alice).icrc1_transfer(dedupArgs);
        await ledger.as(alice).icrc2_approve(approveArgs(acct(bob), 500n));
        await ledger.as(controller).set_fault({ method: { icrc1_transfer: null }, kind: { TemporarilyUnavailable: null }, count: 1 });
        const before = await ledger.as(bob).get_blocks({ start: 0n, length: 100n });

        await ledger.upgrade(initArgs({ token_name: 'Ignored', transfer_fee: 1n, initial_balances: [[acct(bob), 5n]] }));

        const after = ledger.as(bob);
        expect(await after.icrc1_name()).toBe('Local Token');
        expect(await after.icrc1_fee()).toBe(FEE);
        expect(await after.icrc1_balance_of(acct(alice))).toBe(1_000_000n - 10n - 2n * FEE);
        expect(await after.icrc1_balance_of(acct(bob))).toBe(10n);
        expect(await after.icrc1_total_supply()).toBe(1_000_000n - 2n * FEE);
        expect((await after.icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(500n);
        expect(await after.get_blocks({ start: 0n, length: 100n })).toEqual(before);
        expect(await ledger.as(alice).icrc1_transfer(dedupArgs)).toEqual({ Err: { TemporarilyUnavailable: null } });
        expect(await ledger.as(alice).icrc1_transfer(dedupArgs)).toEqual({ Err: { Duplicate: { duplicate_of: (sent as { Ok: bigint }).Ok } } });
    });
});
