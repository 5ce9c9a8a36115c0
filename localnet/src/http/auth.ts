// Sender authentication (interface spec, "Authentication"): the sender signature over
// "\x0Aic-request" ‖ request_id, delegation chains signed over
// "\x1Aic-request-auth-delegation" ‖ hashOfMap(delegation), and the self-authenticating sender.
// Keys: Ed25519, ECDSA P-256 / secp256k1, and canister signatures (Internet Identity's users),
// checked against the root key and the signing canister's certified data as the IC does.
import { hashOfMap } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519';
import { p256 } from '@noble/curves/p256';
import { secp256k1 } from '@noble/curves/secp256k1';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { canisterSigFailure, parseCanisterSigKey } from '../crypto/canister_sig.js';
import { ED25519_DER_PREFIX } from '../crypto/root_key.js';
import { AuthError } from './errors.js';
import type { Envelope, SignedDelegation } from './envelope.js';
import { hex } from './request_id.js';

export const IC_REQUEST_DOMAIN = concatBytes(new Uint8Array([10]), utf8ToBytes('ic-request'));
export const IC_DELEGATION_DOMAIN = concatBytes(new Uint8Array([26]), utf8ToBytes('ic-request-auth-delegation'));
export const MAX_DELEGATIONS = 20;

const P256_DER_PREFIX = Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex');
const SECP256K1_DER_PREFIX = Buffer.from('3056301006072a8648ce3d020106052b8104000a034200', 'hex');
const ANONYMOUS = new Uint8Array([4]);

function startsWith(b: Uint8Array, prefix: Uint8Array): boolean {
    return b.length > prefix.length && Buffer.from(b.subarray(0, prefix.length)).equals(prefix);
}

/**
 * Verifies `sig` over `message` with a DER public key (Ed25519, ECDSA P-256, secp256k1, or a
 * canister-signature key, whose signatures are certified against `rootKeyDer`).
 */
export function verifySignature(derKey: Uint8Array, message: Uint8Array, sig: Uint8Array, rootKeyDer?: Uint8Array): boolean {
    if (parseCanisterSigKey(derKey) !== null) {
        if (rootKeyDer === undefined) throw new AuthError('Canister signatures need the root key to verify');
        return canisterSigFailure(derKey, message, sig, rootKeyDer) === null;
    }
    try {
        if (startsWith(derKey, ED25519_DER_PREFIX) && derKey.length === ED25519_DER_PREFIX.length + 32) {
            return ed25519.verify(sig, message, derKey.subarray(ED25519_DER_PREFIX.length));
        }
        if (startsWith(derKey, P256_DER_PREFIX)) {
            return p256.verify(sig, sha256(message), derKey.subarray(P256_DER_PREFIX.length), { lowS: false });
        }
        if (startsWith(derKey, SECP256K1_DER_PREFIX)) {
            return secp256k1.verify(sig, sha256(message), derKey.subarray(SECP256K1_DER_PREFIX.length), { lowS: false });
        }
    } catch {
        return false;
    }
    throw new AuthError(`Unsupported public key type (DER ${hex(derKey.subarray(0, 24))}...): Ed25519, ECDSA P-256, secp256k1 and canister signatures are supported`);
}

export interface AuthContext {
    /** The request id (already computed from the content). */
    requestId: Uint8Array;
    /** Wall-clock now, in ns, for delegation expiry. */
    nowNs: bigint;
    /** Canister the delegation targets must include (content.canister_id, or the effective id for read_state). */
    target: Principal;
    /** The IC root key (DER), against which canister signatures are verified (none: they are refused). */
    rootKeyDer?: Uint8Array;
}

function delegationHash(d: SignedDelegation): Uint8Array {
    const map: Record<string, unknown> = { pubkey: d.delegation.pubkey, expiration: d.delegation.expiration };
    if (d.delegation.targets !== undefined) map.targets = d.delegation.targets;
    return new Uint8Array(hashOfMap(map));
}

/**
 * Authenticates an envelope; returns the caller. Anonymous requests (sender 0x04, no key, no
 * signature) are allowed. Throws `AuthError` with the reason otherwise.
 */
export function authenticate(env: Envelope, ctx: AuthContext): Principal {
    const sender = env.content.sender;
    if (env.senderPubkey === undefined && env.senderSig === undefined && env.senderDelegation === undefined) {
        if (!Buffer.from(sender).equals(ANONYMOUS)) {
            throw new AuthError(`Missing signature: sender ${Principal.fromUint8Array(sender).toText()} is not anonymous`);
        }
        return Principal.anonymous();
    }
    if (env.senderPubkey === undefined || env.senderSig === undefined) {
        throw new AuthError('Invalid signature: sender_pubkey and sender_sig must both be present');
    }
    const caller = Principal.selfAuthenticating(env.senderPubkey);
    if (!Buffer.from(caller.toUint8Array()).equals(sender)) {
        throw new AuthError(
            `Invalid sender: the sender ${Principal.fromUint8Array(sender).toText()} is not the self-authenticating principal ${caller.toText()} of sender_pubkey`
        );
    }
    const chain = env.senderDelegation ?? [];
    if (chain.length > MAX_DELEGATIONS) {
        throw new AuthError(`Invalid delegation: the chain has ${chain.length} delegations, at most ${MAX_DELEGATIONS} are allowed`);
    }
    let signingKey = env.senderPubkey;
    const seen = new Set<string>([hex(signingKey)]);
    for (const [i, d] of chain.entries()) {
        if (d.delegation.expiration < ctx.nowNs) {
            throw new AuthError(
                `Invalid delegation: delegation ${i} expired at ${new Date(Number(d.delegation.expiration / 1_000_000n)).toISOString()}`
            );
        }
        if (d.delegation.targets !== undefined) {
            const target = ctx.target.toUint8Array();
            if (!d.delegation.targets.some(t => Buffer.from(t).equals(target))) {
                throw new AuthError(`Invalid delegation: canister ${ctx.target.toText()} is not one of the targets of delegation ${i}`);
            }
        }
        const message = concatBytes(IC_DELEGATION_DOMAIN, delegationHash(d));
        const problem = signatureProblem(signingKey, message, d.signature, ctx);
        if (problem !== null) throw new AuthError(`Invalid delegation: the signature of delegation ${i} does not verify${problem}`);
        signingKey = d.delegation.pubkey;
        if (seen.has(hex(signingKey))) throw new AuthError('Invalid delegation: the chain contains a cycle');
        seen.add(hex(signingKey));
    }
    const message = concatBytes(IC_REQUEST_DOMAIN, ctx.requestId);
    const problem = signatureProblem(signingKey, message, env.senderSig, ctx);
    if (problem !== null) throw new AuthError(`Invalid signature: the signature over request ${hex(ctx.requestId)} does not verify${problem}`);
    return caller;
}

/** Null when `sig` verifies; else a detail for the error text (the reason, for canister signatures). */
function signatureProblem(key: Uint8Array, message: Uint8Array, sig: Uint8Array, ctx: AuthContext): string | null {
    if (parseCanisterSigKey(key) !== null && ctx.rootKeyDer !== undefined) {
        const failure = canisterSigFailure(key, message, sig, ctx.rootKeyDer);
        return failure === null ? null : ` (canister signature: ${failure})`;
    }
    return verifySignature(key, message, sig, ctx.rootKeyDer) ? null : '';
}

/** Maximum ingress expiry window (5 min) plus permitted clock drift. */
const MAX_TTL_NS = 5n * 60n * 1_000_000_000n;
const DRIFT_NS = 60n * 1_000_000_000n;

/**
 * The replica's text is "Invalid request expiry: ..." (the agent recognises the prefix, syncs time
 * once and retries). Checked against the wall clock, never the (movable) canister time.
 */
export function checkIngressExpiry(expiryNs: bigint, nowNs: bigint): void {
    if (expiryNs < nowNs - DRIFT_NS || expiryNs > nowNs + MAX_TTL_NS + DRIFT_NS) {
        const fmt = (ns: bigint): string => new Date(Number(ns / 1_000_000n)).toISOString();
        throw new AuthError(
            `Invalid request expiry: Specified ingress_expiry not within expected range: minimum ${fmt(nowNs)}, maximum ${fmt(nowNs + MAX_TTL_NS + DRIFT_NS)}, provided ${fmt(expiryNs)}`
        );
    }
}
