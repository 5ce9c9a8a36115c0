// Canister signatures (interface spec, "Canister signatures"), the key type of Internet Identity:
// the public key is DER(OID 1.3.6.1.4.1.56387.1.2, len(canister_id) ‖ canister_id ‖ seed); a
// signature is CBOR {certificate, tree} where the certificate certifies the canister's
// certified_data = root hash of `tree`, and `tree` contains `sig / sha256(seed) / sha256(message)`.
import { Cbor, lookup_path, LookupPathStatus, unwrapDER, wrapDER, type HashTree as AgentHashTree } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { bls12_381 } from '@noble/curves/bls12-381';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { STATE_ROOT_DOMAIN } from './certificate.js';
import { BLS_DER_PREFIX } from './root_key.js';
import { reconstruct, type HashTree } from './tree.js';

/** SEQUENCE(OID 1.3.6.1.4.1.56387.1.2), as `wrapDER` wants it. */
export const CANISTER_SIG_OID = Uint8Array.from([0x30, 0x0c, 0x06, 0x0a, 0x2b, 0x06, 0x01, 0x04, 0x01, 0x83, 0xb8, 0x43, 0x01, 0x02]);

export interface CanisterSigKey {
    canisterId: Principal;
    seed: Uint8Array;
}

export function canisterSigPublicKeyDer(canisterId: Principal, seed: Uint8Array): Uint8Array {
    const id = canisterId.toUint8Array();
    return wrapDER(concatBytes(new Uint8Array([id.length]), id, seed), CANISTER_SIG_OID);
}

/** The canister id and seed of a canister-signature key; null for any other DER key. */
export function parseCanisterSigKey(der: Uint8Array): CanisterSigKey | null {
    if (der.length < 2 + CANISTER_SIG_OID.length || der[0] !== 0x30) return null;
    let payload: Uint8Array;
    try {
        payload = unwrapDER(der, CANISTER_SIG_OID);
    } catch {
        return null;
    }
    const len = payload[0] ?? 0;
    if (len === 0 || len > 29 || payload.length < 1 + len) return null;
    return { canisterId: Principal.fromUint8Array(payload.slice(1, 1 + len)), seed: payload.slice(1 + len) };
}

export function signaturePath(seed: Uint8Array, message: Uint8Array): Uint8Array[] {
    return [utf8ToBytes('sig'), sha256(seed), sha256(message)];
}

const same = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** The witness for `path`: the tree with every branch off the path pruned (same root hash). */
export function witness(tree: HashTree, path: Uint8Array[]): HashTree {
    if (path.length === 0) return tree;
    switch (tree[0]) {
        case 1: {
            const left = witness(tree[1], path);
            const right = witness(tree[2], path);
            return left[0] === 4 && right[0] === 4 ? [4, reconstruct(tree)] : [1, left, right];
        }
        case 2:
            return same(tree[1], path[0] as Uint8Array) ? [2, tree[1], witness(tree[2], path.slice(1))] : [4, reconstruct(tree)];
        case 4:
            return tree;
        default:
            return [4, reconstruct(tree)];
    }
}

export function encodeCanisterSignature(certificate: Uint8Array, tree: HashTree): Uint8Array {
    return Cbor.encode({ certificate, tree });
}

function lookup(tree: HashTree, path: Uint8Array[]): Uint8Array | undefined {
    const r = lookup_path(path, tree as unknown as AgentHashTree);
    return r.status === LookupPathStatus.Found && r.value instanceof Uint8Array ? r.value : undefined;
}

function isHashTree(t: unknown, depth = 0): t is HashTree {
    if (!Array.isArray(t) || depth > 64) return false;
    switch (t[0]) {
        case 0:
            return t.length === 1;
        case 1:
            return t.length === 3 && isHashTree(t[1], depth + 1) && isHashTree(t[2], depth + 1);
        case 2:
            return t.length === 3 && t[1] instanceof Uint8Array && isHashTree(t[2], depth + 1);
        case 3:
            return t.length === 2 && t[1] instanceof Uint8Array;
        case 4:
            return t.length === 2 && t[1] instanceof Uint8Array && t[1].length === 32;
        default:
            return false;
    }
}

/**
 * Why a canister signature does not verify against the root key (DER), or null when it does. A
 * single-subnet IC issues no certificate delegations, so one in the certificate is refused. As on
 * the IC, the certificate's time is not checked: delegations carry their own expiration.
 */
export function canisterSigFailure(publicKeyDer: Uint8Array, message: Uint8Array, signature: Uint8Array, rootKeyDer: Uint8Array): string | null {
    const key = parseCanisterSigKey(publicKeyDer);
    if (key === null) return 'the key is not a canister-signature key';
    signature = Uint8Array.from(signature); // a Buffer decodes to pooled views that lookup_path mis-slices
    let sig: { certificate?: unknown; tree?: unknown };
    let cert: { tree?: unknown; signature?: unknown; delegation?: unknown };
    try {
        sig = Cbor.decode(signature) as typeof sig;
        if (!(sig?.certificate instanceof Uint8Array)) return 'the signature is not CBOR {certificate, tree}';
        cert = Cbor.decode(sig.certificate) as typeof cert;
    } catch {
        return 'the signature is not CBOR {certificate, tree}';
    }
    if (!isHashTree(sig.tree) || !isHashTree(cert?.tree) || !(cert.signature instanceof Uint8Array)) return 'malformed certificate or tree';
    if (cert.delegation !== undefined) return 'the certificate has a subnet delegation, which this IC never issues';
    if (rootKeyDer.length !== BLS_DER_PREFIX.length + 96 || !same(rootKeyDer.subarray(0, BLS_DER_PREFIX.length), BLS_DER_PREFIX)) return 'the root key is not a BLS key';
    const certified = lookup(cert.tree, [utf8ToBytes('canister'), key.canisterId.toUint8Array(), utf8ToBytes('certified_data')]);
    if (certified === undefined) return `the certificate has no certified data of canister ${key.canisterId.toText()}`;
    if (!same(certified, reconstruct(sig.tree))) return "the tree's root hash is not the canister's certified data";
    const leaf = lookup(sig.tree, signaturePath(key.seed, message));
    if (leaf === undefined || leaf.length !== 0) return 'the tree does not contain sig/sha256(seed)/sha256(message)';
    try {
        const ok = bls12_381.verifyShortSignature(cert.signature, concatBytes(STATE_ROOT_DOMAIN, reconstruct(cert.tree)), rootKeyDer.subarray(BLS_DER_PREFIX.length));
        return ok ? null : 'the certificate signature does not verify against the root key';
    } catch {
        return 'the certificate signature does not verify against the root key';
    }
}
