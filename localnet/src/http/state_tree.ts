// The (virtual) state tree that responses certify: `time`, `request_status`, `canister/<id>/...`,
// `subnet`. It is read lazily from the LocalIc; each response certifies a witness of the paths it
// answers, with everything else pruned (crypto/witness.ts), as the IC does.
import { Cbor } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import type { DevKeys } from '../crypto/root_key.js';
import { compareBytes, leb128, type LabeledTree } from '../crypto/tree.js';
import { mapNode, type StateNode } from '../crypto/witness.js';
import type { CanisterInfo, LocalIc, RequestStatus } from '../types.js';

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
const RANGES: [Uint8Array, Uint8Array][] = [[new Uint8Array(0), new Uint8Array(29).fill(0xff)]];
const CANISTER_RANGES = Cbor.encode(RANGES);

/** `canister_ranges/<subnet_id>/<lower bound of the leaf's first range>` (the current form, read at the subnet endpoint). */
export function canisterRangesSubtree(): TreeMap {
    return new Map<string | Uint8Array, LabeledTree>([[RANGES[0]![0], CANISTER_RANGES]]);
}

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

export function principalLabel(p: Principal): Uint8Array {
    return p.toUint8Array();
}

export { Principal };

/** A labelled map as a state node. */
export function fromLabeled(t: LabeledTree): StateNode {
    if (t instanceof Uint8Array) return t;
    return mapNode(new Map([...t.entries()].map(([k, v]) => [k, fromLabeled(v)])));
}

function canisterNode(info: CanisterInfo): StateNode {
    const m = new Map<string | Uint8Array, StateNode>([
        ['certified_data', info.certifiedData],
        ['controllers', controllersCbor(info)]
    ]);
    if (info.moduleHash !== null) {
        m.set('module_hash', info.moduleHash);
        m.set('metadata', mapNode(new Map([...info.metadata.entries()].map(([name, s]) => [name, s.content]))));
    }
    return mapNode(m);
}

const sortedIds = (ids: Uint8Array[]): Uint8Array[] => ids.sort(compareBytes);

/** The state tree of `ic` at `timeNs`. */
export function stateRoot(ic: LocalIc, keys: DevKeys, timeNs: bigint): StateNode {
    const canisters: StateNode = {
        labels: () => sortedIds(ic.canisterIds().map((p) => p.toUint8Array())),
        child: (id) => {
            const info = ic.canisterInfo(Principal.fromUint8Array(id));
            return info ? canisterNode(info) : undefined;
        }
    };
    const requests: StateNode = {
        labels: () => ic.requestIds?.() ?? [],
        child: (rid) => {
            const status = ic.requestStatus(rid);
            return status ? fromLabeled(requestStatusSubtree(status)) : undefined;
        },
        complete: ic.requestIds !== undefined
    };
    return mapNode(
        new Map<string, StateNode>([
            ['time', leb128(timeNs)],
            ['request_status', requests],
            ['canister', canisters],
            ['canister_ranges', mapNode(new Map([[keys.subnetId.toUint8Array(), fromLabeled(canisterRangesSubtree())]]))],
            ['subnet', mapNode(new Map([[keys.subnetId.toUint8Array(), fromLabeled(subnetSubtree(keys))]]))]
        ])
    );
}
