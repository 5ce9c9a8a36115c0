// The relay's proven endpoints with Internet Identity-shaped users: signed in through localnet's
// identity provider (canister signatures certified by localnet), the relay fetching localnet's
// root key from IC_HOST as in development. A proof seen in transit cannot be replayed or re-aimed.
import { Ed25519KeyIdentity, type DelegationIdentity } from '@dfinity/identity';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalIcImpl, LocalCertifier, deriveDevKeys, startLocalnetServer, type LocalnetServer } from '@trustcloud/localnet';
import { idpIdentity } from '../../scripts/seed-identities.js';
import { Harness } from './support/harness.js';
import { provenHeaders } from './support/proofs.js';
import { principalProofHeader } from '../../frontend/src/lib/principal-proof.js';

const APP = 'http://localhost:5173';
const CONTACTS = '/providers/contacts';
let localnet: LocalnetServer;
let h: Harness;
let provider: DelegationIdentity;

beforeAll(async () => {
    const keys = deriveDevKeys();
    localnet = await startLocalnetServer({ ic: new LocalIcImpl({ certifier: new LocalCertifier(keys) }), keys, port: 0, tickIntervalMs: 0 });
    h = await new Harness().start({ IC_HOST: localnet.url, RELAY_CORS_ORIGINS: APP });
    provider = await idpIdentity(localnet.url, 'bob', APP);
});
afterAll(async () => {
    await h?.stop();
    await localnet?.close();
});

const contactsRow = () => h.relay.core.store.db.prepare('SELECT provider_id, email, phone FROM provider_contacts').all();
const put = (body: string, headers: Record<string, string>) => fetch(`${h.url}${CONTACTS}`, { method: 'PUT', body, headers });

describe('proven requests by canister-signature identities', () => {
    it("serve the chat identity hash for the II user's principal", async () => {
        const alice = await idpIdentity(localnet.url, 'alice', APP);
        const r = await fetch(`${h.url}/chatwoot/identity`, { method: 'POST', body: '', headers: await provenHeaders(alice, 'POST', '/chatwoot/identity', '') });
        expect(r.status).toBe(200);
        expect(await r.json()).toMatchObject({ identifier: alice.getPrincipal().toText() });
    });

    it("accept the browser's own proof (frontend principal-proof.ts) for the relay's URL", async () => {
        const body = JSON.stringify({ email: 'browser@bob.test' });
        const url = `${h.url}${CONTACTS}`;
        const r = await put(body, { 'content-type': 'application/json', 'x-principal-proof': await principalProofHeader(provider, 'PUT', url, body) });
        expect(r.status, await r.clone().text()).toBe(200);
        expect(contactsRow()).toEqual([{ provider_id: provider.getPrincipal().toText(), email: 'browser@bob.test', phone: null }]);
        h.relay.core.store.db.prepare('DELETE FROM provider_contacts').run();
    });

    it('set contacts once per proof: a replay of the same request is refused and changes nothing', async () => {
        const body = JSON.stringify({ email: 'ops@bob.test', phone: '+41790000001' });
        const headers = await provenHeaders(provider, 'PUT', CONTACTS, body);
        expect((await put(body, headers)).status).toBe(200);
        expect(contactsRow()).toEqual([{ provider_id: provider.getPrincipal().toText(), email: 'ops@bob.test', phone: '+41790000001' }]);
        h.relay.core.store.db.prepare('UPDATE provider_contacts SET email = ?').run('changed-since@bob.test');
        const replay = await put(body, headers);
        expect(replay.status).toBe(401);
        expect(await replay.json()).toMatchObject({ error: 'replayed' });
        expect(contactsRow()).toEqual([{ provider_id: provider.getPrincipal().toText(), email: 'changed-since@bob.test', phone: '+41790000001' }]);
    });

    it("refuse a proof seen in transit used for other contacts or another endpoint", async () => {
        const body = JSON.stringify({ email: 'new@bob.test' });
        const headers = await provenHeaders(provider, 'PUT', CONTACTS, body);
        const before = contactsRow();
        const swapped = await put(JSON.stringify({ email: 'attacker@evil.test', phone: '+10000000000' }), headers);
        expect(swapped.status).toBe(401);
        expect(await swapped.json()).toMatchObject({ error: 'bad_signature' });
        const elsewhere = await fetch(`${h.url}/chatwoot/identity`, { method: 'POST', body, headers });
        expect(elsewhere.status).toBe(401);
        expect(contactsRow()).toEqual(before);
        expect((await put(body, headers)).status).toBe(200); // still good for the request it was made for
    });

    it('refuse an Ed25519 key claiming the II principal', async () => {
        const body = JSON.stringify({ email: 'x@evil.test' });
        const headers = await provenHeaders(Ed25519KeyIdentity.generate(), 'PUT', CONTACTS, body);
        const proof = JSON.parse(headers['x-principal-proof'] as string) as Record<string, unknown>;
        const r = await put(body, { ...headers, 'x-principal-proof': JSON.stringify({ ...proof, principal: provider.getPrincipal().toText() }) });
        expect(r.status).toBe(401);
        expect(await r.json()).toMatchObject({ error: 'principal_mismatch' });
    });
});
