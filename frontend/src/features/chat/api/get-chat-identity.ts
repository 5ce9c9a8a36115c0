import type { Identity } from '@dfinity/agent';
import { env } from '@/config/env';

function toHex(b: ArrayBuffer | Uint8Array): string {
    return [...new Uint8Array(b)].map((x) => x.toString(16).padStart(2, '0')).join('');
}

/**
 * Asks the relay for the Chatwoot `identifier_hash` of the signed-in principal (the inbox's HMAC
 * token never reaches the browser). The request proves ownership of the principal: it carries the
 * session's delegation chain and the session key's signature over
 * `"trustcloud-chatwoot-identity\n" + principal + "\n" + timestampMs`.
 */
export async function getChatIdentity(identity: Identity): Promise<string | undefined> {
    const relay = env().relayUrl;
    if (relay === undefined) return undefined;
    const principal = identity.getPrincipal().toText();
    const timestampMs = Date.now();
    const message = new TextEncoder().encode(`trustcloud-chatwoot-identity\n${principal}\n${timestampMs}`);
    const signer = identity as Identity & {
        sign?: (blob: Uint8Array) => Promise<Uint8Array>;
        getDelegation?: () => { toJSON(): unknown };
        getPublicKey?: () => { toDer(): Uint8Array };
    };
    const signature = signer.sign ? toHex(await signer.sign(message)) : undefined;
    const res = await fetch(`${relay.replace(/\/$/, '')}/chatwoot/identity`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
            principal,
            timestampMs,
            signature,
            sessionPublicKey: signer.getPublicKey ? toHex(signer.getPublicKey().toDer()) : undefined,
            delegation: signer.getDelegation?.().toJSON()
        })
    });
    if (!res.ok) throw new Error(`relay answered ${res.status}`);
    const body = (await res.json()) as { identifier_hash?: string };
    return body.identifier_hash;
}
