import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR, requestIdOf } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { z } from 'zod';
import { isCanisterSigKey, verifyCanisterSig, type VerificationBudget } from './canister_sig.js';
import { VerificationError } from './errors.js';

/**
 * Proof that the caller holds the key of a principal, bound to one request: a signature over
 * the principal, a timestamp, a nonce and the request's method, path and body hash, made by the
 * principal's key or by a session key that the principal's key delegated to (an IC delegation
 * chain, as `DelegationIdentity.getDelegation()` returns it). Root keys: Ed25519, ECDSA P-256,
 * secp256k1 (DER SPKI) and canister signatures (Internet Identity), verified against the IC root
 * key. A delegation with targets must name the relay's audience (the marketplace canister).
 */
const hex = (max: number) => z.string().regex(/^([0-9a-f]{2})+$/i).max(max);
export const principalProofSchema = z.object({
    principal: z.string().min(5).max(100),
    timestamp: z.number().int().positive(),
    nonce: z.string().regex(/^[0-9a-f]{32,64}$/i),
    publicKey: hex(1_000),
    signature: hex(12_000),
    delegations: z
        .array(
            z.object({
                delegation: z.object({
                    pubkey: hex(1_000),
                    expiration: z.string().regex(/^[0-9a-f]{1,16}$/i),
                    targets: z.array(hex(60)).max(100).optional()
                }),
                signature: hex(12_000)
            })
        )
        .max(4)
        .optional()
});
export type PrincipalProof = z.infer<typeof principalProofSchema>;

/** The request a proof authorises. */
export interface ProofRequest {
    method: string;
    path: string;
    body: Uint8Array;
}

export function sha256Hex(b: Uint8Array): string {
    return createHash('sha256').update(b).digest('hex');
}

export function proofMessage(p: Pick<PrincipalProof, 'principal' | 'timestamp' | 'nonce'>, req: ProofRequest): Uint8Array {
    const lines = ['trustcloud:principal-proof:v2', p.principal, String(p.timestamp), p.nonce.toLowerCase(), req.method.toUpperCase(), req.path, sha256Hex(req.body)];
    return new TextEncoder().encode(lines.join('\n'));
}

export interface ProofOptions {
    nowMs: number;
    /** IC root key (DER) for canister signatures. Fetched only when a proof needs it. */
    rootKey: () => Promise<Uint8Array>;
    /** Delegations restricted by targets must include this canister. */
    audience: Principal;
    toleranceMs?: number;
    /** Bounds the rate of (uncached) certificate verifications; beyond it: `busy`. */
    budget?: VerificationBudget;
}

export async function verifyPrincipalProof(proof: PrincipalProof, req: ProofRequest, o: ProofOptions): Promise<Principal> {
    if (Math.abs(o.nowMs - proof.timestamp) > (o.toleranceMs ?? 300_000)) throw new VerificationError('stale_timestamp', 'proof timestamp outside tolerance');
    const rootDer = Buffer.from(proof.publicKey, 'hex');
    const claimed = parsePrincipal(proof.principal);
    const derived = Principal.selfAuthenticating(new Uint8Array(rootDer));
    if (derived.toText() !== claimed.toText()) throw new VerificationError('principal_mismatch', 'public key does not belong to the principal');
    let signer: Buffer = rootDer;
    for (const [i, d] of (proof.delegations ?? []).entries()) signer = await checkDelegation(signer, d, i, o);
    const ok = await verifyBy(signer, proofMessage(proof, req), Buffer.from(proof.signature, 'hex'), o);
    if (!ok) throw new VerificationError('bad_signature', 'proof signature does not match this request');
    return claimed;
}

type SignedDelegationJson = NonNullable<PrincipalProof['delegations']>[number];

async function checkDelegation(signer: Buffer, d: SignedDelegationJson, i: number, o: ProofOptions): Promise<Buffer> {
    const pubkey = Buffer.from(d.delegation.pubkey, 'hex');
    const expiration = BigInt('0x' + d.delegation.expiration);
    if (expiration < BigInt(o.nowMs) * 1_000_000n) throw new VerificationError('expired', `delegation ${i} expired`);
    const fields: Record<string, unknown> = { pubkey: new Uint8Array(pubkey), expiration };
    if (d.delegation.targets) {
        const targets = d.delegation.targets.map((t) => Principal.fromHex(t));
        if (!targets.some((t) => t.compareTo(o.audience) === 'eq')) {
            throw new VerificationError('wrong_target', `delegation ${i} is restricted to canisters other than ${o.audience.toText()}`);
        }
        fields.targets = targets;
    }
    const message = Buffer.concat([Buffer.from(IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR), Buffer.from(requestIdOf(fields))]);
    if (!(await verifyBy(signer, message, Buffer.from(d.signature, 'hex'), o))) throw new VerificationError('bad_signature', `delegation ${i} signature does not match`);
    return pubkey;
}

function parsePrincipal(text: string): Principal {
    try {
        return Principal.fromText(text);
    } catch {
        throw new VerificationError('malformed_body', 'principal is not valid');
    }
}

async function verifyBy(der: Buffer, message: Uint8Array, signature: Buffer, o: ProofOptions): Promise<boolean> {
    if (isCanisterSigKey(der)) return verifyCanisterSig(der, message, signature, await rootKeyOf(o), o.budget);
    return verifyWith(toKey(der), message, signature);
}

async function rootKeyOf(o: ProofOptions): Promise<Uint8Array> {
    try {
        return await o.rootKey();
    } catch (e) {
        throw new VerificationError('unsupported_key', `the IC root key is not available to verify canister signatures: ${(e as Error).message}`);
    }
}

function toKey(der: Buffer): KeyObject {
    try {
        return createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch {
        throw new VerificationError('unsupported_key', 'public key is not a supported DER key (Ed25519, P-256, secp256k1, canister signature)');
    }
}

function verifyWith(key: KeyObject, message: Uint8Array, signature: Buffer): boolean {
    try {
        if (key.asymmetricKeyType === 'ed25519') return cryptoVerify(null, message, key, signature);
        if (key.asymmetricKeyType === 'ec') return cryptoVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
    } catch {
        return false;
    }
    throw new VerificationError('unsupported_key', `key type ${key.asymmetricKeyType ?? 'unknown'} is not supported`);
}
