// System canisters that localnet implements in the host rather than as Wasm (DFINITY's Wasm cannot
// be downloaded here), at their mainnet ids: the cycles minting canister and the cycles ledger.
// They take Candid in and out like the real ones; updates run when dequeued, queries at once.
import type { Principal } from '@dfinity/principal';

import type { Message, Response } from '../state.js';

/** A request message (host.ts's `Request`; not imported from there: host.ts imports this file). */
export type Request = Extract<Message, { kind: 'request' }>;

export interface BuiltinCanister {
    readonly id: Principal;
    update(m: Request): Response;
    query(caller: Principal, method: string, arg: Uint8Array): Response;
}
