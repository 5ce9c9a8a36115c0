// Certificates `{tree, signature}` signed with the development root key (BLS min-sig:
// G1 signature, G2 key, over "\x0Dic-state-root" ‖ root hash), and the `Certifier` that the
// executor uses to give queries a data certificate.
import { bls12_381 } from '@noble/curves/bls12-381';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { Cbor } from '@dfinity/agent';
import type { Principal } from '@dfinity/principal';
import type { Certifier } from '../types.js';
import type { DevKeys } from './root_key.js';
import { buildTree, leb128, reconstruct, type HashTree, type LabeledTree } from './tree.js';
import { mapNode, witness, type StateNode } from './witness.js';

export const STATE_ROOT_DOMAIN = concatBytes(new Uint8Array([13]), utf8ToBytes('ic-state-root'));

export interface SignedCertificate {
    tree: HashTree;
    signature: Uint8Array;
}

/** Signs a hash tree with the root key; returns the CBOR certificate bytes. */
export function signTree(keys: DevKeys, tree: HashTree): Uint8Array {
    const message = concatBytes(STATE_ROOT_DOMAIN, reconstruct(tree));
    const signature = bls12_381.signShortSignature(message, keys.rootSecretKey);
    const cert: SignedCertificate = { tree, signature };
    return Cbor.encode(cert);
}

/** Builds and signs a certificate for a labelled map; `time` (ns) is always added. */
export function certify(keys: DevKeys, content: Map<string | Uint8Array, LabeledTree>, timeNs: bigint): Uint8Array {
    const map = new Map(content);
    map.set('time', leb128(timeNs));
    return signTree(keys, buildTree(map));
}

/** `Certifier` for the executor: `canister/<id>/certified_data` + `time`. Caches the last few. */
export class LocalCertifier implements Certifier {
    readonly #keys: DevKeys;
    readonly #cache = new Map<string, Uint8Array>();

    constructor(keys: DevKeys) {
        this.#keys = keys;
    }

    get rootKeyDer(): Uint8Array {
        return this.#keys.rootKeyDer;
    }

    get subnetId(): Principal {
        return this.#keys.subnetId;
    }

    dataCertificate(canisterId: Principal, certifiedData: Uint8Array, timeNs: bigint): Uint8Array {
        const key = `${canisterId.toText()}/${Buffer.from(certifiedData).toString('hex')}/${timeNs}`;
        const hit = this.#cache.get(key);
        if (hit !== undefined) return hit;
        // The other canisters and the rest of the state are pruned, as in the IC's data certificates.
        const id = canisterId.toUint8Array();
        const canisters: StateNode = { labels: () => [id], child: () => mapNode(new Map([['certified_data', certifiedData]])), complete: false };
        const unknown: StateNode = { labels: () => [], child: () => undefined, complete: false };
        const root = mapNode(new Map<string, StateNode>([['time', leb128(timeNs)], ['canister', canisters], ['request_status', unknown], ['subnet', unknown]]));
        const cert = signTree(this.#keys, witness(root, [['canister', id, 'certified_data'], ['time']]));
        if (this.#cache.size >= 64) this.#cache.clear();
        this.#cache.set(key, cert);
        return cert;
    }
}
