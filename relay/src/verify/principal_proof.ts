import { createPublicKey, verify as cryptoVerify, type KeyObject } from 'node:crypto';
import { IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR, requestIdOf } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { z } from 'zod';
import { VerificationError } from './errors.js';

/**
 * Proof that the caller holds the key of a principal: a signature over a domain-separated,
 * timestamped challenge, made by the principal's key or by a session key that the principal's
 * key delegated to (an IC delegation chain, as `DelegationIdentity.getDelegation()` returns it).
 * Keys: Ed25519, ECDSA P-256 and secp256k1 (DER SPKI). Canister-signature roots (mainnet Internet
 * Identity) are refused as `unsupported_key`.
 */
export const principalProofSchema = z.object({
    principal: z.string().min(5).max(100),
    timestamp: z.number().int().positive(),
    publicKey: z.string().regex(/^[0-9a-f]+$/i),
    signature: z.string().regex(/^[0-9a-f]+$/i),
    delegations: z
        .array(
            z.object({
                delegation: z.object({
                    pubkey: z.string().regex(/^[0-9a-f]+$/i),
                    expiration: z.string().regex(/^[0-9a-f]+$/i),
                    targets: z.array(z.string()).optional()
                }),
                signature: z.string().regex(/^[0-9a-f]+$/i)
            })
        )
        .max(4)
        .optional()
});
export type PrincipalProof = z.infer<typeof principalProofSchema>;

export function proofMessage(purpose: string, principal: string, timestampMs: number): Uint8Array {
    return new TextEncoder().encode(`trustcloud:${purpose}:v1:${principal}:${timestampMs}`);
}

export function verifyPrincipalProof(proof: PrincipalProof, purpose: string, nowMs: number, toleranceMs = 300_000): Principal {
    if (Math.abs(nowMs - proof.timestamp) > toleranceMs) throw new VerificationError('stale_timestamp', 'proof timestamp outside tolerance');
    const rootDer = Buffer.from(proof.publicKey, 'hex');
    const claimed = parsePrincipal(proof.principal);
    const derived = Principal.selfAuthenticating(new Uint8Array(rootDer));
    if (derived.toText() !== claimed.toText()) throw new VerificationError('principal_mismatch', 'public key does not belong to the principal');
    let signer = toKey(rootDer);
    for (const d of proof.delegations ?? []) signer = checkDelegation(signer, d, nowMs);
    const ok = verifyWith(signer, proofMessage(purpose, proof.principal, proof.timestamp), Buffer.from(proof.signature, 'hex'));
    if (!ok) throw new VerificationError('bad_signature', 'proof signature does not match');
    return claimed;
}

type SignedDelegationJson = NonNullable<PrincipalProof['delegations']>[number];

function checkDelegation(signer: KeyObject, d: SignedDelegationJson, nowMs: number): KeyObject {
    const pubkey = Buffer.from(d.delegation.pubkey, 'hex');
    const expiration = BigInt('0x' + d.delegation.expiration);
    if (expiration < BigInt(nowMs) * 1_000_000n) throw new VerificationError('expired', 'delegation expired');
    const fields: Record<string, unknown> = { pubkey: new Uint8Array(pubkey), expiration };
    if (d.delegation.targets) fields.targets = d.delegation.targets.map((t) => Principal.fromHex(t));
    const message = Buffer.concat([Buffer.from(IC_REQUEST_AUTH_DELEGATION_DOMAIN_SEPARATOR), Buffer.from(requestIdOf(fields))]);
    if (!verifyWith(signer, message, Buffer.from(d.signature, 'hex'))) throw new VerificationError('bad_signature', 'delegation signature does not match');
    return toKey(pubkey);
}

function parsePrincipal(text: string): Principal {
    try {
        return Principal.fromText(text);
    } catch {
        throw new VerificationError('malformed_body', 'principal is not valid');
    }
}

function toKey(der: Buffer): KeyObject {
    try {
        return createPublicKey({ key: der, format: 'der', type: 'spki' });
    } catch {
        throw new VerificationError('unsupported_key', 'public key is not a supported DER key (Ed25519, P-256, secp256k1)');
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
