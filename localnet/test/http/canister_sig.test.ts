// Canister-signature identities end to end: the local identity provider signs delegations through
// the certified data of the identity canister on a real LocalIcImpl; ingress verifies them as the
// IC does, and refuses signatures that a canister other than the key's, or another root, made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Cbor, SignIdentity, type PublicKey, type Signature } from '@dfinity/agent';
import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { canisterSigFailure, encodeCanisterSignature, parseCanisterSigKey } from '../../src/crypto/canister_sig.js';
import type { HashTree } from '../../src/crypto/tree.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { IDENTITY_CANISTER_ID, IdentityCanister } from '../../src/identity_provider/identity_canister.js';
import { delegationMessage, userKey } from '../../src/identity_provider/keys.js';
import { SignatureMap } from '../../src/identity_provider/signatures.js';
import type { DelegationResponse } from '../../src/identity_provider/provider.js';
import { agentFor, caught } from './helpers.js';
import { installWhoami, whoamiActor } from './whoami_canister.js';

const APP = 'http://localhost:5173';
const keys = deriveDevKeys();
let ic: LocalIcImpl;
let server: LocalnetServer;
let whoamiId: Principal;

beforeAll(async () => {
    ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 0 });
    whoamiId = installWhoami(ic, Ed25519KeyIdentity.generate().getPrincipal());
});
afterAll(async () => server?.close());

const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));
const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

async function login(user: string, session: Ed25519KeyIdentity, extra: Record<string, unknown> = {}): Promise<DelegationResponse> {
    const res = await fetch(`${server.url}/identity/api/delegation`, {
        method: 'POST',
        body: JSON.stringify({ user, sessionPublicKey: hex(session.getPublicKey().toDer()), origin: APP, ...extra })
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as DelegationResponse;
}

/** What AuthClient builds from authorize-client-success. */
function identityOf(userPublicKey: Uint8Array, delegations: { pubkey: Uint8Array; expiration: bigint; signature: Uint8Array }[], session: Ed25519KeyIdentity): DelegationIdentity {
    const chain = DelegationChain.fromDelegations(
        delegations.map(d => ({ delegation: new Delegation(d.pubkey, d.expiration), signature: d.signature as never })),
        userPublicKey as never
    );
    return DelegationIdentity.fromDelegation(session, chain);
}

function fromResponse(d: DelegationResponse, session: Ed25519KeyIdentity): DelegationIdentity {
    const x = d.delegations[0] as DelegationResponse['delegations'][number];
    return identityOf(unhex(d.userPublicKey), [{ pubkey: unhex(x.delegation.pubkey), expiration: BigInt(x.delegation.expiration), signature: unhex(x.signature) }], session);
}

/** A canister signature made with any certifier (keys) for any canister's certified data. */
function forge(o: { seed: Uint8Array; message: Uint8Array; certifiedBy: ReturnType<typeof deriveDevKeys>; canister: Principal }): Uint8Array {
    const map = new SignatureMap();
    map.add(o.seed, o.message, Date.now());
    const certificate = new LocalCertifier(o.certifiedBy).dataCertificate(o.canister, map.rootHash(), BigInt(Date.now()) * 1_000_000n);
    return encodeCanisterSignature(certificate, map.witness(o.seed, o.message) as HashTree);
}

async function callAs(identity: DelegationIdentity): Promise<string> {
    const actor = whoamiActor(await agentFor(server.url, identity, { retryTimes: 0 }), whoamiId);
    return (await actor.whoami()).toText();
}

describe('identity provider: canister-signature identities', () => {
    it("issues a delegation rooted in the identity canister's canister-signature key; updates and queries see the user's principal", async () => {
        const session = Ed25519KeyIdentity.generate();
        const d = await login('alice', session);
        const key = parseCanisterSigKey(unhex(d.userPublicKey));
        expect(key?.canisterId.toText()).toBe(IDENTITY_CANISTER_ID.toText());
        expect(d.principal).toBe(userKey('alice', APP).principal.toText());
        expect(ic.canisterInfo(IDENTITY_CANISTER_ID)?.controllers).toHaveLength(1);
        const sig = Cbor.decode(unhex(d.delegations[0]?.signature ?? '')) as { certificate: Uint8Array; tree: HashTree };
        expect(sig.certificate).toBeInstanceOf(Uint8Array);
        const actor = whoamiActor(await agentFor(server.url, fromResponse(d, session)), whoamiId);
        expect((await actor.whoami()).toText()).toBe(d.principal);
        expect((await actor.whoamiQuery()).toText()).toBe(d.principal);
    });

    it('earlier signatures stay valid after later ones change the certified data', async () => {
        const first = Ed25519KeyIdentity.generate();
        const d1 = await login('bob', first);
        await login('carol', Ed25519KeyIdentity.generate());
        await login('dave', Ed25519KeyIdentity.generate());
        expect(await callAs(fromResponse(d1, first))).toBe(d1.principal);
    });

    it('the certified data can only be set by the canister controller', async () => {
        const stranger = Ed25519KeyIdentity.generate().getPrincipal();
        const out = ic.update({ sender: stranger, canisterId: IDENTITY_CANISTER_ID, methodName: 'set_certified_data', arg: new Uint8Array(32) });
        expect(out).toMatchObject({ status: 'rejected', errorCode: 'IC0503' });
        expect(out.status === 'rejected' && out.rejectMessage).toMatch(/only a controller/);
        new IdentityCanister(ic).ensure(); // idempotent: same module, nothing reinstalled
    });
});

/** A sender whose own key is a canister-signature key: each request signed through certified data. */
class CanisterSigner extends SignIdentity {
    constructor(
        private readonly seed: Uint8Array,
        private readonly der: Uint8Array,
        private readonly certifiedBy: ReturnType<typeof deriveDevKeys>
    ) {
        super();
    }
    getPublicKey(): PublicKey {
        return { toDer: () => this.der, rawKey: this.der, derKey: this.der } as unknown as PublicKey;
    }
    async sign(blob: Uint8Array): Promise<Signature> {
        return forge({ seed: this.seed, message: blob, certifiedBy: this.certifiedBy, canister: IDENTITY_CANISTER_ID }) as Signature;
    }
}

describe('ingress with a canister-signature sender_pubkey (no delegation)', () => {
    it('accepts requests signed through the canister\'s certified data, refuses a forged root', async () => {
        const user = userKey('direct', APP);
        const agent = await agentFor(server.url, new CanisterSigner(user.seed, user.publicKeyDer, keys), { retryTimes: 0 });
        expect((await whoamiActor(agent, whoamiId).whoami()).toText()).toBe(user.principal.toText());
        expect((await whoamiActor(agent, whoamiId).whoamiQuery()).toText()).toBe(user.principal.toText());
        const forged = await agentFor(server.url, new CanisterSigner(user.seed, user.publicKeyDer, deriveDevKeys('attacker')), { retryTimes: 0 });
        expect(String(await caught(whoamiActor(forged, whoamiId).whoami()))).toMatch(/Invalid signature: the signature over request .* does not verify \(canister signature: the certificate signature does not verify against the root key\)/);
    });
});

describe('ingress refuses forged canister signatures', () => {
    const exp = (): bigint => BigInt(Date.now() + 600_000) * 1_000_000n;

    it('a signature certified by the right root for the right canister passes (the forging harness is sound)', async () => {
        const session = Ed25519KeyIdentity.generate();
        const victim = userKey('victim', APP);
        const pubkey = new Uint8Array(session.getPublicKey().toDer());
        const expiration = exp();
        const signature = forge({ seed: victim.seed, message: delegationMessage({ pubkey, expiration }), certifiedBy: keys, canister: IDENTITY_CANISTER_ID });
        expect(await callAs(identityOf(victim.publicKeyDer, [{ pubkey, expiration, signature }], session))).toBe(victim.principal.toText());
    });

    it("refuses one certified by another root key, or over another canister's certified data, or for another seed or message", async () => {
        const session = Ed25519KeyIdentity.generate();
        const victim = userKey('victim', APP);
        const pubkey = new Uint8Array(session.getPublicKey().toDer());
        const expiration = exp();
        const message = delegationMessage({ pubkey, expiration });
        const attempts: [string, Uint8Array, RegExp][] = [
            ['other root', forge({ seed: victim.seed, message, certifiedBy: deriveDevKeys('attacker'), canister: IDENTITY_CANISTER_ID }), /does not verify against the root key/],
            ["the attacker's canister", forge({ seed: victim.seed, message, certifiedBy: keys, canister: whoamiId }), /no certified data of canister/],
            ['other seed', forge({ seed: userKey('mallory', APP).seed, message, certifiedBy: keys, canister: IDENTITY_CANISTER_ID }), /does not contain sig/],
            ['other message', forge({ seed: victim.seed, message: delegationMessage({ pubkey, expiration: expiration + 1n }), certifiedBy: keys, canister: IDENTITY_CANISTER_ID }), /does not contain sig/],
            ['not CBOR', new Uint8Array(64), /not CBOR/]
        ];
        for (const [what, signature, reason] of attempts) {
            const e = String(await caught(callAs(identityOf(victim.publicKeyDer, [{ pubkey, expiration, signature }], session))));
            expect(e, what).toMatch(/Invalid delegation: the signature of delegation 0 does not verify/);
            expect(e, what).toMatch(reason);
        }
    });

    it("refuses a real user's signature presented for another user's key", async () => {
        const session = Ed25519KeyIdentity.generate();
        const d = await login('alice', session);
        const x = d.delegations[0] as DelegationResponse['delegations'][number];
        const victim = userKey('bob', APP);
        const stolen = identityOf(victim.publicKeyDer, [{ pubkey: unhex(x.delegation.pubkey), expiration: BigInt(x.delegation.expiration), signature: unhex(x.signature) }], session);
        expect(String(await caught(callAs(stolen)))).toMatch(/does not contain sig/);
    });

    it('the verifier itself: a tampered tree no longer matches the certified data', async () => {
        const session = Ed25519KeyIdentity.generate();
        const d = await login('erin', session);
        const x = d.delegations[0] as DelegationResponse['delegations'][number];
        const message = delegationMessage({ pubkey: unhex(x.delegation.pubkey), expiration: BigInt(x.delegation.expiration) });
        const sig = Cbor.decode(unhex(x.signature)) as { certificate: Uint8Array; tree: HashTree };
        expect(canisterSigFailure(unhex(d.userPublicKey), message, unhex(x.signature), keys.rootKeyDer)).toBeNull();
        const tampered = encodeCanisterSignature(sig.certificate, [1, sig.tree, [3, new Uint8Array([1])]]);
        expect(canisterSigFailure(unhex(d.userPublicKey), message, tampered, keys.rootKeyDer)).toMatch(/root hash is not the canister's certified data/);
    });
});
