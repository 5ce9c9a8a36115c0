// The local Chatwoot behaves like Chatwoot where the relay depends on it: identity validation,
// widget scoping to verified contact inboxes, attribute semantics, per-object secrets and versions,
// sender types, the agent-bot failure path, paged articles, and state across restarts.
import { mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { chatwootEffects } from '../../relay/src/chatwoot/signals.js';
import { verifyChatwoot } from '../../relay/src/verify/chatwoot.js';
import { hmacSha256Hex } from '../../relay/src/verify/hmac.js';
import { LocalChatwoot, LOCAL_CHATWOOT, type LocalChatwootOptions } from '../src/chatwoot/server.js';

const ALICE = 'e35en-4zbgz-74yt7-h5uzo-jgf3l-6nzws-a7kje-jg37f-exbi4-qriwn-qqe';
const MALLORY = '6i2hf-im3di-rtexk-iou3w-2jfi4-oigrv-udcuy-sfh25-gbo3b-u6lwc-qae';
const hashOf = (identifier: string) => hmacSha256Hex(LOCAL_CHATWOOT.inboxHmacToken, identifier);
const ACCOUNT = [{ name: 'account webhook', secret: LOCAL_CHATWOOT.webhookSecret }];
const BOT = [{ name: 'agent bot', secret: LOCAL_CHATWOOT.agentBotSecret }];

let chatwoot: LocalChatwoot;
let base: string;
let hooks: Server;
let stateFile: string;
let botStatus = 200;
type Received = { body: any; deliveryId: string; target: string; signed: boolean; verifiedBy: string | null };
const received: Received[] = [];

async function startChatwoot(o: LocalChatwootOptions = {}): Promise<void> {
    chatwoot = new LocalChatwoot({ stateFile, botRetryPauseMs: 10, ...o });
    base = await chatwoot.start();
    const url = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}`;
    chatwoot.webhookUrl = `${url}/account`;
    chatwoot.deliveries.agentBot = { url: `${url}/bot`, secret: LOCAL_CHATWOOT.agentBotSecret };
}

beforeEach(async () => {
    stateFile = join(mkdtempSync(join(tmpdir(), 'local-chatwoot-')), 'chatwoot.json');
    received.length = 0;
    botStatus = 200;
    hooks = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            const raw = Buffer.concat(chunks);
            const target = req.url === '/bot' ? 'agent_bot' : 'account';
            const signed = req.headers['x-chatwoot-signature'] !== undefined;
            let verifiedBy: string | null = null;
            if (signed) verifiedBy = verifyChatwoot(req.headers, raw, target === 'agent_bot' ? BOT : ACCOUNT, Date.now(), 300).verifiedBy;
            received.push({ body: JSON.parse(raw.toString()), deliveryId: String(req.headers['x-chatwoot-delivery']), target, signed, verifiedBy });
            res.writeHead(target === 'agent_bot' ? botStatus : 200).end('{}');
        });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    await startChatwoot();
});

afterEach(async () => {
    await chatwoot.stop();
    hooks.close();
});

async function call(method: 'GET' | 'POST', path: string, fields: Record<string, unknown>): Promise<{ status: number; body: any }> {
    const all = { website_token: LOCAL_CHATWOOT.websiteToken, ...fields };
    const r =
        method === 'GET'
            ? await fetch(`${base}/widget/v1/${path}?${new URLSearchParams(all as Record<string, string>)}`)
            : await fetch(`${base}/widget/v1/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(all) });
    return { status: r.status, body: await r.json() };
}

/** A browser with the widget: a session, then `setUser`. */
async function browser(identifier?: string, hash = identifier ? hashOf(identifier) : ''): Promise<{ token: string; set: (id: string, h?: string) => Promise<{ status: number; body: any }> }> {
    const session = await call('POST', 'session', {});
    const b = {
        token: session.body.auth_token as string,
        set: async (id: string, h = hashOf(id)) => {
            const r = await call('POST', 'set_user', { auth_token: b.token, identifier: id, identifier_hash: h });
            if (r.status === 200) b.token = r.body.auth_token;
            return r;
        }
    };
    if (identifier) expect((await b.set(identifier, hash)).status).toBe(200);
    return b;
}

const say = (token: string, content: string) => call('POST', 'messages', { auth_token: token, content });
const seen = async (token: string) => (await call('GET', 'messages', { auth_token: token })).body;

async function api(method: string, path: string, body?: unknown, token = LOCAL_CHATWOOT.apiToken): Promise<{ status: number; body: any }> {
    const r = await fetch(`${base}/api/v1/accounts/1${path}`, { method, headers: { 'content-type': 'application/json', api_access_token: token }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: r.status, body: await r.json() };
}

const messageEvents = (target = 'account') => received.filter((r) => r.target === target && r.body.event === 'message_created');

describe('identity validation and widget scoping', () => {
    it('serves the widget script; refuses an identity whose hash is wrong (validation enforced)', async () => {
        const sdk = await fetch(`${base}/packs/js/sdk.js`);
        expect(await sdk.text()).toContain('window.chatwootSDK');
        const b = await browser();
        expect((await b.set(ALICE, hashOf(MALLORY))).status).toBe(401);
        expect((await b.set(ALICE, 'nothex')).body).toEqual({ error: 'HMAC failed: Invalid Identifier Hash Provided' });
        expect((await b.set(ALICE)).body).toMatchObject({ verified: true });
        expect((await call('POST', 'session', { website_token: 'other' })).status).toBe(401);
    });

    it('hides a conversation the admin API created for the contact (its contact inbox is not verified)', async () => {
        const contact = await api('POST', '/contacts', { inbox_id: 1, name: 'Tenant', identifier: ALICE });
        const created = await api('POST', '/conversations', { inbox_id: 1, contact_id: contact.body.payload.contact.id, custom_attributes: { contract_id: '7' }, message: { content: 'Conversation for contract 7' } });
        const b = await browser(ALICE);
        expect(await seen(b.token)).toEqual({ conversation_id: null, messages: [] });
        await say(b.token, 'Hello?');
        const mine = await seen(b.token);
        expect(mine.conversation_id).not.toBe(created.body.id);
        // The API's first message is an *outgoing* message of the token's user: a "reply" nobody wrote.
        const first = messageEvents().find((r) => r.body.conversation.id === created.body.id)!;
        expect([first.body.message_type, first.body.sender.type]).toEqual(['outgoing', 'user']);
    });

    it('answers 404 to conversation attributes before the first message, then replaces those of the last conversation', async () => {
        const b = await browser(ALICE);
        expect((await call('POST', 'conversation/custom_attributes', { auth_token: b.token, custom_attributes: { contract_id: '7' } })).status).toBe(404);
        await say(b.token, 'About contract 7');
        await call('POST', 'conversation/custom_attributes', { auth_token: b.token, custom_attributes: { contract_id: '7', note: 'x' } });
        await call('POST', 'conversation/custom_attributes', { auth_token: b.token, custom_attributes: { contract_id: '8' } });
        const conv = await api('GET', `/conversations/${(await seen(b.token)).conversation_id}`);
        expect(conv.body.custom_attributes).toEqual({ contract_id: '8' });
    });

    it('gives each contract identity its own conversation, and switching back finds the first one', async () => {
        const b = await browser(`${ALICE}/contract/7`);
        await say(b.token, 'about 7');
        const seven = (await seen(b.token)).conversation_id;
        await b.set(`${ALICE}/contract/8`);
        expect(await seen(b.token)).toEqual({ conversation_id: null, messages: [] });
        await say(b.token, 'about 8');
        await b.set(`${ALICE}/contract/7`);
        const back = await seen(b.token);
        expect([back.conversation_id, back.messages.map((m: any) => m.content)]).toEqual([seven, ['about 7']]);
        // Another browser of the same verified contact sees it too; another person does not.
        expect((await seen((await browser(`${ALICE}/contract/7`)).token)).conversation_id).toBe(seven);
        expect((await seen((await browser(MALLORY)).token)).conversation_id).toBeNull();
        const effects = chatwootEffects(messageEvents()[0]!.body, 1, Date.now());
        expect([effects.events[0]?.contractId, effects.customer]).toEqual(['7', ALICE]);
    });
});

describe('webhooks', () => {
    it('signs each delivery with the secret of the object that sends it, with one delivery id per event', async () => {
        const b = await browser(ALICE);
        await say(b.token, 'hi');
        await expect.poll(() => messageEvents('agent_bot').length).toBe(1);
        const [account, bot] = [messageEvents('account')[0]!, messageEvents('agent_bot')[0]!];
        expect([account.verifiedBy, bot.verifiedBy]).toEqual(['account webhook', 'agent bot']);
        expect(account.deliveryId).not.toBe(bot.deliveryId);
        expect(account.body.conversation.status).toBe('pending');
        expect(account.body.sender.type).toBeUndefined();
        expect(account.body.conversation.meta).toMatchObject({ sender: { identifier: ALICE, type: 'contact' }, hmac_verified: true });
    });

    it.each([
        ['4.10.0', { account: false, bot: false }],
        ['4.12.0', { account: true, bot: false }],
        ['4.13.0', { account: true, bot: true }]
    ] as const)('Chatwoot %s signs %o', async (version, expected) => {
        await chatwoot.stop();
        await startChatwoot({ version });
        const b = await browser(ALICE);
        await say(b.token, 'hi');
        await expect.poll(() => messageEvents('agent_bot').length).toBe(1);
        expect({ account: messageEvents('account')[0]!.signed, bot: messageEvents('agent_bot')[0]!.signed }).toEqual(expected);
    });

    it('hands a pending conversation to humans when the agent bot refuses the delivery (e.g. a 401 from a wrong secret)', async () => {
        botStatus = 401;
        const b = await browser(ALICE);
        await say(b.token, 'hi');
        const id = (await seen(b.token)).conversation_id;
        await expect.poll(async () => (await api('GET', `/conversations/${id}`)).body.status).toBe('open');
        expect(received.filter((r) => r.target === 'agent_bot' && r.body.event === 'message_created')).toHaveLength(1);
        expect(chatwoot.state.messages.filter((m) => m.messageType === 'activity').map((m) => m.content)).toEqual(['Agent bot error: the bot could not be reached']);
    });

    it('retries the agent bot on 500 three times, then gives up', async () => {
        botStatus = 500;
        const b = await browser(ALICE);
        await say(b.token, 'hi');
        await expect.poll(() => messageEvents('agent_bot').length).toBe(4);
        expect(new Set(messageEvents('agent_bot').map((r) => r.deliveryId)).size).toBe(1);
    });

    it('gives API messages the sender of their token: user or agent_bot', async () => {
        const b = await browser(ALICE);
        await say(b.token, 'hi');
        const id = (await seen(b.token)).conversation_id;
        await api('POST', `/conversations/${id}/messages`, { content: 'from a person', message_type: 'outgoing' });
        await api('POST', `/conversations/${id}/messages`, { content: 'from the bot', message_type: 'outgoing' }, LOCAL_CHATWOOT.botToken);
        await api('POST', `/conversations/${id}/messages`, { content: 'a note', message_type: 'outgoing', private: true });
        await expect.poll(() => messageEvents().length).toBe(4);
        expect(messageEvents().map((r) => [r.body.content, r.body.sender?.type ?? null, r.body.private])).toEqual([
            ['hi', null, false],
            ['from a person', 'user', false],
            ['from the bot', 'agent_bot', false],
            ['a note', 'user', true]
        ]);
        expect((await seen(b.token)).messages.map((m: any) => m.content)).toEqual(['hi', 'from a person', 'from the bot']);
        expect((await api('POST', `/conversations/${id}/messages`, { content: 'x' }, 'wrong-token')).status).toBe(401);
    });

    it('reports status changes as Chatwoot does (changed_attributes) and conversation_opened to the bot', async () => {
        const b = await browser(`${ALICE}/contract/7`);
        await say(b.token, 'hi');
        const id = (await seen(b.token)).conversation_id;
        await api('POST', `/conversations/${id}/toggle_status`, { status: 'open' });
        await expect.poll(() => received.filter((r) => r.body.event === 'conversation_opened').length).toBe(2);
        const change = received.find((r) => r.target === 'account' && r.body.event === 'conversation_status_changed')!;
        expect(chatwootEffects(change.body, 1, Date.now()).events).toMatchObject([{ kind: 'bot_handoff', contractId: '7', conversationId: id }]);
    });
});

describe('Help Center and state', () => {
    it('pages articles 25 at a time and serves their pages, escaped', async () => {
        chatwoot.state.articles.set('big', Array.from({ length: 30 }, (_, i) => ({ id: i + 1, slug: `a${i}`, title: `A ${i}`, content: '<b>x</b>', description: '', status: 'published' as const })));
        const p1 = await api('GET', '/portals/big/articles?page=1');
        const p2 = await api('GET', '/portals/big/articles?page=2');
        expect([p1.body.payload.length, p2.body.payload.length, p1.body.meta.articles_count]).toEqual([25, 5, 30]);
        const page = await fetch(`${base}/hc/big/articles/a3`);
        expect(await page.text()).toContain('&#60;b&#62;x&#60;/b&#62;');
        expect((await fetch(`${base}/hc/help/articles/nope`)).status).toBe(404);
    });

    it('keeps contacts, sessions, conversations and messages across a restart, with fresh ids after', async () => {
        const b = await browser(`${ALICE}/contract/12`);
        await say(b.token, 'before restart');
        const id = (await seen(b.token)).conversation_id;
        await api('POST', `/conversations/${id}/messages`, { content: 'reply before restart', message_type: 'outgoing' });
        await chatwoot.stop();
        await startChatwoot();
        const after = await seen(b.token);
        expect([after.conversation_id, after.messages.map((m: any) => m.content)]).toEqual([id, ['before restart', 'reply before restart']]);
        expect((await say(b.token, 'after restart')).body.id).toBeGreaterThan(after.messages[1].id);
    });
});
