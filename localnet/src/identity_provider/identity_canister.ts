// The identity canister on localnet, used as any canister user would: created through the
// management canister (at Internet Identity's mainnet id, so principals look as they do with
// dfx's local II), certified data set by an update call, the data certificate read by a query.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { utf8ToBytes } from '@noble/hashes/utils';
import type { CallOutcome, LocalIc } from '../types.js';
import { GET_CERTIFICATE_METHOD, SET_CERTIFIED_DATA_METHOD, identityCanisterWasm } from './wasm_module.js';

export const IDENTITY_CANISTER_ID = Principal.fromText('rdmx6-jaaaa-aaaaa-aaadq-cai');
/** The provider's own principal, controller of the identity canister (opaque, derived). */
export const IDENTITY_CONTROLLER = Principal.fromUint8Array(Uint8Array.from([...sha256(utf8ToBytes('localnet identity provider')).slice(0, 28), 0x01]));

const MANAGEMENT = Principal.managementCanister();

export class IdentityCanisterError extends Error {
    override readonly name = 'IdentityCanisterError';
}

function check(outcome: CallOutcome, what: string): Uint8Array {
    if (outcome.status === 'replied') return outcome.reply;
    throw new IdentityCanisterError(`${what}: ${outcome.errorCode} ${outcome.rejectMessage}`);
}

export class IdentityCanister {
    readonly #ic: LocalIc;
    readonly id: Principal;
    readonly #wasm = identityCanisterWasm();

    constructor(ic: LocalIc, id: Principal = IDENTITY_CANISTER_ID) {
        this.#ic = ic;
        this.id = id;
    }

    /** Creates and installs the canister unless it is already there with this module. */
    ensure(): void {
        const info = this.#ic.canisterInfo(this.id);
        const hash = sha256(this.#wasm);
        if (info !== undefined && info.moduleHash !== null && Buffer.from(info.moduleHash).equals(hash)) return;
        if (info === undefined) {
            const settings = IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)) });
            const args = IDL.Record({ settings: IDL.Opt(settings), specified_id: IDL.Opt(IDL.Principal), amount: IDL.Opt(IDL.Nat), sender_canister_version: IDL.Opt(IDL.Nat64) });
            const arg = IDL.encode([args], [{ settings: [{ controllers: [[IDENTITY_CONTROLLER]] }], specified_id: [this.id], amount: [], sender_canister_version: [] }]);
            check(this.#manage('provisional_create_canister_with_cycles', arg), 'creating the identity canister');
        }
        const mode = IDL.Variant({ install: IDL.Null, reinstall: IDL.Null });
        const args = IDL.Record({ arg: IDL.Vec(IDL.Nat8), wasm_module: IDL.Vec(IDL.Nat8), mode, canister_id: IDL.Principal, sender_canister_version: IDL.Opt(IDL.Nat64) });
        const install = IDL.encode([args], [{ arg: [], wasm_module: this.#wasm, mode: info?.moduleHash ? { reinstall: null } : { install: null }, canister_id: this.id, sender_canister_version: [] }]);
        check(this.#manage('install_code', install), 'installing the identity canister');
    }

    #manage(methodName: string, arg: ArrayBuffer | Uint8Array): CallOutcome {
        return this.#ic.update({ sender: IDENTITY_CONTROLLER, canisterId: MANAGEMENT, methodName, arg: new Uint8Array(arg) });
    }

    /** Sets the canister's certified data (an update: it goes through consensus on the IC). */
    setCertifiedData(root: Uint8Array): void {
        check(this.#ic.update({ sender: IDENTITY_CONTROLLER, canisterId: this.id, methodName: SET_CERTIFIED_DATA_METHOD, arg: root }), 'setting certified data');
    }

    /** The subnet's certificate of the canister's current certified data. */
    certificate(): Uint8Array {
        return check(this.#ic.query({ sender: IDENTITY_CONTROLLER, canisterId: this.id, methodName: GET_CERTIFICATE_METHOD, arg: new Uint8Array(0) }), 'reading the data certificate');
    }
}
