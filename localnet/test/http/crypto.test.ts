// Unit tests of the crypto and authentication building blocks against the agent's own code.
import { describe, expect, it } from 'vitest';
import { Certificate, lookup_path, reconstruct as agentReconstruct, LookupPathStatus, requestIdOf, type HashTree as AgentTree } from '@dfinity/agent';
import { Ed25519KeyIdentity, DelegationChain } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { secp256k1 } from '@noble/curves/secp256k1';
import { p256 } from '@noble/curves/p256';
import { sha256 } from '@noble/hashes/sha2';
import { buildTree, leb128, reconstruct } from '../../src/crypto/tree.js';
import { certify } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { authenticate, verifySignature, IC_REQUEST_DOMAIN } from '../../src/http/auth.js';
import { AuthError } from '../../src/http/errors.js';
import type { Envelope, SignedDelegation } from '../../src/http/envelope.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('hash trees and certificates', () => {
    it('builds sorted trees whose root hash and lookups match the agent', async () => {
        const labels = ['status', 'reply', 'reject_code', 'error_code', 'reject_message', 'time', 'a', 'zz', 'm'];
        const tree = buildTree(new Map(labels.map(l => [l, utf8(`v-${l}`)])));
        expect(Buffer.from(reconstruct(tree))).toEqual(Buffer.from(await agentReconstruct(tree as unknown as AgentTree)));
        for (const l of labels) {
            const r = lookup_path([l], tree as unknown as AgentTree);
            expect(r.status).toBe(LookupPathStatus.Found);
        }
        expect(lookup_path(['nope'], tree as unknown as AgentTree).status).not.toBe(LookupPathStatus.Found);
    });

    it('leb128 encodes like the IC', () => {
        expect([...leb128(0)]).toEqual([0]);
        expect([...leb128(624485)]).toEqual([0xe5, 0x8e, 0x26]);
        expect([...leb128(5)]).toEqual([5]);
    });

    it('certificates verify with the agent against the fixed root key (same key on every derivation)', async () => {
        const keys = deriveDevKeys();
        expect(Buffer.from(deriveDevKeys().rootKeyDer)).toEqual(Buffer.from(keys.rootKeyDer));
        const bytes = certify(keys, new Map([['x', utf8('y')]]), BigInt(Date.now()) * 1_000_000n);
        const cert = await Certificate.create({ certificate: bytes, rootKey: keys.rootKeyDer, canisterId: Principal.managementCanister() });
        expect(new TextDecoder().decode(cert.lookup_path(['x']).status === LookupPathStatus.Found ? (cert.lookup_path(['x']) as { value: Uint8Array }).value : new Uint8Array())).toBe('y');
        const other = deriveDevKeys('another seed');
        await expect(Certificate.create({ certificate: bytes, rootKey: other.rootKeyDer, canisterId: Principal.managementCanister() })).rejects.toThrow();
    });
});

describe('signatures and delegation chains', () => {
    it('verifies ECDSA secp256k1 and P-256 sender signatures (raw r||s over sha256)', () => {
        const msg = utf8('hello');
        for (const [curve, prefix] of [
            [secp256k1, '3056301006072a8648ce3d020106052b8104000a034200'],
            [p256, '3059301306072a8648ce3d020106082a8648ce3d030107034200']
        ] as const) {
            const sk = curve.utils.randomPrivateKey();
            const der = new Uint8Array([...Buffer.from(prefix, 'hex'), ...curve.getPublicKey(sk, false)]);
            const sig = curve.sign(sha256(msg), sk).toCompactRawBytes();
            expect(verifySignature(der, msg, sig)).toBe(true);
            expect(verifySignature(der, utf8('other'), sig)).toBe(false);
        }
        expect(() => verifySignature(new Uint8Array([1, 2, 3]), msg, new Uint8Array(64))).toThrow(AuthError);
    });

    async function envelopeWithChain(length: number): Promise<{ env: Envelope; requestId: Uint8Array }> {
        const ids = Array.from({ length: length + 1 }, () => Ed25519KeyIdentity.generate());
        let chain: DelegationChain | undefined;
        for (let i = 0; i < length; i++) {
            chain = await DelegationChain.create(ids[i] as Ed25519KeyIdentity, (ids[i + 1] as Ed25519KeyIdentity).getPublicKey(), new Date(Date.now() + 60_000), chain ? { previous: chain } : {});
        }
        const root = ids[0] as Ed25519KeyIdentity;
        const last = ids[length] as Ed25519KeyIdentity;
        const content = { request_type: 'call', canister_id: new Uint8Array([1]), method_name: 'm', arg: new Uint8Array(), sender: root.getPrincipal().toUint8Array(), ingress_expiry: 1n };
        const requestId = new Uint8Array(requestIdOf(content));
        const sig = new Uint8Array(await last.sign(new Uint8Array([...IC_REQUEST_DOMAIN, ...requestId])));
        const delegations: SignedDelegation[] = (chain?.delegations ?? []).map(d => ({
            delegation: { pubkey: new Uint8Array(d.delegation.pubkey), expiration: d.delegation.expiration },
            signature: new Uint8Array(d.signature)
        }));
        return {
            requestId,
            env: {
                rawContent: content,
                content: { ...content, request_type: 'call' },
                senderPubkey: new Uint8Array(root.getPublicKey().toDer()),
                senderSig: sig,
                ...(length > 0 ? { senderDelegation: delegations } : {})
            }
        };
    }

    it('accepts chains of up to 20 delegations and refuses 21', async () => {
        const ctx = { nowNs: BigInt(Date.now()) * 1_000_000n, target: Principal.fromUint8Array(new Uint8Array([1])) };
        const ok = await envelopeWithChain(20);
        expect(() => authenticate(ok.env, { ...ctx, requestId: ok.requestId })).not.toThrow();
        const tooLong = await envelopeWithChain(21);
        expect(() => authenticate(tooLong.env, { ...ctx, requestId: tooLong.requestId })).toThrow(/at most 20/);
        const none = await envelopeWithChain(0);
        expect(authenticate(none.env, { ...ctx, requestId: none.requestId }).toText()).toBe(
            Principal.selfAuthenticating(none.env.senderPubkey as Uint8Array).toText()
        );
        expect(() => authenticate(none.env, { ...ctx, requestId: new Uint8Array(32) })).toThrow(/Invalid signature/);
    });
});
