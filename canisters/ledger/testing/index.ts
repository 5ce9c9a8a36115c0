// Deploys the compiled ledger into localnet's pic-js-like test API; for this canister's tests and
// for any canister that pays through it (the marketplace).
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import type { Principal } from '@dfinity/principal';
import type { LocalPocketIc, Actor } from '@trustcloud/localnet';
import { IDL } from '@dfinity/candid';
import { buildLedger } from './build.js';
// The generated bindings of ledger.did (scripts/bindings.mjs), not a hand-written copy.
import { idlFactory, init, type _SERVICE as LedgerService } from '../declarations/index.js';
// The bindings have no type for the init argument (the .did inlines it); the canister's own is it.
import type { CandidInitArgs as LedgerInitArgs } from '../src/candid_types.js';

export { idlFactory, init, type LedgerInitArgs, type LedgerService };
export type LedgerActor = Actor<LedgerService>;
export { buildLedger };

/** Encodes the init (and upgrade) argument with the generated `init` types. */
export function encodeInitArgs(args: LedgerInitArgs): Uint8Array {
    return new Uint8Array(IDL.encode(init({ IDL }), [args]));
}

let wasm: Uint8Array | undefined;
/** The ledger module, gzipped (the raw module is over the 2 MiB ingress limit); built once. */
export function ledgerWasm(): Uint8Array {
    wasm ??= gzipSync(readFileSync(buildLedger().wasm));
    return wasm;
}

export interface DeployedLedger {
    readonly canisterId: Principal;
    /** An actor whose calls come from `sender`. */
    as(sender: Principal): LedgerActor;
    /** Upgrades to the same module; the ledger ignores the argument but Candid requires one. */
    upgrade(init: LedgerInitArgs): Promise<void>;
}

export async function deployLedger(
    pic: LocalPocketIc,
    { controller, init }: { controller: Principal; init: LedgerInitArgs }
): Promise<DeployedLedger> {
    const canisterId = await pic.createCanister({ controllers: [controller], sender: controller });
    const arg = encodeInitArgs(init);
    await pic.installCode({ canisterId, wasm: ledgerWasm(), arg, sender: controller });
    return {
        canisterId,
        as(sender) {
            const actor = pic.createActor<LedgerService>(idlFactory, canisterId);
            actor.setPrincipal(sender);
            return actor;
        },
        upgrade: (next) =>
            pic.upgradeCanister({ canisterId, wasm: ledgerWasm(), arg: encodeInitArgs(next), sender: controller })
    };
}
