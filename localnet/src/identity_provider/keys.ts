// Per-user keys of the local identity provider. As with Internet Identity, a user's key is a
// canister-signature key of the identity canister; its seed derives from a development salt, the
// user name and the (derivation) origin, so principals differ per origin.
import { Principal } from '@dfinity/principal';
import { sha256 } from '@noble/hashes/sha2';
import { concatBytes, utf8ToBytes } from '@noble/hashes/utils';
import { hashOfMap } from '@dfinity/agent';
import { canisterSigPublicKeyDer } from '../crypto/canister_sig.js';
import { DEFAULT_DEV_SEED } from '../crypto/root_key.js';
import { IDENTITY_CANISTER_ID } from './identity_canister.js';

export const DELEGATION_DOMAIN = concatBytes(new Uint8Array([26]), utf8ToBytes('ic-request-auth-delegation'));

export interface UserKey {
    /** The canister-signature seed (32 bytes). */
    seed: Uint8Array;
    publicKeyDer: Uint8Array;
    principal: Principal;
}

export function userKey(user: string, origin: string, salt: string = DEFAULT_DEV_SEED, canisterId: Principal = IDENTITY_CANISTER_ID): UserKey {
    const seed = sha256(utf8ToBytes(`${salt}/identity/${origin}/${user}`));
    const publicKeyDer = canisterSigPublicKeyDer(canisterId, seed);
    return { seed, publicKeyDer, principal: Principal.selfAuthenticating(publicKeyDer) };
}

export interface DelegationFields {
    pubkey: Uint8Array;
    expiration: bigint;
    targets?: Principal[];
}

/** What a delegation's signature signs: "\x1Aic-request-auth-delegation" ‖ hashOfMap(delegation). */
export function delegationMessage(d: DelegationFields): Uint8Array {
    const map: Record<string, unknown> = { pubkey: d.pubkey, expiration: d.expiration };
    if (d.targets !== undefined) map.targets = d.targets;
    return concatBytes(DELEGATION_DOMAIN, new Uint8Array(hashOfMap(map)));
}
