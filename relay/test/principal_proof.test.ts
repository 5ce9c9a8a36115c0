// Principal proofs: bound to one request, rooted in Ed25519/ECDSA keys or in canister-signature
// keys (Internet Identity). The canister signatures come from localnet's identity provider: its
// identity canister's certified data, certified by localnet's own root key.
import { generateKeyPairSync, sign as cryptoSign } from 'node:crypto';
import { Delegation, DelegationChain, DelegationIdentity, ECDSAKeyIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { IC_ROOT_KEY } from '@dfinity/agent';
import { beforeAll, describe, expect, it } from 'vitest';
import { LocalIcImpl, IdentityProvider, LocalCertifier, deriveDevKeys, userKey } from '@trustcloud/localnet';
import { VerificationBudget, VerificationError, parseCanisterSigKey, proofMessage, verifyPrincipalProof, type PrincipalProof, type ProofRequest } from '../src/verify/index.js';
import { proofFor, utf8 } from './support/proofs.js';

const keys = deriveDevKeys();
const AUDIENCE = Principal.fromText('uxrrr-q7777-77774-qaaaq-cai');
const APP = 'http://localhost:5173';
const PUT: ProofRequest = { method: 'PUT', path: '/providers/contacts', body: utf8('{"email":"ops@p.test"}') };
let idp: IdentityProvider;

beforeAll(() => {
    idp = new IdentityProvider({ ic: new LocalIcImpl({ certifier: new LocalCertifier(keys) }) });
});

async function reason(p: Promise<unknown>): Promise<string> {
    try {
        await p;
    } catch (e) {
        if (e instanceof VerificationError) return e.reason;
        throw e;
    }
    return 'accepted';
}

const opts = (o: { nowMs?: number; rootKey?: Uint8Array } = {}) => ({ nowMs: o.nowMs ?? Date.now(), rootKey: async () => o.rootKey ?? keys.rootKeyDer, audience: AUDIENCE });
const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

/** Signs in through the identity provider, as AuthClient would, and returns the session identity. */
async function iiUser(user: string, extra: { maxTimeToLive?: string; targets?: string[] } = {}): Promise<DelegationIdentity> {
    const session = Ed25519KeyIdentity.generate();
    const d = await idp.delegate({ user, origin: APP, sessionPublicKey: Buffer.from(session.getPublicKey().toDer()).toString('hex'), ...extra });
    const chain = DelegationChain.fromDelegations(
        d.delegations.map((x) => ({
            delegation: new Delegation(unhex(x.delegation.pubkey), BigInt(x.delegation.expiration), x.delegation.targets?.map((t) => Principal.fromText(t))),
            signature: unhex(x.signature) as never
        })),
        unhex(d.userPublicKey) as never
    );
    return DelegationIdentity.fromDelegation(session, chain);
}

describe('proofs by Ed25519 and ECDSA keys', () => {
    it('accept the holder of the key, directly or through a delegated session key', async () => {
        const ed = Ed25519KeyIdentity.generate();
        expect((await verifyPrincipalProof(await proofFor(ed, PUT), PUT, opts())).toText()).toBe(ed.getPrincipal().toText());
        const ec = await ECDSAKeyIdentity.generate();
        expect((await verifyPrincipalProof(await proofFor(ec, PUT), PUT, opts())).toText()).toBe(ec.getPrincipal().toText());
        const session = Ed25519KeyIdentity.generate();
        const chain = await DelegationChain.create(ed, session.getPublicKey(), new Date(Date.now() + 3_600_000));
        const delegated = await proofFor(DelegationIdentity.fromDelegation(session, chain), PUT);
        expect((await verifyPrincipalProof(delegated, PUT, opts())).toText()).toBe(ed.getPrincipal().toText());
        expect(await reason(verifyPrincipalProof(delegated, PUT, opts({ nowMs: Date.now() + 3_700_000 })))).toBe('stale_timestamp');
    });

    it('refuse another principal, a stale proof, a forged signature and an RSA key', async () => {
        const id = Ed25519KeyIdentity.generate();
        const other = Ed25519KeyIdentity.generate();
        const proof = await proofFor(id, PUT);
        expect(await reason(verifyPrincipalProof({ ...proof, principal: other.getPrincipal().toText() }, PUT, opts()))).toBe('principal_mismatch');
        expect(await reason(verifyPrincipalProof(proof, PUT, opts({ nowMs: Date.now() + 301_000 })))).toBe('stale_timestamp');
        expect(await reason(verifyPrincipalProof({ ...proof, signature: (await proofFor(other, PUT)).signature }, PUT, opts()))).toBe('bad_signature');
        const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
        const der = publicKey.export({ format: 'der', type: 'spki' });
        const fields = { principal: Principal.selfAuthenticating(new Uint8Array(der)).toText(), timestamp: Date.now(), nonce: 'ab'.repeat(16) };
        const rsa: PrincipalProof = { ...fields, publicKey: der.toString('hex'), signature: cryptoSign('sha256', proofMessage(fields, PUT), privateKey).toString('hex') };
        expect(await reason(verifyPrincipalProof(rsa, PUT, opts()))).toBe('unsupported_key');
    });

    it('bind the proof to the method, the path and the body', async () => {
        const id = Ed25519KeyIdentity.generate();
        const proof = await proofFor(id, PUT);
        expect(await reason(verifyPrincipalProof(proof, { ...PUT, body: utf8('{"email":"attacker@evil.test"}') }, opts()))).toBe('bad_signature');
        expect(await reason(verifyPrincipalProof(proof, { ...PUT, path: '/chatwoot/identity' }, opts()))).toBe('bad_signature');
        expect(await reason(verifyPrincipalProof(proof, { ...PUT, method: 'POST' }, opts()))).toBe('bad_signature');
        expect(await reason(verifyPrincipalProof({ ...proof, nonce: 'cd'.repeat(16) }, PUT, opts()))).toBe('bad_signature');
    });
});

describe('proofs by Internet Identity (canister-signature) users', () => {
    it('accept a delegation chain rooted in the identity canister, checked against the root key', async () => {
        const alice = await iiUser('alice');
        expect(parseCanisterSigKey(new Uint8Array(alice.getDelegation().publicKey))?.canisterId.toText()).toBe('rdmx6-jaaaa-aaaaa-aaadq-cai');
        const principal = await verifyPrincipalProof(await proofFor(alice, PUT), PUT, opts());
        expect(principal.toText()).toBe(userKey('alice', APP).principal.toText());
    });

    it('refuse them against another root key (here: the mainnet root key)', async () => {
        const proof = await proofFor(await iiUser('alice'), PUT);
        expect(await reason(verifyPrincipalProof(proof, PUT, opts({ rootKey: deriveDevKeys('another-ic').rootKeyDer })))).toBe('bad_signature');
        expect(await reason(verifyPrincipalProof(proof, PUT, opts({ rootKey: unhex(IC_ROOT_KEY) })))).toBe('bad_signature');
    });

    it("refuse one user's signed delegation presented for another user's key (wrong seed)", async () => {
        const proof = await proofFor(await iiUser('alice'), PUT);
        const bob = userKey('bob', APP);
        const asBob = { ...proof, principal: bob.principal.toText(), publicKey: Buffer.from(bob.publicKeyDer).toString('hex') };
        expect(await reason(verifyPrincipalProof(asBob, PUT, opts()))).toBe('bad_signature');
    });

    it('refuse an expired delegation', async () => {
        const proof = await proofFor(await iiUser('alice', { maxTimeToLive: String(60n * 1_000_000_000n) }), PUT, { timestamp: Date.now() + 120_000 });
        expect(await reason(verifyPrincipalProof(proof, PUT, opts({ nowMs: Date.now() + 120_000 })))).toBe('expired');
    });

    it("respect the delegation's targets: the relay's audience must be one of them", async () => {
        const elsewhere = await proofFor(await iiUser('alice', { targets: ['ryjl3-tyaaa-aaaaa-aaaba-cai'] }), PUT);
        expect(await reason(verifyPrincipalProof(elsewhere, PUT, opts()))).toBe('wrong_target');
        const here = await proofFor(await iiUser('alice', { targets: ['ryjl3-tyaaa-aaaaa-aaaba-cai', AUDIENCE.toText()] }), PUT);
        expect((await verifyPrincipalProof(here, PUT, opts())).toText()).toBe(userKey('alice', APP).principal.toText());
    });

    it('refuse a tampered delegation (the canister signature no longer covers it)', async () => {
        const proof = await proofFor(await iiUser('alice'), PUT);
        const d = proof.delegations?.[0];
        if (d === undefined) throw new Error('no delegation');
        const longer = { ...d, delegation: { ...d.delegation, expiration: (BigInt('0x' + d.delegation.expiration) + 1n).toString(16) } };
        expect(await reason(verifyPrincipalProof({ ...proof, delegations: [longer] }, PUT, opts()))).toBe('bad_signature');
    });

    it('bound the rate of new certificate checks (busy), while verified delegations are served from the cache', async () => {
        let t = 0;
        const budget = new VerificationBudget(1, 1, () => t);
        const withBudget = { ...opts(), budget };
        const alice = await iiUser('alice');
        expect((await verifyPrincipalProof(await proofFor(alice, PUT), PUT, withBudget)).toText()).toBe(userKey('alice', APP).principal.toText());
        const bobProof = await proofFor(await iiUser('bob'), PUT);
        expect(await reason(verifyPrincipalProof(bobProof, PUT, withBudget))).toBe('busy');
        expect((await verifyPrincipalProof(await proofFor(alice, PUT), PUT, withBudget)).toText()).toBe(userKey('alice', APP).principal.toText());
        t += 1_000;
        const forged = { ...bobProof, delegations: bobProof.delegations?.map((d) => ({ ...d, signature: 'ab' })) };
        expect(await reason(verifyPrincipalProof(forged, PUT, withBudget))).toBe('bad_signature'); // refused before any pairing: the token is left
        expect((await verifyPrincipalProof(bobProof, PUT, withBudget)).toText()).toBe(userKey('bob', APP).principal.toText());
    });

    it('say unsupported_key, not accepted, when the root key cannot be had', async () => {
        const proof = await proofFor(await iiUser('alice'), PUT);
        const noRoot = { nowMs: Date.now(), audience: AUDIENCE, rootKey: () => Promise.reject(new Error('connection refused')) };
        expect(await reason(verifyPrincipalProof(proof, PUT, noRoot))).toBe('unsupported_key');
    });
});
