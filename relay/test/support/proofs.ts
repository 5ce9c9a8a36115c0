import { randomBytes } from 'node:crypto';
import type { SignIdentity } from '@dfinity/agent';
import { DelegationIdentity } from '@dfinity/identity';
import { proofMessage, type PrincipalProof, type ProofRequest } from '../../src/verify/index.js';

/** What the browser builds (frontend `principal-proof.ts`): a proof for exactly this request. */
export async function proofFor(identity: SignIdentity | DelegationIdentity, req: ProofRequest, o: { timestamp?: number; nonce?: string } = {}): Promise<PrincipalProof> {
    const principal = identity.getPrincipal().toText();
    const fields = { principal, timestamp: o.timestamp ?? Date.now(), nonce: o.nonce ?? randomBytes(16).toString('hex') };
    const signature = Buffer.from(await identity.sign(proofMessage(fields, req))).toString('hex');
    if (identity instanceof DelegationIdentity) {
        const chain = identity.getDelegation().toJSON();
        return { ...fields, publicKey: chain.publicKey, delegations: chain.delegations, signature };
    }
    return { ...fields, publicKey: Buffer.from(identity.getPublicKey().toDer()).toString('hex'), signature };
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Headers for a proven request to the relay. */
export async function provenHeaders(identity: SignIdentity | DelegationIdentity, method: string, path: string, body: string): Promise<Record<string, string>> {
    return { 'content-type': 'application/json', 'x-principal-proof': JSON.stringify(await proofFor(identity, { method, path, body: utf8(body) })) };
}
