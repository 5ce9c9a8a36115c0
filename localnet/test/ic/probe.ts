// The probe test canister (localnet/test/canister): built once (cached by source hash), its IDL.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';

import { buildAzleCanisterCached } from '../../src/testing/build.js';

const projectDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'canister');

let wasm: Uint8Array | undefined;
export function probeWasm(): Uint8Array {
    wasm ??= new Uint8Array(readFileSync(buildAzleCanisterCached(projectDir, 'probe').wasm));
    return wasm;
}

export const probeIdl: IDL.InterfaceFactory = ({ IDL: I }) => {
    const CallResult = I.Variant({ Ok: I.Text, Err: I.Record({ code: I.Nat32, message: I.Text }) });
    return I.Service({
        acceptCycles: I.Func([], [I.Nat], []),
        balance: I.Func([], [I.Nat], ['query']),
        callInc: I.Func([I.Principal, I.Text], [CallResult], []),
        callThenTrap: I.Func([I.Principal], [I.Null], []),
        callerIsController: I.Func([], [I.Bool], ['query']),
        certificate: I.Func([], [I.Opt(I.Vec(I.Nat8))], ['query']),
        certificateInUpdate: I.Func([], [I.Bool], []),
        get: I.Func([I.Text], [I.Opt(I.Text)], ['query']),
        getCounter: I.Func([], [I.Nat64], ['query']),
        growHeapThenTrap: I.Func([I.Nat32], [I.Nat32], []),
        inc: I.Func([], [I.Nat64], []),
        incInQuery: I.Func([], [I.Nat64], ['query']),
        incThenTrap: I.Func([], [I.Nat64], []),
        instructionsQuery: I.Func([], [I.Nat64], ['query']),
        len: I.Func([], [I.Nat64], ['query']),
        loopForever: I.Func([], [I.Null], []),
        loopForeverQuery: I.Func([], [I.Null], ['query']),
        now: I.Func([], [I.Nat64], ['query']),
        put: I.Func([I.Text, I.Text], [I.Null], []),
        putMany: I.Func([I.Nat32, I.Nat32], [I.Null], []),
        putManyThenTrap: I.Func([I.Nat32, I.Nat32], [I.Null], []),
        putThenTrap: I.Func([I.Text, I.Text], [I.Null], []),
        rawRand: I.Func([], [I.Vec(I.Nat8)], []),
        refusedByInspect: I.Func([], [I.Null], []),
        replicatedQuery: I.Func([], [I.Bool], ['query']),
        replicatedUpdate: I.Func([], [I.Bool], []),
        scheduleInterval: I.Func([I.Nat32], [I.Null], []),
        scheduleTimer: I.Func([I.Nat32], [I.Nat64], []),
        self: I.Func([], [I.Principal], []),
        selfCall: I.Func([], [I.Nat64], []),
        sendCycles: I.Func([I.Principal, I.Nat], [CallResult], []),
        setCertified: I.Func([I.Vec(I.Nat8)], [I.Null], []),
        setStat: I.Func([I.Text, I.Nat64], [I.Null], []),
        stat: I.Func([I.Text], [I.Nat64], ['query']),
        statusOf: I.Func([I.Principal], [CallResult], []),
        whoami: I.Func([], [I.Principal], ['query']),
        whoamiUpdate: I.Func([], [I.Principal], []),
        work: I.Func([I.Nat32], [I.Nat64], [])
    });
};

export type CallResult = { Ok: string } | { Err: { code: number; message: string } };

export interface Probe {
    acceptCycles(): Promise<bigint>;
    balance(): Promise<bigint>;
    callInc(target: Principal, method: string): Promise<CallResult>;
    callThenTrap(target: Principal): Promise<null>;
    callerIsController(): Promise<boolean>;
    certificate(): Promise<[Uint8Array] | []>;
    certificateInUpdate(): Promise<boolean>;
    get(k: string): Promise<[string] | []>;
    getCounter(): Promise<bigint>;
    growHeapThenTrap(mb: number): Promise<number>;
    inc(): Promise<bigint>;
    incInQuery(): Promise<bigint>;
    incThenTrap(): Promise<bigint>;
    instructionsQuery(): Promise<bigint>;
    len(): Promise<bigint>;
    loopForever(): Promise<null>;
    loopForeverQuery(): Promise<null>;
    now(): Promise<bigint>;
    put(k: string, v: string): Promise<null>;
    putMany(n: number, size: number): Promise<null>;
    putManyThenTrap(n: number, size: number): Promise<null>;
    putThenTrap(k: string, v: string): Promise<null>;
    rawRand(): Promise<Uint8Array | number[]>;
    refusedByInspect(): Promise<null>;
    replicatedQuery(): Promise<boolean>;
    replicatedUpdate(): Promise<boolean>;
    scheduleInterval(seconds: number): Promise<null>;
    scheduleTimer(seconds: number): Promise<bigint>;
    self(): Promise<Principal>;
    selfCall(): Promise<bigint>;
    sendCycles(target: Principal, amount: bigint): Promise<CallResult>;
    setCertified(data: Uint8Array): Promise<null>;
    setStat(k: string, v: bigint): Promise<null>;
    stat(k: string): Promise<bigint>;
    statusOf(target: Principal): Promise<CallResult>;
    whoami(): Promise<Principal>;
    whoamiUpdate(): Promise<Principal>;
    work(n: number): Promise<bigint>;
}
