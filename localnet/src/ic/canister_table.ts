// The subnet's canisters: allocation of ids (PocketIC's order), lookup, the public view, and
// whether a canister can take a message now.
import type { Principal } from '@dfinity/principal';

import { RejectCode, type CanisterInfo } from '../types.js';
import { RejectError, reject } from './errors.js';
import type { ExecKind } from './execution.js';
import { FIRST_CANISTER_ID, canisterIdFromU64 } from './ids.js';
import { Canister, type Response } from './state.js';

export class CanisterTable {
    readonly map = new Map<string, Canister>();
    nextId = FIRST_CANISTER_ID;

    get(id: Principal): Canister | undefined {
        return this.map.get(id.toText());
    }

    ids(): Principal[] {
        return [...this.map.values()].map((c) => c.id);
    }

    info(canisterId: Principal): CanisterInfo | undefined {
        const c = this.get(canisterId);
        if (!c) return undefined;
        return {
            canisterId: c.id,
            controllers: [...c.controllers],
            moduleHash: c.module ? c.module.hash : null,
            status: c.status,
            cycles: c.cycles,
            memorySize: c.memorySize,
            certifiedData: c.certifiedData,
            metadata: c.module ? c.module.metadata : new Map()
        };
    }

    /** Creates a canister (what provisional_create_canister_with_cycles does). */
    create(controllers: Principal[], cycles: bigint, specifiedId?: Principal): Canister {
        let id: Principal;
        if (specifiedId) {
            if (this.map.has(specifiedId.toText())) {
                throw new RejectError(RejectCode.DestinationInvalid, 'IC0205', `Canister ${specifiedId.toText()} is already installed.`);
            }
            id = specifiedId;
        } else {
            do {
                id = canisterIdFromU64(this.nextId++);
            } while (this.map.has(id.toText()));
        }
        const c = new Canister(id, controllers, cycles);
        this.map.set(id.toText(), c);
        return c;
    }
}

/** The export that runs `method` on `c`, or null. */
export function methodExport(c: Canister, method: string): { name: string; kind: ExecKind } | null {
    const m = c.module!;
    if (m.functionExports.has(`canister_update ${method}`)) return { name: `canister_update ${method}`, kind: 'update' };
    if (m.functionExports.has(`canister_query ${method}`)) return { name: `canister_query ${method}`, kind: 'replicated_query' };
    if (m.functionExports.has(`canister_composite_query ${method}`)) {
        return { name: `canister_composite_query ${method}`, kind: 'replicated_query' };
    }
    return null;
}

/** Why a canister cannot take a message now, or null. */
export function unavailable(to: Principal, c: Canister | undefined): Response | null {
    if (!c) return reject(RejectCode.DestinationInvalid, 'IC0301', `Canister ${to.toText()} not found`);
    if (c.status === 'stopped') return reject(RejectCode.CanisterError, 'IC0508', `Canister ${c.id.toText()} is stopped`);
    if (c.status === 'stopping') return reject(RejectCode.CanisterError, 'IC0509', `Canister ${c.id.toText()} is stopping`);
    if (!c.runtime) {
        return reject(
            RejectCode.CanisterError,
            'IC0537',
            `Error from Canister ${c.id.toText()}: Attempted to execute a message, but the canister contains no Wasm module.`
        );
    }
    return null;
}
