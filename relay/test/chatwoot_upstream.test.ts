// Each mismatch between Chatwoot as it really behaves and what the relay assumed, as a test built from
// the upstream payload shapes (Message#webhook_data, Conversations::EventDataPresenter, User/AgentBot
// #webhook_data, the articles index, per-object secrets).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { JobKind } from '../src/outbox/kinds.js';
import { createLogger } from '../src/util/log.js';
import { signChatwoot } from '../src/verify/index.js';
import { ARTICLES } from './fixtures/articles.js';
import { Harness, SECRETS, until } from './support/harness.js';
import { messageCreated, TENANT } from './support/payloads.js';

let h: Harness;
afterEach(async () => h?.stop());

const CONTRACT_42 = { contractId: '42', providerId: 'prov-1', tenantId: TENANT, status: 'Active', ledgerCanisterId: 'x', amountDue: 0n };
const start = async (env: Record<string, string> = {}) => {
    h = await new Harness().start(env);
    h.gateway.contracts = [CONTRACT_42, { ...CONTRACT_42, contractId: '43' }];
    return h;
};
const events = () => [...h.gateway.conversationEvents.values()].map((e) => [e.id, e.kind, e.contractId]);
const settle = () => new Promise((r) => setTimeout(r, 200));

describe('conversation ↔ contract with the real widget', () => {
    it('takes the contract from the verified widget contact, not from attributes the browser replaced', async () => {
        await start();
        // setConversationCustomAttributes replaced the attributes of the contact's *last* conversation.
        const relabelled = messageCreated({ id: 1, contractId: '42' });
        relabelled.conversation.custom_attributes = { contract_id: '43' };
        await h.chatwootHook(relabelled, 'd1');
        await until(() => events().length === 1);
        expect(events()).toEqual([['cw:1:msg:1', 'customer_message', '42']]);
    });

    it("keeps a tenant's two contracts in two conversations of two contacts: chatting about B does not touch A", async () => {
        await start();
        await h.chatwootHook(messageCreated({ id: 1, conversationId: 11, contractId: '42' }), 'd1');
        await h.chatwootHook(messageCreated({ id: 2, conversationId: 12, contractId: '43' }), 'd2');
        await until(() => events().length === 2);
        expect(events()).toEqual([
            ['cw:1:msg:1', 'customer_message', '42'],
            ['cw:1:msg:2', 'customer_message', '43']
        ]);
        const rows = h.relay.core.store.db.prepare('SELECT conversation_id, contract_id FROM conversations ORDER BY conversation_id').all();
        expect(rows).toEqual([
            { conversation_id: 11, contract_id: '42' },
            { conversation_id: 12, contract_id: '43' }
        ]);
    });

    it("ignores a contract identifier on a contact inbox that is not identity-verified (the API's, or a widget without the hash)", async () => {
        await start();
        const r = await h.chatwootHook(messageCreated({ id: 1, contractId: '42', verified: false }), 'd1');
        expect(await r.json()).toMatchObject({ signals: 0 });
        await settle();
        expect(h.relay.core.store.rows(JobKind.chatwootBind)).toEqual([]);
    });

    it("labels the tenant's conversation with the contract and assigns it to the provider's agent, once", async () => {
        await start();
        h.chatwoot.agents.push({ id: 9, email: 'agent@acme.test', name: 'Acme' });
        await h.relay.core.commit.run(() => h.relay.core.store.db.prepare(`INSERT INTO chatwoot_links (kind, local_id, chatwoot_id) VALUES ('agent', 'prov-1', 9)`).run());
        await h.chatwootHook(messageCreated({ id: 1, conversationId: 11 }), 'd1');
        await h.chatwootHook(messageCreated({ id: 2, conversationId: 11 }), 'd2');
        await until(() => h.chatwoot.find('POST', '/assignments').length === 1);
        await settle();
        expect(h.chatwoot.find('POST', '/conversations/11/custom_attributes').map((r) => r.body)).toEqual([{ custom_attributes: { contract_id: '42', provider_id: 'prov-1' } }]);
        expect(h.chatwoot.find('POST', '/assignments').map((r) => [r.path, r.body])).toEqual([['/api/v1/accounts/1/conversations/11/assignments', { assignee_id: 9 }]]);
    });
});

describe('Chatwoot secrets and versions', () => {
    it('accepts an agent-bot delivery signed with the bot secret (else Chatwoot hands every pending chat to humans)', async () => {
        await start();
        const r = await h.chatwootHook(messageCreated({ id: 1, status: 'pending' }), 'd1', { secret: SECRETS.chatwootBot });
        expect(r.status).toBe(200);
        expect(await r.json()).toMatchObject({ status: 'accepted', verifiedBy: 'agent bot' });
    });

    it('logs which secret verified each delivery', async () => {
        const lines: string[] = [];
        h = new Harness();
        h.log = createLogger('info', {}, (line) => lines.push(line));
        await h.start();
        await h.chatwootHook(messageCreated({ id: 1 }), 'd1', { secret: SECRETS.chatwootBot });
        expect(lines.map((l) => JSON.parse(l) as Record<string, unknown>)).toContainEqual(expect.objectContaining({ msg: 'chatwoot delivery verified', verifiedBy: 'agent bot', deliveryId: 'd1' }));
    });

    it('refuses an unsigned delivery (Chatwoot before 4.11.2 / 4.13.0) with a log line and a reason naming the versions, and stores nothing', async () => {
        const lines: string[] = [];
        h = new Harness();
        h.log = createLogger('info', {}, (line) => lines.push(line));
        await h.start();
        const r = await h.post('/webhooks/chatwoot', JSON.stringify(messageCreated({ id: 1 })), { 'x-chatwoot-delivery': 'd1' });
        expect(r.status).toBe(401);
        expect(await r.json()).toMatchObject({ error: 'unsigned', detail: expect.stringMatching(/4\.11\.2.*4\.13\.0/) });
        expect(h.relay.core.store.rows()).toEqual([]);
        const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unsigned Chatwoot delivery refused');
        expect(logged?.minimumVersion).toMatch(/4\.11\.2.*4\.13\.0/);
    });

    it('the same message from the account webhook and the agent bot counts once', async () => {
        await start();
        const payload = messageCreated({ id: 7 });
        await h.chatwootHook(payload, 'delivery-account');
        await h.chatwootHook(payload, 'delivery-bot', { secret: SECRETS.chatwootBot });
        await until(() => events().length === 1);
        await settle();
        expect(h.gateway.calls.filter((c) => c.method === 'submitConversationEvents').reduce((n, c) => n + c.size, 0)).toBe(1);
    });
});

describe('Chatwoot senders', () => {
    it.each([
        ['the Captain AI assistant', 'captain_assistant'],
        ['an agent bot', 'agent_bot'],
        ['an automation or campaign message (no sender)', 'none']
    ])('%s is not a provider reply', async (_name, senderType) => {
        await start();
        await h.chatwootHook(messageCreated({ id: 1, type: 'outgoing', senderType }), 'd1');
        await h.chatwootHook(messageCreated({ id: 2, type: 'outgoing', senderType: 'user' }), 'd2');
        await until(() => events().length === 1);
        await settle();
        expect(events()).toEqual([['cw:1:msg:2', 'provider_reply', '42']]);
    });

    it("never counts the relay's own posts as replies, even when they arrive as `user` (API token, no bot token)", async () => {
        await start({ CHATWOOT_BOT_TOKEN: '' });
        h.chatwoot.articles.set('help', ARTICLES);
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'How do I reboot my server?' }), 'd1');
        await until(() => h.chatwoot.messages(11).length === 1);
        const posted = h.chatwoot.messages(11)[0]!;
        expect(posted.headers.api_access_token).toBe('cw-api-token');
        // Chatwoot's message_created for that post: outgoing, sender = the token's user.
        const postedIdOf = () => (h.relay.core.store.db.prepare('SELECT message_id FROM own_messages').get() as { message_id: number | null } | undefined)?.message_id ?? null;
        await until(() => postedIdOf() !== null);
        const postedId = postedIdOf()!;
        const echo = messageCreated({ id: postedId, type: 'outgoing', senderType: 'user', content: (posted.body as { content: string }).content });
        await h.chatwootHook(echo, 'd-echo');
        await h.chatwootHook(messageCreated({ id: 3, type: 'outgoing', senderType: 'user', content: 'A person answering' }), 'd3');
        await until(() => events().length === 2);
        await settle();
        expect(events()).toEqual([
            ['cw:1:msg:1', 'customer_message', '42'],
            ['cw:1:msg:3', 'provider_reply', '42']
        ]);
    });
});

describe("the relay's own posts, when the webhook outruns the API answer", () => {
    it('recognises a post by conversation and content while its id is not known yet, once', async () => {
        await start();
        const db = h.relay.core.store.db;
        const { postAsRelay } = await import('../src/chatwoot/own_messages.js');
        let release!: () => void;
        const slow = { postMessage: () => new Promise<number>((r) => (release = () => r(555))) } as never;
        const posting = postAsRelay(db, slow, Date.now(), 1, 11, 'These articles should help');
        const echo = messageCreated({ id: 555, type: 'outgoing', senderType: 'user', content: 'These articles should help' });
        const sameWordsLater = messageCreated({ id: 556, type: 'outgoing', senderType: 'user', content: 'These articles should help' });
        await h.chatwootHook(echo, 'd1');
        await h.chatwootHook(sameWordsLater, 'd2');
        release();
        await posting;
        await until(() => events().length === 1);
        await settle();
        expect(events()).toEqual([['cw:1:msg:556', 'provider_reply', '42']]);
    });
});

describe('Help Center pagination', () => {
    it('reads every page of the article list (Chatwoot answers 25 per page)', async () => {
        await start();
        const filler = Array.from({ length: 30 }, (_, i) => ({ id: 100 + i, slug: `filler-${i}`, title: `Billing topic ${i}`, content: 'Invoices and receipts.', description: '', status: 'published' }));
        const last = { id: 200, slug: 'gpu-drivers', title: 'Installing GPU drivers', content: 'Install the NVIDIA GPU drivers with the package manager.', description: '', status: 'published' };
        h.chatwoot.articles.set('help', [...filler, last]);
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'How do I install GPU drivers?' }), 'd1');
        await until(() => h.chatwoot.messages(11).length === 1);
        expect((h.chatwoot.messages(11)[0]!.body as { content: string }).content).toContain('/hc/help/articles/gpu-drivers');
        expect(h.chatwoot.find('GET', '/articles').map((r) => r.path.split('?')[1])).toEqual(['page=1&status=published', 'page=2&status=published']);
    });
});

describe('escalations tell the customer what happened', () => {
    it('says the provider could not be alerted when it has no notification channel, and /health turns degraded', async () => {
        await start();
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'I want to talk to a human' }), 'd1');
        await until(() => h.chatwoot.messages(11).length === 1);
        const said = (h.chatwoot.messages(11)[0]!.body as { content: string }).content;
        expect(said).toContain('could not alert the provider');
        expect(said).not.toContain('passing your question');
        await until(() => h.relay.core.store.rows(JobKind.notify)[0]?.state === 'dead');
        const health = (await (await fetch(`${h.url}/health`)).json()) as { status: string; reasons: string[] };
        expect(health.status).toBe('degraded');
        // (The silence check may have flagged the same old conversation too: also a notify.send.)
        expect(health.reasons).toEqual(expect.arrayContaining([expect.stringMatching(/^\d dead notify\.send jobs?, latest: provider prov-1 has no reachable notification channel$/)]));
    });

    it('says by which channel the provider is being alerted when it has one', async () => {
        await start();
        await h.relay.core.commit.run(() => h.relay.core.store.db.prepare(`INSERT INTO provider_contacts (provider_id, telegram_chat_id, updated_at) VALUES ('prov-1', '777', 0)`).run());
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'I want to talk to a human' }), 'd1');
        // Under load a reminder may follow the first alert; what matters is the first of each.
        await until(() => h.chatwoot.messages(11).length >= 1 && h.telegram.sent.length >= 1);
        expect((h.chatwoot.messages(11)[0]!.body as { content: string }).content).toContain('I am alerting the provider (Telegram)');
        expect(h.telegram.sent.map((m) => m.chatId)).toEqual(h.telegram.sent.map(() => '777'));
        expect(((await (await fetch(`${h.url}/health`)).json()) as { status: string }).status).toBe('ok');
    });
});

describe('event times the canister accepts', () => {
    let timeServer: Server;
    afterEach(() => new Promise<void>((r) => timeServer.close(() => r())));

    it('follows canister time after localnet moved it ahead (IC_DEV_TIME_URL)', async () => {
        const ahead = 6 * 3_600_000;
        timeServer = createServer((_req, res) => res.end(JSON.stringify({ nowMs: Date.now() + ahead, wallClockMs: Date.now() })));
        await new Promise<void>((r) => timeServer.listen(0, '127.0.0.1', () => r()));
        await start({ IC_DEV_TIME_URL: `http://127.0.0.1:${(timeServer.address() as AddressInfo).port}/_/time` });
        await h.chatwootHook(messageCreated({ id: 1, createdAt: '2026-11-21T12:00:00Z' }), 'd1');
        await until(() => events().length === 1);
        const at = [...h.gateway.conversationEvents.values()][0]!.at;
        expect(Math.abs(at - (Date.parse('2026-11-21T12:00:00Z') + ahead))).toBeLessThan(1000);
    });
});

// Keep the signature helper in use for readers comparing with upstream's header format.
void signChatwoot;
