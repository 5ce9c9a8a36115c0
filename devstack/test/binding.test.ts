// The relay against the local Chatwoot, which keeps Chatwoot's widget semantics: every message a
// tenant writes about a contract reaches the relay with that contract, the provider's agent gets the
// same conversation, a second contract does not relabel the first, and only the tenant gets a
// contract identity.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startRelay, type Relay } from '../../relay/src/app.js';
import { loadConfig } from '../../relay/src/config.js';
import { FakeGateway } from '../../relay/src/gateway/fake.js';
import { silentLogger } from '../../relay/src/util/log.js';
import { provenHeaders } from '../../relay/test/support/proofs.js';
import { testEnv } from '../../relay/test/support/harness.js';
import { LocalChatwoot, LOCAL_CHATWOOT } from '../src/chatwoot/server.js';
import { LocalMailbox } from '../src/mailbox.js';
import { setContacts } from '../../relay/src/notify/contacts.js';

const alice = Ed25519KeyIdentity.generate();
const mallory = Ed25519KeyIdentity.generate();
const ALICE = alice.getPrincipal().toText();

let dir: string;
let chatwoot: LocalChatwoot;
let gateway: FakeGateway;
let relay: Relay;
let relayUrl: string;
let mailbox: LocalMailbox;

beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'binding-'));
    chatwoot = new LocalChatwoot({ botRetryPauseMs: 10 });
    const cw = await chatwoot.start();
    mailbox = new LocalMailbox();
    const smtpPort = await mailbox.start();
    gateway = new FakeGateway();
    gateway.providers = [{ providerId: 'prov-1', name: 'Acme', email: 'agent@acme.test' }];
    const contract = { providerId: 'prov-1', tenantId: ALICE, status: 'Active', ledgerCanisterId: 'x', amountDue: 0n };
    gateway.contracts = [{ ...contract, contractId: '7' }, { ...contract, contractId: '8' }];
    gateway.contractRecords = gateway.contracts.map((c) => ({ contractId: c.contractId, providerId: c.providerId, tenantId: c.tenantId, status: c.status, createdAt: Date.now() }));
    const env = testEnv(dir, { chatwoot: cw }, {
        CHATWOOT_API_TOKEN: LOCAL_CHATWOOT.apiToken,
        CHATWOOT_BOT_TOKEN: LOCAL_CHATWOOT.botToken,
        CHATWOOT_WEBHOOK_SECRET: LOCAL_CHATWOOT.webhookSecret,
        CHATWOOT_AGENT_BOT_SECRET: LOCAL_CHATWOOT.agentBotSecret,
        CHATWOOT_INBOX_ID: '1',
        CHATWOOT_INBOX_HMAC_TOKEN: LOCAL_CHATWOOT.inboxHmacToken,
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMTP_FROM: 'relay@trustcloud.local'
    });
    relay = await startRelay(loadConfig(env), { gateway, log: silentLogger });
    relayUrl = `http://127.0.0.1:${relay.port}`;
    chatwoot.webhookUrl = `${relayUrl}/webhooks/chatwoot`;
    await relay.sync.round();
});

afterEach(async () => {
    await relay.stop();
    await chatwoot.stop();
    await mailbox.stop();
    rmSync(dir, { recursive: true, force: true });
});

async function contractIdentity(who: Ed25519KeyIdentity, contractId: string): Promise<{ status: number; body: any }> {
    const body = JSON.stringify({ contractId });
    const headers = await provenHeaders(who, 'POST', '/chatwoot/contract-identity', body);
    const r = await fetch(`${relayUrl}/chatwoot/contract-identity`, { method: 'POST', headers, body });
    return { status: r.status, body: await r.json() };
}

async function widget(path: string, fields: Record<string, unknown>, method = 'POST'): Promise<any> {
    const all = { website_token: LOCAL_CHATWOOT.websiteToken, ...fields };
    const r = method === 'GET' ? await fetch(`${chatwoot.url}/widget/v1/${path}?${new URLSearchParams(all as Record<string, string>)}`) : await fetch(`${chatwoot.url}/widget/v1/${path}`, { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(all) });
    return r.json();
}

/** What the app does on "Chat with the provider": the contract identity, then `setUser`. */
async function openContractChat(token: string, contractId: string): Promise<string> {
    const id = (await contractIdentity(alice, contractId)).body;
    const r = await widget('set_user', { auth_token: token, identifier: id.identifier, identifier_hash: id.identifier_hash });
    return r.auth_token;
}

const until = async (cond: () => boolean, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!cond()) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
    }
};
const events = () => [...gateway.conversationEvents.values()].map((e) => [e.kind, e.contractId, e.conversationId]);

describe('chat bound to contracts through the widget', () => {
    it("brings the tenant's first message in with its contract, assigns it to the provider's agent, and the help bot's answer is no reply", async () => {
        let token = (await widget('session', {})).auth_token;
        token = await openContractChat(token, '7');
        await widget('messages', { auth_token: token, content: 'How do refunds work when I cancel a contract?' });
        const conversationId = (await widget('messages', { auth_token: token }, 'GET')).conversation_id as number;
        await until(() => events().length === 1, 'the customer message');
        expect(events()).toEqual([['customer_message', '7', conversationId]]);
        const conv = chatwoot.state.conversation(conversationId)!;
        await until(() => conv.assigneeId !== null, 'the assignment');
        expect(conv.customAttributes).toEqual({ contract_id: '7', provider_id: 'prov-1' });
        expect(chatwoot.state.agents.find((a) => a.id === conv.assigneeId)?.email).toBe('agent@acme.test');
        // The help bot answered in the widget (as the bot): no provider reply was recorded.
        await until(() => chatwoot.state.messages.some((m) => m.conversationId === conversationId && m.sender?.kind === 'agent_bot'), 'the bot answer');
        const shown = (await widget('messages', { auth_token: token }, 'GET')).messages.map((m: any) => m.type);
        expect(shown).toEqual(['incoming', 'outgoing']);
        // The provider's agent answers in the same conversation: that is the reply.
        await fetch(`${chatwoot.url}/api/v1/accounts/1/conversations/${conversationId}/messages`, { method: 'POST', headers: { 'content-type': 'application/json', api_access_token: LOCAL_CHATWOOT.apiToken }, body: JSON.stringify({ content: 'We refund the unused time.', message_type: 'outgoing' }) });
        await until(() => events().length === 2, 'the provider reply');
        expect(events()[1]).toEqual(['provider_reply', '7', conversationId]);
    });

    it('keeps contract 7 labelled 7 after the tenant chats about contract 8', async () => {
        let token = (await widget('session', {})).auth_token;
        token = await openContractChat(token, '7');
        await widget('messages', { auth_token: token, content: 'about seven' });
        const seven = (await widget('messages', { auth_token: token }, 'GET')).conversation_id as number;
        token = await openContractChat(token, '8');
        // Whatever the browser does with conversation attributes now lands on contract 8's conversation only.
        await widget('messages', { auth_token: token, content: 'about eight' });
        await widget('conversation/custom_attributes', { auth_token: token, custom_attributes: { contract_id: '7' } });
        const eight = (await widget('messages', { auth_token: token }, 'GET')).conversation_id as number;
        await until(() => events().filter((e) => e[0] === 'customer_message').length === 2, 'both messages');
        expect(events().filter((e) => e[0] === 'customer_message')).toEqual([
            ['customer_message', '7', seven],
            ['customer_message', '8', eight]
        ]);
        await until(() => chatwoot.state.conversation(seven)!.assigneeId !== null, 'assignment of 7');
        expect(chatwoot.state.conversation(seven)!.customAttributes).toEqual({ contract_id: '7', provider_id: 'prov-1' });
        token = await openContractChat(token, '7');
        expect((await widget('messages', { auth_token: token }, 'GET')).conversation_id).toBe(seven);
    });

    it('escalates to the provider by email and tells the tenant so; without a channel it says it could not', async () => {
        setContacts(relay.core.store.db, 'prov-1', { telegramChatId: null, email: 'ops@acme.test', phone: null }, Date.now());
        let token = (await widget('session', {})).auth_token;
        token = await openContractChat(token, '7');
        await widget('messages', { auth_token: token, content: 'I want to talk to a human' });
        const texts = async (): Promise<string[]> => (await widget('messages', { auth_token: token }, 'GET')).messages.map((m: any) => m.content as string);
        const deadline = Date.now() + 10_000;
        while (!(await texts()).some((t) => t.startsWith('I am alerting the provider (email)')) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
        expect((await texts()).at(-1)).toMatch(/^I am alerting the provider \(email\); a person will answer here/);
        await until(() => mailbox.mails.length === 1, 'the mail');
        expect(mailbox.mails[0]!.to).toEqual(['ops@acme.test']);
        expect(mailbox.mails[0]!.data).toContain('I want to talk to a human');

        relay.core.store.db.prepare('DELETE FROM provider_contacts').run();
        token = await openContractChat(token, '8');
        await widget('messages', { auth_token: token, content: 'a human please' });
        const end = Date.now() + 10_000;
        while (!(await texts()).some((t) => t.startsWith('I could not alert the provider')) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
        expect((await texts()).at(-1)).toMatch(/^I could not alert the provider: they have set up no notification channel/);
        const healthOf = async () => (await (await fetch(`${relayUrl}/health`)).json()) as { status: string; reasons: string[] };
        for (const stop = Date.now() + 5000; (await healthOf()).status !== 'degraded' && Date.now() < stop; ) await new Promise((r) => setTimeout(r, 50));
        const health = await healthOf();
        expect([health.status, health.reasons]).toEqual(['degraded', [expect.stringContaining('no reachable notification channel')]]);
    });

    it('gives a contract identity to its tenant only', async () => {
        expect((await contractIdentity(mallory, '7')).status).toBe(403);
        expect((await contractIdentity(alice, '999')).status).toBe(403);
        expect((await contractIdentity(alice, '7')).body.identifier).toBe(`${ALICE}/contract/7`);
    });
});
