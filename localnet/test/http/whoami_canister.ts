// A hand-assembled canister for the identity tests: whoami() -> (principal) as update and query,
// replying the caller in Candid. Installed through the management canister like any canister.
import { Actor, type HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import type { LocalIc } from '../../src/types.js';
import { I32, assemble, code, op } from '../wasm/assemble.js';

const imports = [
    { module: 'ic0', name: 'msg_caller_size', results: [I32] },
    { module: 'ic0', name: 'msg_caller_copy', params: [I32, I32, I32] },
    { module: 'ic0', name: 'msg_reply_data_append', params: [I32, I32] },
    { module: 'ic0', name: 'msg_reply' }
];
const CALLER_SIZE = 0, CALLER_COPY = 1, APPEND = 2, REPLY = 3;
const store8 = [0x3a, 0x00, 0x00];

// "DIDL" 0x00 (no types) 0x01 (one value) 0x68 (principal) 0x01 (inline) <len> <bytes>
const whoami = code(
    op.call(CALLER_SIZE), op.localSet(0),
    op.i32Const(0), op.i32Const(0x4c444944), op.i32Store(),
    op.i32Const(4), op.i32Const(0x01680100), op.i32Store(),
    op.i32Const(8), op.localGet(0), store8,
    op.i32Const(9), op.i32Const(0), op.localGet(0), op.call(CALLER_COPY),
    op.i32Const(0), op.localGet(0), op.i32Const(9), op.i32Add(), op.call(APPEND),
    op.call(REPLY)
);

export const whoamiWasm = (): Uint8Array =>
    assemble({
        imports,
        memory: 1,
        funcs: [
            { locals: [I32], body: whoami, export: 'canister_update whoami' },
            { locals: [I32], body: whoami, export: 'canister_query whoamiQuery' }
        ]
    });


/** Creates and installs the canister directly on the IC (as its test controller would). */
export function installWhoami(ic: LocalIc, controller: Principal): Principal {
    const mgmt = Principal.managementCanister();
    const settings = IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)) });
    const createArgs = IDL.Record({ settings: IDL.Opt(settings), specified_id: IDL.Opt(IDL.Principal), amount: IDL.Opt(IDL.Nat), sender_canister_version: IDL.Opt(IDL.Nat64) });
    const created = ic.update({ sender: controller, canisterId: mgmt, methodName: 'provisional_create_canister_with_cycles', arg: new Uint8Array(IDL.encode([createArgs], [{ settings: [], specified_id: [], amount: [], sender_canister_version: [] }])) });
    if (created.status !== 'replied') throw new Error(created.rejectMessage);
    const [{ canister_id }] = IDL.decode([IDL.Record({ canister_id: IDL.Principal })], created.reply) as unknown as [{ canister_id: Principal }];
    const installArgs = IDL.Record({ arg: IDL.Vec(IDL.Nat8), wasm_module: IDL.Vec(IDL.Nat8), mode: IDL.Variant({ install: IDL.Null }), canister_id: IDL.Principal, sender_canister_version: IDL.Opt(IDL.Nat64) });
    const installed = ic.update({ sender: controller, canisterId: mgmt, methodName: 'install_code', arg: new Uint8Array(IDL.encode([installArgs], [{ arg: [], wasm_module: whoamiWasm(), mode: { install: null }, canister_id, sender_canister_version: [] }])) });
    if (installed.status !== 'replied') throw new Error(installed.rejectMessage);
    return canister_id;
}

const idl: IDL.InterfaceFactory = ({ IDL: I }) => I.Service({ whoami: I.Func([], [I.Principal], []), whoamiQuery: I.Func([], [I.Principal], ['query']) });

export type WhoamiActor = { whoami(): Promise<Principal>; whoamiQuery(): Promise<Principal> };

export function whoamiActor(agent: HttpAgent, canisterId: Principal): WhoamiActor {
    return Actor.createActor(idl, { agent, canisterId }) as unknown as WhoamiActor;
}
