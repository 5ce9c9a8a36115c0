// localnet's topology: one application subnet (the development root key's) that hosts every
// canister id, with the id allocation starting at PocketIC's default effective canister id.
import type { Principal } from '@dfinity/principal';

import { FIRST_CANISTER_ID, canisterIdFromU64 } from './ids.js';

export const SUBNET_SIZE = 1;

export interface Topology {
    subnetId: Principal;
    kind: 'Application';
    size: number;
    ranges: { start: Principal; end: Principal }[];
    defaultEffectiveCanisterId: Principal;
}

export function topology(subnetId: Principal): Topology {
    return {
        subnetId,
        kind: 'Application',
        size: SUBNET_SIZE,
        ranges: [{ start: canisterIdFromU64(0n), end: canisterIdFromU64((1n << 64n) - 1n) }],
        defaultEffectiveCanisterId: canisterIdFromU64(FIRST_CANISTER_ID)
    };
}

/** PocketIC's `GET /_/topology` JSON (what dfx-era tools such as agent-js's e2e suite read). */
export function pocketIcTopologyJson(t: Topology): unknown {
    const b64 = (p: Principal): { canister_id: string } => ({ canister_id: Buffer.from(p.toUint8Array()).toString('base64') });
    return {
        subnet_configs: {
            [t.subnetId.toText()]: {
                subnet_kind: t.kind,
                size: t.size,
                canister_ranges: t.ranges.map((r) => ({ start: b64(r.start), end: b64(r.end) }))
            }
        },
        default_effective_canister_id: b64(t.defaultEffectiveCanisterId)
    };
}
