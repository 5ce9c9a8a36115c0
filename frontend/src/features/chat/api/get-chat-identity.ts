import type { Identity } from '@dfinity/agent';
import { env } from '@/config/env';
import { canProve, provenFetch } from '@/lib/principal-proof';

/**
 * Asks the relay for the Chatwoot `identifier_hash` of the signed-in principal (the inbox's HMAC
 * token never reaches the browser), with a principal proof bound to this request.
 */
export async function getChatIdentity(identity: Identity): Promise<string | undefined> {
    const relay = env().relayUrl;
    if (relay === undefined || !canProve(identity)) return undefined;
    const res = await provenFetch(identity, `${relay.replace(/\/$/, '')}/chatwoot/identity`, { method: 'POST' });
    if (!res.ok) throw new Error(`relay answered ${res.status}`);
    const body = (await res.json()) as { identifier_hash?: string };
    return body.identifier_hash;
}
