// Development keys of the local IC: the BLS root (subnet) key that signs certificates and the
// Ed25519 node key that signs query responses. Both derive from a fixed seed, so agents and
// browser tabs that cached the root key keep working across restarts.
import { bls12_381 } from '@noble/curves/bls12-381';
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { Principal } from '@dfinity/principal';

export const DEFAULT_DEV_SEED = 'trustcloud-localnet-dev-seed-v1';

/** DER prefix of an IC BLS12-381 G2 public key (the agent checks it byte for byte). */
export const BLS_DER_PREFIX = hexBytes('308182301d060d2b0601040182dc7c0503010201060c2b0601040182dc7c05030201036100');
/** DER prefix of an Ed25519 SubjectPublicKeyInfo. */
export const ED25519_DER_PREFIX = hexBytes('302a300506032b6570032100');

export interface NodeKey {
    readonly secretKey: Uint8Array;
    readonly publicKeyDer: Uint8Array;
    readonly nodeId: Principal;
}

export interface DevKeys {
    /** BLS secret scalar bytes (32, big-endian, < r). */
    readonly rootSecretKey: Uint8Array;
    /** 96-byte compressed G2 point. */
    readonly rootPublicKey: Uint8Array;
    /** DER (133 bytes) as `/api/v2/status` reports it. */
    readonly rootKeyDer: Uint8Array;
    /** The subnet id: self-authenticating principal of the root key DER. */
    readonly subnetId: Principal;
    readonly node: NodeKey;
}

function hexBytes(hex: string): Uint8Array {
    const out = new Uint8Array(hex.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(hex.slice(2 * i, 2 * i + 2), 16);
    return out;
}

export function toHex(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('hex');
}

/** Hashes `seed ‖ purpose` to a valid BLS secret scalar (reduced mod r, never zero). */
function blsSecretFrom(seed: string): Uint8Array {
    const r = bls12_381.fields.Fr.ORDER;
    let x = 0n;
    for (const b of sha256(concatBytes(utf8ToBytes(seed), utf8ToBytes('/bls-root')))) x = (x << 8n) | BigInt(b);
    x = (x % (r - 1n)) + 1n;
    const out = new Uint8Array(32);
    for (let i = 31; i >= 0; i--) {
        out[i] = Number(x & 0xffn);
        x >>= 8n;
    }
    return out;
}

export function ed25519Der(rawPublicKey: Uint8Array): Uint8Array {
    return concatBytes(ED25519_DER_PREFIX, rawPublicKey);
}

export function deriveDevKeys(seed: string = DEFAULT_DEV_SEED): DevKeys {
    const rootSecretKey = blsSecretFrom(seed);
    const rootPublicKey = bls12_381.getPublicKeyForShortSignatures(rootSecretKey);
    const rootKeyDer = concatBytes(BLS_DER_PREFIX, rootPublicKey);
    const nodeSecret = sha256(concatBytes(utf8ToBytes(seed), utf8ToBytes('/node-0')));
    const nodeDer = ed25519Der(ed25519.getPublicKey(nodeSecret));
    return {
        rootSecretKey,
        rootPublicKey,
        rootKeyDer,
        subnetId: Principal.selfAuthenticating(rootKeyDer),
        node: { secretKey: nodeSecret, publicKeyDer: nodeDer, nodeId: Principal.selfAuthenticating(nodeDer) }
    };
}
