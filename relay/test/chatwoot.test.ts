import { DelegationChain, DelegationIdentity, Ed25519KeyIdentity } from '@dfinity/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hmacSha256Hex } from '../src/verify/index.js';
import { proofFor, provenHeaders, utf8 } from './support/proofs.js';
import { Harness, SECRETS, until } from './support/harness.js';

let h: Harness;
const APP = 'http://localhost:5173';
beforeEach(async () => {
    h = await new Harness().start({ RELAY_CORS_ORIGINS: APP });
});
afterEach(async () => h.stop());

const IDENTITY = '/chatwoot/identity';
const identityRequest = async (identity: Ed25519KeyIdentity | DelegationIdentity, extra: Record<string, string> = {}) =>
    fetch(`${h.url}${IDENTITY}`, { method: 'POST', body: '', headers: { ...(await provenHeaders(identity, 'POST', IDENTITY, '')), ...extra } });

describe('widget identity hash', () => {
    it('serves HMAC-SHA256(identifier, inbox token) to the holder of the principal', async () => {
        const id = Ed25519KeyIdentity.generate();
        const r = await identityRequest(id);
        expect(r.status).toBe(200);
        const principal = id.getPrincipal().toText();
        expect(await r.json()).toEqual({ identifier: principal, identifier_hash: hmacSha256Hex(SECRETS.inboxHmac, principal) });
    });

    it('accepts a delegated session key (the shape of an Internet Identity login)', async () => {
        const root = Ed25519KeyIdentity.generate();
        const session = Ed25519KeyIdentity.generate();
        const chain = await DelegationChain.create(root, session.getPublicKey(), new Date(Date.now() + 600_000));
        const r = await identityRequest(DelegationIdentity.fromDelegation(session, chain));
        expect(r.status).toBe(200);
        expect(await r.json()).toMatchObject({ identifier: root.getPrincipal().toText() });
    });

    it('answers the browser preflight for allowed origins only, allowing the proof header', async () => {
        const pre = await fetch(`${h.url}${IDENTITY}`, { method: 'OPTIONS', headers: { origin: APP, 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-principal-proof' } });
        expect(pre.status).toBe(204);
        expect(pre.headers.get('access-control-allow-origin')).toBe(APP);
        expect(pre.headers.get('access-control-allow-headers')).toContain('x-principal-proof');
        const r = await identityRequest(Ed25519KeyIdentity.generate(), { origin: APP });
        expect(r.headers.get('access-control-allow-origin')).toBe(APP);
        const other = await fetch(`${h.url}${IDENTITY}`, { method: 'OPTIONS', headers: { origin: 'https://evil.example' } });
        expect(other.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('refuses someone asking for another principal, a proof for another request, a stale, a missing and a malformed proof', async () => {
        const me = Ed25519KeyIdentity.generate();
        const victim = Ed25519KeyIdentity.generate().getPrincipal().toText();
        const send = (proof: unknown) => h.post(IDENTITY, '', proof === undefined ? {} : { 'x-principal-proof': JSON.stringify(proof) });
        const mine = await proofFor(me, { method: 'POST', path: IDENTITY, body: utf8('') });
        const asVictim = await send({ ...mine, principal: victim });
        const otherRequest = await send(await proofFor(me, { method: 'PUT', path: '/providers/contacts', body: utf8('') }));
        const stale = await send(await proofFor(me, { method: 'POST', path: IDENTITY, body: utf8('') }, { timestamp: Date.now() - 3_600_000 }));
        const missing = await send(undefined);
        const malformed = await send({ principal: victim });
        expect([asVictim.status, otherRequest.status, stale.status, missing.status, malformed.status]).toEqual([401, 401, 401, 401, 400]);
        expect(await asVictim.json()).toMatchObject({ error: 'principal_mismatch' });
        expect(await otherRequest.json()).toMatchObject({ error: 'bad_signature' });
        expect(await missing.json()).toMatchObject({ error: 'missing_header' });
    });
});

describe('provider contacts', () => {
    it('stores contacts for the proven provider only', async () => {
        const provider = Ed25519KeyIdentity.generate();
        const put = async (body: string) => fetch(`${h.url}/providers/contacts`, { method: 'PUT', body, headers: await provenHeaders(provider, 'PUT', '/providers/contacts', body) });
        const r = await put(JSON.stringify({ telegramChatId: '12345', email: 'ops@p.test', phone: '+41790000000' }));
        expect(r.status).toBe(200);
        const row = h.relay.core.store.db.prepare('SELECT provider_id, telegram_chat_id, email, phone FROM provider_contacts').get();
        expect(row).toEqual({ provider_id: provider.getPrincipal().toText(), telegram_chat_id: '12345', email: 'ops@p.test', phone: '+41790000000' });
        expect((await put(JSON.stringify({ phone: '0790000000' }))).status).toBe(400);
        expect((await put(JSON.stringify({ proof: {}, email: 'ops@p.test' }))).status).toBe(400);
    });
});

describe('Chatwoot set-up from the canister', () => {
    it('creates an agent per provider, idempotently, and creates no conversations (the widget could not see them)', async () => {
        h.gateway.providers = [
            { providerId: 'prov-1', name: 'Acme Hosting', email: 'agent@acme.test' },
            { providerId: 'prov-2', name: 'No Mail', email: null }
        ];
        h.gateway.contractRecords = [{ contractId: '42', providerId: 'prov-1', tenantId: 'tenant-aaaaa-bbbbb', status: 'Requested', createdAt: 0 }];
        h.chatwoot.agents.push({ id: 9, email: 'agent@acme.test', name: 'Acme (created by an earlier, interrupted run)' });
        await h.relay.sync.round();
        await until(() => h.relay.core.store.rows().filter((r) => r.kind.startsWith('chatwoot.')).every((r) => r.state !== 'pending'));
        await h.relay.sync.round();
        expect(h.chatwoot.agents).toHaveLength(1);
        // No email, no agent and no job (nothing dead to report); an email added later gets its agent.
        expect(h.relay.core.store.rows('chatwoot.agent').map((r) => [r.dedupe_key, r.state])).toEqual([['chatwoot:agent:prov-1:agent@acme.test', 'done']]);
        h.gateway.providers[1] = { providerId: 'prov-2', name: 'No Mail', email: 'ops@nomail.test' };
        await h.relay.sync.round();
        await until(() => h.chatwoot.agents.length === 2);
        expect(h.chatwoot.find('POST', /\/conversations$/)).toEqual([]);
        expect(h.chatwoot.find('POST', /\/contacts$/)).toEqual([]);
    });
});
