// Per-user Ed25519 keys of the local identity provider, derived from a development seed, the user
// name and the frontend origin (so, as with Internet Identity, principals differ per origin).
import { Principal } from '@dfinity/principal';
import { ed25519 } from '@noble/curves/ed25519';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { hashOfMap } from '@dfinity/agent';
import { DEFAULT_DEV_SEED, ed25519Der } from '../crypto/root_key.js';

export const DELEGATION_DOMAIN = concatBytes(new Uint8Array([26]), utf8ToBytes('ic-request-auth-delegation'));

export interface UserKey {
    secretKey: Uint8Array;
    publicKeyDer: Uint8Array;
    principal: Principal;
}

export function userKey(user: string, origin: string, seed: string = DEFAULT_DEV_SEED): UserKey {
    const secretKey = sha256(utf8ToBytes(`${seed}/identity/${origin}/${user}`));
    const publicKeyDer = ed25519Der(ed25519.getPublicKey(secretKey));
    return { secretKey, publicKeyDer, principal: Principal.selfAuthenticating(publicKeyDer) };
}

export interface DelegationFields {
    pubkey: Uint8Array;
    expiration: bigint;
    targets?: Principal[];
}

/** Signs a delegation as the IC verifies it: over "\x1Aic-request-auth-delegation" ‖ hashOfMap(delegation). */
export function signDelegation(key: UserKey, d: DelegationFields): Uint8Array {
    const map: Record<string, unknown> = { pubkey: d.pubkey, expiration: d.expiration };
    if (d.targets !== undefined) map.targets = d.targets;
    return ed25519.sign(concatBytes(DELEGATION_DOMAIN, new Uint8Array(hashOfMap(map))), key.secretKey);
}
