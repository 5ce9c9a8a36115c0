import type { Identity } from '@dfinity/agent';
import { env } from '@/config/env';
import { canProve, provenFetch } from '@/lib/principal-proof';

export interface ChatIdentity {
    identifier: string;
    identifier_hash: string;
}

/**
 * Asks the relay for the widget identity of the signed-in principal — for one contract when
 * `contractId` is given (`<principal>/contract/<id>`, only to the contract's tenant), so the widget
 * shows that contract's conversation — with its `identifier_hash` (the inbox's HMAC token never
 * reaches the browser). The request carries a principal proof bound to this very request.
 */
export async function getChatIdentity(identity: Identity, contractId?: bigint): Promise<ChatIdentity | undefined> {
    const relay = env().relayUrl;
    if (relay === undefined || !canProve(identity)) return undefined;
    const path = contractId === undefined ? 'identity' : 'contract-identity';
    const body = contractId === undefined ? '' : JSON.stringify({ contractId: contractId.toString() });
    const headers: Record<string, string> = contractId === undefined ? {} : { 'Content-Type': 'application/json' };
    const res = await provenFetch(identity, `${relay.replace(/\/$/, '')}/chatwoot/${path}`, { method: 'POST', body, headers });
    if (!res.ok) throw new Error(res.status === 403 ? 'Only the tenant of this contract can chat about it here.' : `The chat identity could not be obtained (relay answered ${res.status}).`);
    return (await res.json()) as ChatIdentity;
}
