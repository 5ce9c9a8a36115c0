import type { Identity } from '@dfinity/agent';

/** The relay's request header for a principal proof (relay `verify/principal_proof.ts`). */
export const PRINCIPAL_PROOF_HEADER = 'x-principal-proof';

interface ChainJson {
    publicKey: string;
    delegations: { delegation: { pubkey: string; expiration: string; targets?: string[] }; signature: string }[];
}
interface SigningIdentity extends Identity {
    sign(blob: Uint8Array): Promise<Uint8Array>;
    getPublicKey(): { toDer(): Uint8Array };
    getDelegation?: () => { toJSON(): ChainJson };
}

const toHex = (b: ArrayBuffer | Uint8Array): string => [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');

export function canProve(identity: Identity): boolean {
    return typeof (identity as SigningIdentity).sign === 'function';
}

/**
 * A proof that this browser holds the principal, for exactly one request: the session key signs
 * the principal, time, a fresh nonce, the method, the path and sha256 of the body; the delegation
 * chain (Internet Identity: rooted in a canister-signature key) links it to the principal.
 */
export async function principalProofHeader(identity: Identity, method: string, url: string, body: string): Promise<string> {
    const id = identity as SigningIdentity;
    const principal = identity.getPrincipal().toText();
    const timestamp = Date.now();
    const nonce = toHex(crypto.getRandomValues(new Uint8Array(16)));
    const bodyHash = toHex(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)));
    const message = ['trustcloud:principal-proof:v2', principal, String(timestamp), nonce, method.toUpperCase(), new URL(url).pathname, bodyHash].join('\n');
    const signature = toHex(await id.sign(new TextEncoder().encode(message)));
    const chain = id.getDelegation?.().toJSON();
    return JSON.stringify({ principal, timestamp, nonce, publicKey: chain?.publicKey ?? toHex(id.getPublicKey().toDer()), signature, delegations: chain?.delegations });
}

/** `fetch` with a principal proof for this very request. */
export async function provenFetch(identity: Identity, url: string, init: { method: string; body?: string; headers?: Record<string, string> }): Promise<Response> {
    const body = init.body ?? '';
    const proof = await principalProofHeader(identity, init.method, url, body);
    return fetch(url, { method: init.method, body, headers: { ...init.headers, [PRINCIPAL_PROOF_HEADER]: proof } });
}
