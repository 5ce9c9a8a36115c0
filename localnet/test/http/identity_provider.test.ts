// The local identity provider: its delegations verify in the HTTP call path, and the page speaks
// Internet Identity's window-message protocol.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Delegation, DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { Principal } from '@dfinity/principal';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { IdentityProvider, type DelegationResponse } from '../../src/identity_provider/provider.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { agentFor, caught } from './helpers.js';
import { installWhoami, whoamiActor } from './whoami_canister.js';

let server: LocalnetServer;
let localIc: LocalIcImpl;
let canister: Principal;
beforeAll(async () => {
    const keys = deriveDevKeys();
    localIc = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    server = await startLocalnetServer({ ic: localIc, keys, port: 0, tickIntervalMs: 0 });
    canister = installWhoami(localIc, Ed25519KeyIdentity.generate().getPrincipal());
});
afterAll(async () => server.close());

const unhex = (h: string): Uint8Array => new Uint8Array(Buffer.from(h, 'hex'));

async function login(user: string, session: Ed25519KeyIdentity, origin = 'http://localhost:5173', extra: Record<string, unknown> = {}): Promise<DelegationResponse> {
    const res = await fetch(`${server.url}/identity/api/delegation`, {
        method: 'POST',
        body: JSON.stringify({ user, sessionPublicKey: Buffer.from(session.getPublicKey().toDer()).toString('hex'), origin, ...extra })
    });
    expect(res.status).toBe(200);
    return (await res.json()) as DelegationResponse;
}

function identityFrom(d: DelegationResponse, session: Ed25519KeyIdentity): DelegationIdentity {
    // What AuthClient does with an authorize-client-success message.
    const chain = DelegationChain.fromDelegations(
        d.delegations.map(x => ({
            delegation: new Delegation(unhex(x.delegation.pubkey), BigInt(x.delegation.expiration), x.delegation.targets?.map(t => Principal.fromText(t))),
            signature: unhex(x.signature) as never
        })),
        unhex(d.userPublicKey) as never
    );
    return DelegationIdentity.fromDelegation(session, chain);
}

describe('identity provider', () => {
    it('serves the page, which posts authorize-ready and answers authorize-client-success', async () => {
        const res = await fetch(`${server.url}/identity`);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain("kind: 'authorize-ready'");
        expect(html).toContain("kind: 'authorize-client-success'");
        expect(html).toContain("authnMethod: 'passkey'");
        const users = (await (await fetch(`${server.url}/identity/api/users`)).json()) as { users: string[] };
        expect(users.users).toContain('alice');
    });

    it('a delegation for a test user verifies in the call path; the principal is stable per user and origin', async () => {
        const session = Ed25519KeyIdentity.generate();
        const d = await login('alice', session);
        const id = identityFrom(d, session);
        expect(id.getPrincipal().toText()).toBe(d.principal);
        const actor = whoamiActor(await agentFor(server.url, id), canister);
        expect((await actor.whoami()).toText()).toBe(d.principal);
        expect((await actor.whoamiQuery()).toText()).toBe(d.principal);
        const again = await login('alice', Ed25519KeyIdentity.generate());
        expect(again.principal).toBe(d.principal);
        expect((await login('bob', session)).principal).not.toBe(d.principal);
        expect((await login('alice', session, 'http://other.localhost:3000')).principal).not.toBe(d.principal);
    });

    it('new users are created on first sign-in; targets and maxTimeToLive are honoured', async () => {
        const session = Ed25519KeyIdentity.generate();
        const d = await login('dave_1', session, 'http://localhost:5173', { maxTimeToLive: String(60n * 1_000_000_000n), targets: [canister.toText()] });
        const exp = BigInt(d.delegations[0]?.delegation.expiration ?? '0');
        expect(Number(exp / 1_000_000n) - Date.now()).toBeLessThanOrEqual(60_000);
        expect((await (await fetch(`${server.url}/identity/api/users`)).json()) as unknown).toEqual(expect.objectContaining({ users: expect.arrayContaining(['dave_1']) }));
        const actor = whoamiActor(await agentFor(server.url, identityFrom(d, session)), canister);
        expect((await actor.whoami()).toText()).toBe(d.principal);
        const elsewhere = await login('dave_1', session, 'http://localhost:5173', { targets: ['ryjl3-tyaaa-aaaaa-aaaba-cai'] });
        const refused = whoamiActor(await agentFor(server.url, identityFrom(elsewhere, session), { retryTimes: 0 }), canister);
        expect(String(await caught(refused.whoami()))).toMatch(/targets/);
    });

    it('rejects bad requests with 400', async () => {
        const bad = await fetch(`${server.url}/identity/api/delegation`, { method: 'POST', body: JSON.stringify({ user: 'no spaces allowed', sessionPublicKey: 'ab', origin: 'x' }) });
        expect(bad.status).toBe(400);
        const notJson = await fetch(`${server.url}/identity/api/delegation`, { method: 'POST', body: '{' });
        expect(notJson.status).toBe(400);
    });

    it('keeps created users in a file across restarts', async () => {
        const usersFile = join(mkdtempSync(join(tmpdir(), 'localnet-idp-')), 'state', 'identity_users.json');
        const a = new IdentityProvider({ ic: localIc, usersFile });
        await a.delegate({ user: 'zed', sessionPublicKey: Buffer.from(Ed25519KeyIdentity.generate().getPublicKey().toDer()).toString('hex'), origin: 'http://localhost:5173' });
        expect(new IdentityProvider({ ic: localIc, usersFile }).users()).toEqual(['alice', 'bob', 'carol', 'zed']);
    });
});
