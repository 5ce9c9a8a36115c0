// Creates (or upgrades) an asset canister on a localnet through the management canister with the
// agent's identity as controller — what `npm start` and the tests use; on mainnet dfx or icp-cli
// deploy DFINITY's own asset canister.
import { gzipSync } from 'node:zlib';
import { Actor, type ActorSubclass, type HttpAgent } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { managementIdlFactory } from '@trustcloud/localnet';
import { init } from '../declarations';

type Mgmt = ActorSubclass<{
    provisional_create_canister_with_cycles(a: unknown): Promise<{ canister_id: Principal }>;
    install_code(a: unknown): Promise<void>;
}>;

/** The asset canister's init/upgrade argument: `null` (keep permissions; the installer may commit). */
export const noArgs = (): Uint8Array => new Uint8Array(IDL.encode(init({ IDL }), [[]]));

export async function installAssets(agent: HttpAgent, wasm: Uint8Array, o: { canisterId?: Principal; mode?: 'install' | 'upgrade'; specifiedId?: Principal } = {}): Promise<Principal> {
    const mgmt = (effective: Principal) => Actor.createActor(managementIdlFactory, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: effective }) as Mgmt;
    let canisterId = o.canisterId;
    if (canisterId === undefined) {
        const effective = o.specifiedId ?? Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai');
        ({ canister_id: canisterId } = await mgmt(effective).provisional_create_canister_with_cycles({
            settings: [],
            specified_id: o.specifiedId ? [o.specifiedId] : [],
            amount: [],
            sender_canister_version: []
        }));
    }
    const mode = o.mode === 'upgrade' ? { upgrade: [] } : { install: null };
    await mgmt(canisterId).install_code({ arg: noArgs(), wasm_module: new Uint8Array(gzipSync(wasm)), mode, canister_id: canisterId, sender_canister_version: [] });
    return canisterId;
}
