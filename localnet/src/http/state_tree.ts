// The parts of the (virtual) state tree that responses certify: `request_status`, `subnet`,
// `canister/<id>/...`. Each response gets a fresh minimal tree with only what was asked.
import { Cbor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import type { DevKeys } from '../crypto/root_key.js';
import { leb128, type LabeledTree } from '../crypto/tree.js';
import type { CanisterInfo, RequestStatus } from '../types.js';

export type TreeMap = Map<string | Uint8Array, LabeledTree>;

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** `request_status/<id>/...` for one request. */
export function requestStatusSubtree(status: RequestStatus): TreeMap {
    const m: TreeMap = new Map([['status', utf8(status.status)]]);
    if (status.status === 'replied') m.set('reply', status.reply);
    if (status.status === 'rejected') {
        m.set('reject_code', leb128(status.rejectCode));
        m.set('reject_message', utf8(status.rejectMessage));
        m.set('error_code', utf8(status.errorCode));
    }
    return m;
}

/** All canister ids, from the management canister (empty) to the largest 29-byte principal. */
const CANISTER_RANGES = Cbor.encode([[new Uint8Array(0), new Uint8Array(29).fill(0xff)]]);

/** `subnet/<subnet_id>/{canister_ranges, node/<node_id>/public_key, public_key}`. */
export function subnetSubtree(keys: DevKeys): TreeMap {
    return new Map<string | Uint8Array, LabeledTree>([
        ['canister_ranges', CANISTER_RANGES],
        ['node', new Map([[keys.node.nodeId.toUint8Array(), new Map([['public_key', keys.node.publicKeyDer]])]])],
        ['public_key', keys.rootKeyDer]
    ]);
}

export function controllersCbor(info: CanisterInfo): Uint8Array {
    return Cbor.encode(info.controllers.map(p => p.toUint8Array()));
}

export function isController(info: CanisterInfo, caller: Principal): boolean {
    return info.controllers.some(c => c.compareTo(caller) === 'eq');
}

/** Inserts `value` at `path` in a nested tree map (creating inner maps). */
export function insertPath(root: TreeMap, path: (string | Uint8Array)[], value: LabeledTree): void {
    let node = root;
    for (const [i, label] of path.entries()) {
        const key = findKey(node, label);
        if (i === path.length - 1) {
            node.set(key, value);
            return;
        }
        let next = node.get(key);
        if (!(next instanceof Map)) {
            next = new Map();
            node.set(key, next);
        }
        node = next;
    }
}

/** Map keys are compared by bytes: reuse an existing key equal to `label` so labels stay unique. */
function findKey(node: TreeMap, label: string | Uint8Array): string | Uint8Array {
    const bytes = typeof label === 'string' ? utf8(label) : label;
    for (const k of node.keys()) {
        const kb = typeof k === 'string' ? utf8(k) : k;
        if (Buffer.from(kb).equals(bytes)) return k;
    }
    return label;
}

export function principalLabel(p: Principal): Uint8Array {
    return p.toUint8Array();
}

export { Principal };
