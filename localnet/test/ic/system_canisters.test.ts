// What `icp deploy` asks of a network, at the executor level: the CMC's subnets, the cycles ledger
// (faucet, balances, create_canister with its fees and refusals, withdraw), fetch_canister_logs
// and canister_status under their visibility settings.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';

import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { canister_status_result, fetch_canister_logs_result } from '../../src/ic/management_idl.js';
import { CANISTER_CREATION_FEE, CYCLES_LEDGER_FEE, CYCLES_LEDGER_ID } from '../../src/ic/system/cycles_ledger.js';
import { Account, CreateCanisterArgs, CreateCanisterResult, WithdrawArgs, WithdrawResult } from '../../src/ic/system/cycles_ledger_idl.js';
import { CMC_ID } from '../../src/ic/system/cmc.js';
import type { CallOutcome } from '../../src/types.js';
import { probeWasm } from './probe.js';

const alice = Principal.fromText('xkbqi-2qaaa-aaaah-qbpqq-cai');
const bob = Principal.fromUint8Array(new Uint8Array([1, 2, 3, 4]));
const MGMT = Principal.managementCanister();
const T = 1_000_000_000_000n;
const NO_SETTINGS = Object.fromEntries(['controllers', 'compute_allocation', 'memory_allocation', 'freezing_threshold', 'reserved_cycles_limit', 'log_visibility', 'snapshot_visibility', 'status_visibility', 'minimum_incoming_canister_call_cycles', 'log_memory_limit', 'wasm_memory_limit', 'wasm_memory_threshold', 'environment_variables'].map((k) => [k, []]));

let ic: LocalIcImpl;
beforeEach(() => {
    ic = new LocalIcImpl({ systemCanisters: true });
});

const reply = (o: CallOutcome): Uint8Array => {
    if (o.status !== 'replied') throw new Error(`${o.errorCode}: ${o.rejectMessage}`);
    return o.reply;
};
const update = (canisterId: Principal, methodName: string, types: IDL.Type[], args: unknown[], sender = alice): CallOutcome =>
    ic.update({ canisterId, methodName, arg: new Uint8Array(IDL.encode(types, args)), sender });
const query = (canisterId: Principal, methodName: string, types: IDL.Type[], args: unknown[], sender = alice): CallOutcome =>
    ic.query({ canisterId, methodName, arg: new Uint8Array(IDL.encode(types, args)), sender });
const balance = (owner: Principal): bigint => IDL.decode([IDL.Nat], reply(query(CYCLES_LEDGER_ID, 'icrc1_balance_of', [Account], [{ owner, subaccount: [] }])))[0] as bigint;
const create = (amount: bigint, controllers?: Principal[]): Record<string, unknown> =>
    IDL.decode([CreateCanisterResult], reply(update(CYCLES_LEDGER_ID, 'create_canister', [CreateCanisterArgs], [{ from_subaccount: [], created_at_time: [], amount, creation_args: controllers ? [{ subnet_selection: [], settings: [{ ...NO_SETTINGS, controllers: [controllers] }] }] : [] }])))[0] as Record<string, unknown>;

describe('the cycles minting canister and the cycles ledger', () => {
    it('the CMC names the one subnet; an IC without system canisters has none (IC0301)', () => {
        const [subnets] = IDL.decode([IDL.Vec(IDL.Principal)], reply(query(CMC_ID, "get_default_subnets", [], []))) as unknown as [Principal[]];
        expect(subnets.map((s) => s.toText())).toEqual([deriveDevKeys().subnetId.toText()]);
        const bare = new LocalIcImpl();
        expect(bare.query({ canisterId: CMC_ID, methodName: 'get_default_subnets', arg: new Uint8Array(IDL.encode([], [])), sender: alice })).toMatchObject({ status: 'rejected', errorCode: 'IC0301' });
    });

    it('create_canister: refused without funds (nothing moves); with funds, the ledger fee and the creation fee are paid', () => {
        expect(create(2n * T)).toEqual({ Err: { InsufficientFunds: { balance: 0n } } });
        expect(ic.canisterIds()).toHaveLength(0);
        ic.mintCycles(alice, 10n * T);
        const ok = create(2n * T) as { Ok: { canister_id: Principal; block_id: bigint } };
        expect(balance(alice)).toBe(10n * T - 2n * T - CYCLES_LEDGER_FEE);
        const info = ic.canisterInfo(ok.Ok.canister_id)!;
        expect(info.cycles).toBe(2n * T - CANISTER_CREATION_FEE);
        expect(info.controllers.map((p) => p.toText())).toEqual([alice.toText()]);
        const withBob = create(T, [bob]) as { Ok: { canister_id: Principal } };
        expect(ic.canisterInfo(withBob.Ok.canister_id)!.controllers.map((p) => p.toText())).toEqual([bob.toText()]);
    });

    it('below the creation fee: the ledger fee is charged, no canister is created', () => {
        ic.mintCycles(alice, T);
        const r = create(CANISTER_CREATION_FEE - 1n) as { Err: { FailedToCreate: { fee_block: [bigint] } } };
        expect(r.Err.FailedToCreate.fee_block).toHaveLength(1);
        expect(balance(alice)).toBe(T - CYCLES_LEDGER_FEE);
        expect(ic.canisterIds()).toHaveLength(0);
    });

    it('withdraw tops up a canister, refuses an unknown one', () => {
        ic.mintCycles(alice, 5n * T);
        const { Ok } = create(T) as { Ok: { canister_id: Principal } };
        const before = ic.canisterInfo(Ok.canister_id)!.cycles;
        const w = (to: Principal): unknown => IDL.decode([WithdrawResult], reply(update(CYCLES_LEDGER_ID, 'withdraw', [WithdrawArgs], [{ amount: T, from_subaccount: [], to, created_at_time: [] }])))[0];
        expect(w(Ok.canister_id)).toHaveProperty('Ok');
        expect(ic.canisterInfo(Ok.canister_id)!.cycles).toBe(before + T);
        expect(w(bob)).toEqual({ Err: { InvalidReceiver: { receiver: bob } } });
    });
});

describe('fetch_canister_logs and canister_status', () => {
    it('logs reach controllers, and others only when log_visibility admits them; status likewise', () => {
        const id = ic.createCanisterNow([alice], 10n * T).id;
        ic.installCode(ic.canister(id)!, alice, 'install', probeWasm(), new Uint8Array(IDL.encode([], [])));
        update(id, 'incThenTrap', [], []);
        const logs = (sender: Principal): CallOutcome => query(MGMT, 'fetch_canister_logs', [IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: id }], sender);
        const [{ canister_log_records }] = IDL.decode([fetch_canister_logs_result], reply(logs(alice))) as unknown as [{ canister_log_records: { idx: bigint; content: Uint8Array }[] }];
        expect(canister_log_records.map((r) => r.idx)).toEqual([0n]);
        expect(new TextDecoder().decode(canister_log_records[0]!.content)).toMatch(/^\[TRAP\]: .*incThenTrap/);
        expect(logs(bob)).toMatchObject({ status: 'rejected', errorCode: 'IC0406' });

        const status = (sender: Principal): CallOutcome => update(MGMT, 'canister_status', [IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: id }], sender);
        expect(status(bob)).toMatchObject({ status: 'rejected', errorCode: 'IC0512' });
        const [s] = IDL.decode([canister_status_result], reply(status(alice))) as unknown as [Record<string, unknown> & { settings: Record<string, unknown>; memory_metrics: Record<string, bigint> }];
        expect(s).toMatchObject({ ready_for_migration: false, version: expect.any(BigInt) });
        expect(s.settings).toMatchObject({ status_visibility: { controllers: null }, minimum_incoming_canister_call_cycles: 0n });
        expect(s.memory_metrics.log_memory_store_size).toBeGreaterThan(0n);

        const settings = IDL.Record({ log_visibility: IDL.Opt(IDL.Variant({ public: IDL.Null })), status_visibility: IDL.Opt(IDL.Variant({ allowed_viewers: IDL.Vec(IDL.Principal) })) });
        reply(update(MGMT, 'update_settings', [IDL.Record({ canister_id: IDL.Principal, settings })], [{ canister_id: id, settings: { log_visibility: [{ public: null }], status_visibility: [{ allowed_viewers: [bob] }] } }]));
        expect(logs(bob).status).toBe('replied');
        expect(status(bob).status).toBe('replied');
    });
});
