import { beforeAll, describe, expect, it } from 'vitest';
import { CallRejectedError, LedgerFixture } from './harness.js';
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

type Method = 'icrc1_transfer' | 'icrc2_approve' | 'icrc2_transfer_from';
type Kind =
    | { TemporarilyUnavailable: null }
    | { GenericError: { message: string; error_code: bigint } }
    | { Trap: null }
    | { ReplyLost: null };

let ledger: LedgerFixture;

function fault(method: Method, kind: Kind, count: number) {
    return { method: { [method]: null } as { icrc1_transfer: null }, kind, count };
}

async function rejectOf(promise: Promise<unknown>): Promise<CallRejectedError> {
    const outcome = await promise.then(
        (value) => new Error(`expected a reject, got ${JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? `${v}` : v))}`),
        (error: unknown) => error
    );
    if (outcome instanceof CallRejectedError) return outcome;
    throw outcome;
}

async function funded(amount = 1_000_000n) {
    const user = newUser();
    await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(user), amount));
    return user;
}

beforeAll(async () => {
    ledger = await LedgerFixture.create(controller, initArgs({ allow_faults: [true] }));
});

describe('fault injection', () => {
    it('is refused to non-controllers', async () => {
        const error = await rejectOf(ledger.as(newUser()).set_fault(fault('icrc1_transfer', { Trap: null }, 1)));
        expect(error.rejectMessage).toMatch(/only a controller/);
        expect(await ledger.as(controller).get_faults()).toEqual([]);
    });

    it('returns TemporarilyUnavailable the armed number of times', async () => {
        const alice = await funded();
        await ledger.as(controller).set_fault(fault('icrc1_transfer', { TemporarilyUnavailable: null }, 2));
        expect(await ledger.as(controller).get_faults()).toEqual([fault('icrc1_transfer', { TemporarilyUnavailable: null }, 2)]);
        const args = transferArgs(acct(newUser()), 1n);
        expect(await ledger.as(alice).icrc1_transfer(args)).toEqual({ Err: { TemporarilyUnavailable: null } });
        expect(await ledger.as(alice).icrc1_transfer(args)).toEqual({ Err: { TemporarilyUnavailable: null } });
        expect(await ledger.as(alice).icrc1_transfer(args)).toHaveProperty('Ok');
        expect(await ledger.as(controller).get_faults()).toEqual([]);
    });

    it('returns the GenericError it was given', async () => {
        const alice = await funded();
        const kind = { GenericError: { message: 'ledger on fire', error_code: 42n } };
        await ledger.as(controller).set_fault(fault('icrc2_approve', kind, 1));
        expect(await ledger.as(alice).icrc2_approve(approveArgs(acct(newUser()), 5n))).toEqual({ Err: kind });
        expect(await ledger.as(alice).icrc1_balance_of(acct(alice))).toBe(1_000_000n);
    });

    it('Trap rejects the call, applies nothing and still counts down', async () => {
        const alice = await funded();
        const bob = newUser();
        await ledger.as(controller).set_fault(fault('icrc1_transfer', { Trap: null }, 1));
        const before = (await ledger.as(alice).get_blocks({ start: 0n, length: 0n })).log_length;
        const error = await rejectOf(ledger.as(alice).icrc1_transfer(transferArgs(acct(bob), 10n)));
        expect(error.rejectCode).toBe(5);
        expect(error.rejectMessage).toMatch(/injected fault: icrc1_transfer trapped/);
        expect(await ledger.as(alice).icrc1_balance_of(acct(bob))).toBe(0n);
        expect((await ledger.as(alice).get_blocks({ start: 0n, length: 0n })).log_length).toBe(before);
        expect(await ledger.as(controller).get_faults()).toEqual([]);
        expect(await ledger.as(alice).icrc1_transfer(transferArgs(acct(bob), 10n))).toHaveProperty('Ok');
    });

    it('ReplyLost rejects the call but the transfer happened; a retry sees Duplicate', async () => {
        const alice = await funded();
        const bob = newUser();
        await ledger.as(controller).set_fault(fault('icrc1_transfer', { ReplyLost: null }, 1));
        const args = transferArgs(acct(bob), 10n, { created_at_time: [ledger.nowNs()] });
        const { log_length: block } = await ledger.as(alice).get_blocks({ start: 0n, length: 0n });
        const error = await rejectOf(ledger.as(alice).icrc1_transfer(args));
        expect(error.rejectCode).toBe(5);
        expect(error.rejectMessage).toMatch(`reply is lost (block ${block})`);
        expect(await ledger.as(alice).icrc1_balance_of(acct(bob))).toBe(10n);
        expect(await ledger.as(alice).icrc1_transfer(args)).toEqual({ Err: { Duplicate: { duplicate_of: block } } });
        expect(await ledger.as(alice).icrc1_balance_of(acct(alice))).toBe(1_000_000n - 10n - FEE);
    });

    it('ReplyLost on transfer_from uses the allowance', async () => {
        const [alice, bob] = [await funded(), newUser()];
        await ledger.as(alice).icrc2_approve(approveArgs(acct(bob), 50_000n));
        await ledger.as(controller).set_fault(fault('icrc2_transfer_from', { ReplyLost: null }, 1));
        const args = transferFromArgs(acct(alice), acct(bob), 100n, { created_at_time: [ledger.nowNs()] });
        await rejectOf(ledger.as(bob).icrc2_transfer_from(args));
        expect(await ledger.as(bob).icrc1_balance_of(acct(bob))).toBe(100n);
        expect((await ledger.as(bob).icrc2_allowance({ account: acct(alice), spender: acct(bob) })).allowance).toBe(
            50_000n - 100n - FEE
        );
        expect(await ledger.as(bob).icrc2_transfer_from(args)).toHaveProperty('Err.Duplicate');
    });

    it('is disarmed by count 0 and by clear_faults', async () => {
        const admin = ledger.as(controller);
        await admin.set_fault(fault('icrc1_transfer', { Trap: null }, 3));
        await admin.set_fault(fault('icrc2_approve', { Trap: null }, 3));
        await admin.set_fault(fault('icrc1_transfer', { Trap: null }, 0));
        expect(await admin.get_faults()).toEqual([fault('icrc2_approve', { Trap: null }, 3)]);
        await admin.clear_faults();
        expect(await admin.get_faults()).toEqual([]);
    });
});

describe('fault injection when not allowed (the default)', () => {
    it('refuses set_fault even to a controller', async () => {
        const production = await LedgerFixture.create(controller, initArgs());
        const error = await rejectOf(production.as(controller).set_fault(fault('icrc1_transfer', { Trap: null }, 1)));
        expect(error.rejectMessage).toMatch(/fault injection is disabled/);
        await rejectOf(production.as(controller).clear_faults());
    });
});
