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

export interface ChatIdentity {
    identifier: string;
    identifier_hash: string;
}

/**
 * Asks the relay for the widget identity of the signed-in principal — for one contract when
 * `contractId` is given (`<principal>/contract/<id>`, only to the contract's tenant), so the widget
 * shows that contract's conversation — with its `identifier_hash` (the inbox's HMAC token never
 * reaches the browser). The request carries a principal proof (relay `verify/principal_proof.ts`):
 * the session key's signature over `trustcloud:chatwoot-identity:v1:<principal>:<timestampMs>` and
 * the delegation chain from the principal's key to the session key.
 */
export async function getChatIdentity(identity: Identity, contractId?: bigint): Promise<ChatIdentity | undefined> {
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
    const path = contractId === undefined ? 'identity' : 'contract-identity';
    const res = await fetch(`${relay.replace(/\/$/, '')}/chatwoot/${path}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(contractId === undefined ? { proof } : { proof, contractId: contractId.toString() })
    });
    if (!res.ok) throw new Error(res.status === 403 ? 'Only the tenant of this contract can chat about it here.' : `The chat identity could not be obtained (relay answered ${res.status}).`);
    return (await res.json()) as ChatIdentity;
}
