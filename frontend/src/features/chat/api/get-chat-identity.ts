import type { Identity } from '@dfinity/agent';
import { env } from '@/config/env';

function toHex(b: ArrayBuffer | Uint8Array): string {
    return [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

interface DelegatingIdentity extends Identity {
    sign(blob: Uint8Array): Promise<Uint8Array>;
    getDelegation?: () => { toJSON(): { publicKey: string; delegations: { delegation: { pubkey: string; expiration: string; targets?: string[] }; signature: string }[] } };
    getPublicKey(): { toDer(): Uint8Array };
}

/**
 * Asks the relay for the Chatwoot `identifier_hash` of the signed-in principal (the inbox's HMAC
 * token never reaches the browser). The request carries a principal proof (relay
 * `verify/principal_proof.ts`): the session key's signature over
 * `trustcloud:chatwoot-identity:v1:<principal>:<timestampMs>` and the delegation chain from the
 * principal's key to the session key.
 */
export async function getChatIdentity(identity: Identity): Promise<string | undefined> {
    const relay = env().relayUrl;
    if (relay === undefined) return undefined;
    const id = identity as DelegatingIdentity;
    if (typeof id.sign !== 'function') return undefined;
    const principal = identity.getPrincipal().toText();
    const timestamp = Date.now();
    const signature = toHex(await id.sign(new TextEncoder().encode(`trustcloud:chatwoot-identity:v1:${principal}:${timestamp}`)));
    const chain = id.getDelegation?.().toJSON();
    const proof = {
        principal,
        timestamp,
        publicKey: chain?.publicKey ?? toHex(id.getPublicKey().toDer()),
        signature,
        delegations: chain?.delegations
    };
    const res = await fetch(`${relay.replace(/\/$/, '')}/chatwoot/identity`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ proof })
    });
    if (!res.ok) throw new Error(`relay answered ${res.status}`);
    const body = (await res.json()) as { identifier_hash?: string };
    return body.identifier_hash;
}
