import { resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { IDL } from '@dfinity/candid';
import { TransferArgs, TransferResult } from 'azle/canisters/icrc_1/idl';
import { describe, expect, it } from 'vitest';
import { LocalPocketIc, buildAzleCanisterCached } from '@trustcloud/localnet';
import { deployLedger } from '../../testing/index.js';
import { FEE, acct, controller, initArgs, newUser, transferArgs } from './fixtures.js';
import type { CandidTransferArgs, CandidTransferResult } from '../../src/candid.js';
import type { Principal } from '@dfinity/principal';

const payerIdl: IDL.InterfaceFactory = () =>
    IDL.Service({
        pay: IDL.Func(
            [IDL.Principal, TransferArgs],
            [IDL.Variant({ Replied: TransferResult, Rejected: IDL.Record({ code: IDL.Nat32, message: IDL.Text }) })],
            []
        )
    });
type Payer = {
    pay(ledger: Principal, args: CandidTransferArgs): Promise<
        { Replied: CandidTransferResult } | { Rejected: { code: number; message: string } }
    >;
};

describe('faults as another canister sees them', () => {
    it('ReplyLost: the caller gets a reject, the payment is in the ledger, a retry is Duplicate', async () => {
        const pic = await LocalPocketIc.create();
        const build = buildAzleCanisterCached(resolve(import.meta.dirname, 'payer'), 'payer');
        const { canisterId: payerId, actor: payer } = await pic.setupCanister<Payer>({
            idlFactory: payerIdl,
            wasm: gzipSync(readFileSync(build.wasm))
        });
        const ledger = await deployLedger(pic, {
            controller,
            init: initArgs({ allow_faults: [true], initial_balances: [[acct(payerId), 1_000_000n]] })
        });
        const seller = newUser();
        await ledger.as(controller).set_fault({ method: { icrc1_transfer: null }, kind: { ReplyLost: null }, count: 1 });
        const args = transferArgs(acct(seller), 100n, { created_at_time: [pic.ic.clock.nowNs()] });

        const first = await payer.pay(ledger.canisterId, args);
        expect(first).toMatchObject({ Rejected: { code: 5 } });
        expect(await ledger.as(seller).icrc1_balance_of(acct(seller))).toBe(100n);
        expect(await payer.pay(ledger.canisterId, args)).toEqual({ Replied: { Err: { Duplicate: { duplicate_of: 1n } } } });
        expect(await ledger.as(seller).icrc1_balance_of(acct(payerId))).toBe(1_000_000n - 100n - FEE);
    });
});
