// Deploys the probe canister through the HTTP interface (management canister calls routed by
// the effective canister id) and gives typed actors for it.
import { gzipSync } from 'node:zlib';
import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { managementIdlFactory as mgmtIdl } from '../../src/management_client_idl.js';
import { buildProbe } from './build_probe.js';

export const probeIdl: IDL.InterfaceFactory = ({ IDL: I }) =>
    I.Service({
        greet: I.Func([I.Text], [I.Text], ['query']),
        whoami: I.Func([], [I.Principal], []),
        whoamiQuery: I.Func([], [I.Principal], ['query']),
        inc: I.Func([], [I.Nat], []),
        counter: I.Func([], [I.Nat], ['query']),
        trap: I.Func([], [I.Nat], []),
        armTimer: I.Func([I.Nat32], [I.Null], []),
        timerFired: I.Func([], [I.Nat], ['query']),
        certificate: I.Func([], [I.Opt(I.Vec(I.Nat8))], ['query'])
    });

export type ProbeActor = ActorSubclass<{
    greet(name: string): Promise<string>;
    whoami(): Promise<Principal>;
    whoamiQuery(): Promise<Principal>;
    inc(): Promise<bigint>;
    counter(): Promise<bigint>;
    trap(): Promise<bigint>;
    armTimer(seconds: number): Promise<null>;
    timerFired(): Promise<bigint>;
    certificate(): Promise<[] | [Uint8Array]>;
}>;


type Mgmt = ActorSubclass<{
    provisional_create_canister_with_cycles(a: unknown): Promise<{ canister_id: Principal }>;
    install_code(a: unknown): Promise<void>;
}>;

/** Creates and installs the probe canister with `agent` (whose identity becomes the controller). */
export async function deployProbe(agent: HttpAgent): Promise<Principal> {
    const { wasm } = buildProbe();
    const anyCanister = Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
    const create = Actor.createActor(mgmtIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: anyCanister }) as Mgmt;
    const { canister_id } = await create.provisional_create_canister_with_cycles({ settings: [], specified_id: [], amount: [], sender_canister_version: [] });
    await installProbe(agent, canister_id, { install: null }, wasm);
    return canister_id;
}

/** install_code of the probe module (gzipped: the raw module is over the 2 MiB ingress limit). */
export async function installProbe(agent: HttpAgent, canisterId: Principal, mode: unknown, wasm: Uint8Array = buildProbe().wasm): Promise<void> {
    const install = Actor.createActor(mgmtIdl, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: canisterId }) as Mgmt;
    await install.install_code({
        arg: new Uint8Array(IDL.encode([], [])),
        wasm_module: new Uint8Array(gzipSync(wasm)),
        mode,
        canister_id: canisterId,
        sender_canister_version: []
    });
}

export function probeActor(agent: HttpAgent, canisterId: Principal): ProbeActor {
    return Actor.createActor(probeIdl, { agent, canisterId }) as ProbeActor;
}
