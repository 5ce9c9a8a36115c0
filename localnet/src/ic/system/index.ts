// The system canisters localnet runs in the host (builtin.ts), registered by id.
import type { Principal } from '@dfinity/principal';

import type { BuiltinCanister } from './builtin.js';
import { CyclesMintingCanister } from './cmc.js';
import { CyclesLedger, type CyclesLedgerHost } from './cycles_ledger.js';

/** Adds the CMC and the cycles ledger to `builtins`; returns the ledger (for the faucet and persistence). */
export function addSystemCanisters(builtins: Map<string, BuiltinCanister>, host: Omit<CyclesLedgerHost, 'subnetId'>, subnetId: () => Principal): CyclesLedger {
    const ledger = new CyclesLedger({ createCanisterNow: (c, cycles, id) => host.createCanisterNow(c, cycles, id), canister: (id) => host.canister(id), subnetId });
    for (const b of [ledger, new CyclesMintingCanister(subnetId)]) builtins.set(b.id.toText(), b);
    return ledger;
}
