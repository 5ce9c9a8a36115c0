// The local Chatwoot of `npm start`: identity validation, conversations per contract, signed
// webhooks the relay accepts, replies shown in the widget, and state kept across restarts.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatwootEffects } from '../relay/src/chatwoot/signals.js';
import { verifyChatwoot } from '../relay/src/verify/chatwoot.js';
import { hmacSha256Hex } from '../relay/src/verify/hmac.js';
import { LocalChatwoot, LOCAL_CHATWOOT } from './start-chatwoot.js';

const ALICE = 'e35en-4zbgz-74yt7-h5uzo-jgf3l-6nzws-a7kje-jg37f-exbi4-qriwn-qqe';
const MALLORY = '6i2hf-im3di-rtexk-iou3w-2jfi4-oigrv-udcuy-sfh25-gbo3b-u6lwc-qae';
const hashOf = (identifier: string) => hmacSha256Hex(LOCAL_CHATWOOT.inboxHmacToken, identifier);

let chatwoot: LocalChatwoot;
let base: string;
let hooks: Server;
let stateFile: string;
const received: { body: any; deliveryId: string }[] = [];

async function startChatwoot(): Promise<void> {
    chatwoot = new LocalChatwoot({ stateFile });
    base = await chatwoot.start();
    chatwoot.webhookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/webhooks/chatwoot`;
}

beforeEach(async () => {
    stateFile = join(mkdtempSync(join(tmpdir(), 'local-chatwoot-')), 'chatwoot.json');
    received.length = 0;
    hooks = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            const raw = Buffer.concat(chunks);
            const { deliveryId } = verifyChatwoot(req.headers, raw, LOCAL_CHATWOOT.webhookSecret, Date.now(), 300);
            received.push({ body: JSON.parse(raw.toString()), deliveryId });
            res.writeHead(200).end('{}');
        });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    await startChatwoot();
});

afterEach(async () => {
    await chatwoot.stop();
    hooks.close();
});

async function widget(method: 'GET' | 'POST', path: string, fields: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const all = { website_token: LOCAL_CHATWOOT.websiteToken, ...fields };
    const r =
        method === 'GET'
            ? await fetch(`${base}/widget/v1/${path}?${new URLSearchParams(all as Record<string, string>)}`)
            : await fetch(`${base}/widget/v1/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(all) });
    return { status: r.status, body: await r.json() };
}

/** The relay's side of the API: what its ChatwootClient calls, through the same base URL. */
async function api(method: string, path: string, body?: unknown): Promise<{ status: number; body: any }> {
    const r = await fetch(`${base}/api/v1/accounts/1${path}`, {
        method,
        headers: { 'content-type': 'application/json', api_access_token: LOCAL_CHATWOOT.apiToken },
        body: body === undefined ? undefined : JSON.stringify(body)
    });
    return { status: r.status, body: await r.json() };
}

/** What the relay's provisioning does for a contract: the tenant's contact and its conversation. */
async function provisionConversation(tenant: string, contractId: string): Promise<number> {
    const contact = await api('POST', '/contacts', { inbox_id: 1, name: 'Tenant', identifier: tenant });
    const conv = await api('POST', '/conversations', { inbox_id: 1, contact_id: contact.body.payload.contact.id, custom_attributes: { contract_id: contractId } });
    return conv.body.id;
}

const alice = { identifier: ALICE, identifier_hash: hashOf(ALICE) };

describe('local Chatwoot', () => {
    it('serves the widget script and accepts only a valid identity', async () => {
        const sdk = await fetch(`${base}/packs/js/sdk.js`);
        expect(sdk.headers.get('content-type')).toMatch(/^text\/javascript/);
        expect(await sdk.text()).toContain('window.chatwootSDK');
        expect((await widget('POST', 'identify', { ...alice, website_token: 'other' })).status).toBe(401);
        expect((await widget('POST', 'identify', alice)).body).toEqual({ verified: true });
        expect((await widget('POST', 'identify', { identifier: ALICE, identifier_hash: hashOf(MALLORY) })).body).toEqual({ verified: false });
        expect((await widget('POST', 'identify', { identifier: ALICE, identifier_hash: 'nothex' })).body).toEqual({ verified: false });
        const refused = await widget('POST', 'messages', { identifier: ALICE, identifier_hash: hashOf(MALLORY), contract_id: '', content: 'hi' });
        expect(refused.status).toBe(403);
        expect(received).toEqual([]);
    });

    it('posts to the contract conversation, signs the webhook the relay expects, and shows public replies', async () => {
        const conversationId = await provisionConversation(ALICE, '7');
        expect((await widget('POST', 'messages', { ...alice, contract_id: '7', content: '   ' })).status).toBe(400);
        const sent = await widget('POST', 'messages', { ...alice, contract_id: '7', content: 'My server does not boot' });
        expect(sent.status).toBe(200);
        await expect.poll(() => received.length).toBe(1);
        const effects = chatwootEffects(received[0]!.body, 1, Date.now());
        expect(effects.events).toMatchObject([{ contractId: '7', conversationId, kind: 'customer_message' }]);
        expect(effects.helpbot).toMatchObject({ conversationId, contractId: '7', content: 'My server does not boot' });

        await api('POST', `/conversations/${conversationId}/messages`, { content: 'A private note', message_type: 'outgoing', private: true });
        await api('POST', `/conversations/${conversationId}/messages`, { content: 'We are on it', message_type: 'outgoing', private: false });
        const seen = await widget('GET', 'messages', { ...alice, contract_id: '7' });
        expect(seen.body.conversation_id).toBe(conversationId);
        expect(seen.body.messages.map((m: any) => [m.type, m.content])).toEqual([['incoming', 'My server does not boot'], ['outgoing', 'We are on it']]);

        // Once handed to a human the conversation is open: the bot stays out.
        await api('POST', `/conversations/${conversationId}/toggle_status`, { status: 'open' });
        await widget('POST', 'messages', { ...alice, contract_id: '7', content: 'Still down' });
        await expect.poll(() => received.length).toBe(2);
        expect(received[1]!.body.conversation.status).toBe('open');
        expect(chatwootEffects(received[1]!.body, 1, Date.now()).helpbot).toBeNull();
        expect(new Set(received.map((r) => r.deliveryId)).size).toBe(2);
    });

    it("refuses someone else's contract and gives each contact its own general conversation", async () => {
        await provisionConversation(ALICE, '9');
        const mallory = { identifier: MALLORY, identifier_hash: hashOf(MALLORY) };
        const refused = await widget('POST', 'messages', { ...mallory, contract_id: '9', content: 'fake complaint' });
        expect(refused).toEqual({ status: 403, body: { error: 'Contract #9 is not yours.' } });
        expect(received).toEqual([]);
        const a = await widget('GET', 'messages', { ...alice, contract_id: '' });
        const m = await widget('GET', 'messages', { ...mallory, contract_id: '' });
        expect(a.body.conversation_id).not.toBe(m.body.conversation_id);
    });

    it('serves Help Center articles, escaped', async () => {
        const page = await fetch(`${base}/hc/help/articles/refunds-and-cancellation`);
        expect(page.status).toBe(200);
        expect(await page.text()).toContain('<h1>Refunds when you cancel a contract</h1>');
        expect((await fetch(`${base}/hc/help/articles/nope`)).status).toBe(404);
        const articles = await api('GET', '/portals/help/articles');
        expect(articles.body.payload.map((a: any) => a.slug)).toContain('sla-credits');
    });

    it('keeps contacts, conversations and messages across a restart, with fresh ids after', async () => {
        const conversationId = await provisionConversation(ALICE, '12');
        await widget('POST', 'messages', { ...alice, contract_id: '12', content: 'before restart' });
        await api('POST', `/conversations/${conversationId}/messages`, { content: 'reply before restart', message_type: 'outgoing', private: false });
        await chatwoot.stop();
        await startChatwoot();
        const seen = await widget('GET', 'messages', { ...alice, contract_id: '12' });
        expect(seen.body.conversation_id).toBe(conversationId);
        expect(seen.body.messages.map((m: any) => m.content)).toEqual(['before restart', 'reply before restart']);
        const next = await provisionConversation(MALLORY, '13');
        expect(next).toBeGreaterThan(conversationId);
        expect((await widget('POST', 'messages', { ...alice, contract_id: '12', content: 'after restart' })).body.id).toBeGreaterThan(seen.body.messages[0].id);
    });
});
