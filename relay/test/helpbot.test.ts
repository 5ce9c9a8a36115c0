import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decide } from '../src/helpbot/answer.js';
import { Bm25Index, tokenize } from '../src/helpbot/bm25.js';
import type { Article } from '../src/chatwoot/client.js';
import { FakeHttpServer } from './fakes/http.js';
import { ARTICLES } from './fixtures/articles.js';
import { Harness, until } from './support/harness.js';
import { messageCreated } from './support/payloads.js';

const published: Article[] = ARTICLES.filter((a) => a.status === 'published');

describe('BM25 ranking', () => {
    it('tokenizes, drops stop words and light-stems', () => {
        expect(tokenize('How do I restart my Servers?')).toEqual(['restart', 'server']);
    });

    it('ranks the article whose title matches first, title counting twice', () => {
        const index = new Bm25Index(published.map((a) => ({ id: String(a.id), title: a.title, body: a.content })));
        const ranked = index.search('reboot server', 3);
        expect(ranked[0]?.doc.id).toBe('1');
        expect(ranked[0]?.coverage).toBe(1);
        expect(index.search('zzz unknown words')).toEqual([]);
    });
});

describe('help bot decisions', () => {
    it.each([
        ['how do I reboot my server', 'answer'],
        ['I want to talk to a human', 'asked_for_human'],
        ['can an agent call me', 'asked_for_human'],
        ['kubernetes cluster autoscaling', 'no_match'],
        ['reboot kubernetes cluster autoscaling quickly please', 'low_confidence']
    ])('%s → %s', (message, expected) => {
        const d = decide(message, published, 0.5);
        expect(d.kind === 'answer' ? 'answer' : d.reason).toBe(expected);
    });

    it('cites at most three articles', () => {
        const d = decide('reboot server root password firewall ports invoices', published, 0.1);
        expect(d.kind).toBe('answer');
        if (d.kind === 'answer') expect(d.articles.length).toBeLessThanOrEqual(3);
    });
});

describe('help bot in the relay', () => {
    let h: Harness;
    let llm: FakeHttpServer;
    let llmAnswer: string | null = 'Press Reboot in the control panel [1].';

    beforeEach(async () => {
        llm = new FakeHttpServer((req) => {
            if (req.path !== '/v1/chat/completions') return undefined;
            if (llmAnswer === null) return { status: 500, body: { error: 'model crashed' } };
            return { body: { choices: [{ message: { role: 'assistant', content: llmAnswer } }] } };
        });
        await llm.start();
    });
    afterEach(async () => {
        await h.stop();
        await llm.stop();
    });

    const start = async (withLlm: boolean) => {
        h = await new Harness().start(withLlm ? { LLM_URL: `${llm.url}/v1`, LLM_API_KEY: 'sk-llm-test' } : {});
        h.chatwoot.articles.set('help', ARTICLES);
        h.gateway.contracts = [{ contractId: '42', providerId: 'prov-1', tenantId: 't', status: 'Active', ledgerCanisterId: 'x', amountDue: 0n }];
    };

    it('answers a pending conversation from the Help Center, citing articles, as the bot', async () => {
        await start(false);
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'How do I reboot my server?' }), 'd1');
        await until(() => h.chatwoot.messages(11).length === 1);
        const reply = h.chatwoot.messages(11)[0]!;
        expect(reply.headers.api_access_token).toBe('cw-bot-token');
        expect((reply.body as { content: string }).content).toContain(`[1] How to reboot your server: ${h.chatwoot.url}/hc/help/articles/reboot-server`);
        expect(h.chatwoot.find('POST', 'toggle_status')).toHaveLength(0);
    });

    it('does not answer conversations already open to humans', async () => {
        await start(false);
        await h.chatwootHook(messageCreated({ id: 1, status: 'open', content: 'How do I reboot my server?' }), 'd1');
        await until(() => h.gateway.conversationEvents.size === 1);
        await new Promise((r) => setTimeout(r, 150));
        expect(h.chatwoot.messages()).toHaveLength(0);
    });

    it('writes the answer with the LLM from the ranked articles', async () => {
        await start(true);
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content: 'How do I reboot my server?' }), 'd1');
        await until(() => h.chatwoot.messages(11).length === 1);
        const content = (h.chatwoot.messages(11)[0]!.body as { content: string }).content;
        expect(content).toContain('Press Reboot in the control panel [1].');
        expect(content).toContain('Sources:');
        const prompt = JSON.stringify(llm.requests[0]?.body);
        expect(prompt).toContain('How to reboot your server');
        expect(llm.requests[0]?.headers.authorization).toBe('Bearer sk-llm-test');
    });

    it.each([
        ['asks for a human', 'Please let me talk to a human', 'a'],
        ['no article matches', 'kubernetes autoscaling', 'a'],
        ['the LLM fails', 'How do I reboot my server?', null]
    ])('escalates when the customer %s: message, status open, provider notified', async (_n, content, answer) => {
        llmAnswer = answer === null ? null : 'ok';
        await start(true);
        await h.relay.core.commit.run(() =>
            h.relay.core.store.db.prepare(`INSERT INTO provider_contacts (provider_id, telegram_chat_id, updated_at) VALUES ('prov-1', '777', 0)`).run()
        );
        await h.chatwootHook(messageCreated({ id: 1, status: 'pending', content }), 'd1');
        await until(() => h.chatwoot.find('POST', 'toggle_status').length === 1);
        expect(h.chatwoot.find('POST', 'toggle_status')[0]?.body).toEqual({ status: 'open' });
        await until(() => h.telegram.sent.length === 1);
        expect(h.telegram.sent[0]?.chatId).toBe('777');
        expect(h.telegram.sent[0]?.text).toContain(content);
        llmAnswer = 'Press Reboot in the control panel [1].';
    });
});
