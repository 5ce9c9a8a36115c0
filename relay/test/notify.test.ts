import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { JobKind } from '../src/outbox/kinds.js';
import type { NotifyRequest } from '../src/notify/types.js';
import { Harness, SECRETS, until } from './support/harness.js';
import { messageCreated } from './support/payloads.js';

let h: Harness;
beforeEach(async () => {
    h = await new Harness().start({ SMS_DAILY_CAP: '2' });
    h.gateway.contracts = [{ contractId: '42', providerId: 'prov-1', tenantId: 't', status: 'Active', ledgerCanisterId: 'x', amountDue: 0n }];
    await h.relay.core.commit.run(() =>
        h.relay.core.store.db
            .prepare(`INSERT INTO provider_contacts (provider_id, telegram_chat_id, email, phone, updated_at) VALUES ('prov-1', '777', 'ops@provider.test', '+41790000000', 0)`)
            .run()
    );
});
afterEach(async () => h.stop());

async function notify(key: string, text = 'customer waiting'): Promise<void> {
    const req: NotifyRequest = { reason: 'escalation', contractId: '42', accountId: 1, conversationId: 11, text };
    await h.relay.core.commit.run(() => h.relay.core.store.insert({ kind: JobKind.notify, dedupeKey: key, payload: req }));
    h.relay.core.wake(JobKind.notify);
}

describe('notification bridge', () => {
    it('notifies the provider through Telegram, email (SMTP) and SMS', async () => {
        await notify('n1', 'A customer asked for a human');
        await until(() => h.telegram.sent.length === 1 && h.smtp.mails.length === 1 && h.sms.sent.length === 1);
        expect(h.telegram.sent[0]).toMatchObject({ chatId: '777' });
        expect(h.smtp.mails[0]?.to).toEqual(['ops@provider.test']);
        expect(h.smtp.mails[0]?.data).toContain('A customer asked for a human');
        expect(h.sms.sent[0]).toMatchObject({ to: '+41790000000' });
        expect(h.sms.requests[0]?.headers.authorization).toBe('Bearer sms-gateway-token');
    });

    it('stops at the daily cap per channel and records why', async () => {
        for (const k of ['n1', 'n2', 'n3']) await notify(k);
        await until(() => h.relay.core.store.rows(JobKind.notifyChannel).every((r) => r.state !== 'pending') && h.relay.core.store.rows(JobKind.notifyChannel).length === 9);
        expect(h.sms.sent).toHaveLength(2);
        expect(h.telegram.sent).toHaveLength(3);
        const capped = h.relay.core.store.rows(JobKind.notifyChannel).filter((r) => r.state === 'dead');
        expect(capped.map((r) => r.last_error)).toEqual(['daily sms cap reached']);
    });

    it('retries a channel that is down without re-sending the others', async () => {
        h.sms.failWith = 503;
        await notify('n1');
        await until(() => h.telegram.sent.length === 1 && (h.relay.core.store.row('n1:sms')?.attempts ?? 0) >= 2);
        expect(h.relay.core.store.row('n1:sms')?.last_error).toContain('503');
        h.sms.failWith = null;
        await until(() => h.sms.sent.length === 1);
        expect(h.telegram.sent).toHaveLength(1);
        expect(h.smtp.mails).toHaveLength(1);
    });

    it('posts a Telegram reply to a notification back into the Chatwoot conversation', async () => {
        await notify('n1');
        await until(() => h.telegram.sent.length === 1);
        const messageId = h.telegram.sent[0]!.messageId;
        const update = { update_id: 9001, message: { message_id: 1, chat: { id: 777 }, text: 'Rebooting it now', reply_to_message: { message_id: messageId } } };
        const headers = { 'x-telegram-bot-api-secret-token': SECRETS.telegramWebhook };
        const r = await h.post('/webhooks/telegram', JSON.stringify(update), headers);
        expect(await r.json()).toEqual({ status: 'accepted' });
        expect(await (await h.post('/webhooks/telegram', JSON.stringify(update), headers)).json()).toEqual({ status: 'duplicate' });
        await until(() => h.chatwoot.messages(11).length === 1);
        const posted = h.chatwoot.messages(11)[0]!;
        expect(posted.body).toEqual({ content: 'Rebooting it now', message_type: 'outgoing', private: false });
        expect(posted.headers.api_access_token).toBe('cw-api-token');
        const otherChat = { ...update, update_id: 9002, message: { ...update.message, chat: { id: 666 } } };
        expect(await (await h.post('/webhooks/telegram', JSON.stringify(otherChat), headers)).json()).toEqual({ status: 'unknown_message' });
        expect((await h.post('/webhooks/telegram', JSON.stringify(update), { 'x-telegram-bot-api-secret-token': 'wrong-secret-value' })).status).toBe(401);
    });
});

describe('silence detection', () => {
    it('flags a customer left waiting beyond the threshold once, and clears on a reply', async () => {
        const old = new Date(Date.now() - 5 * 3_600_000).toISOString();
        await h.chatwootHook(messageCreated({ id: 1, createdAt: old }), 'd1');
        h.relay.sync.flagSilence();
        h.relay.sync.flagSilence();
        await until(() => h.telegram.sent.length === 1);
        expect(h.telegram.sent[0]?.text).toContain('waited 300 minutes');
        await h.chatwootHook(messageCreated({ id: 2, type: 'outgoing', createdAt: new Date().toISOString() }), 'd2');
        const row = h.relay.core.store.db.prepare('SELECT waiting_since, silence_notified FROM conversations').get();
        expect(row).toEqual({ waiting_since: null, silence_notified: null });
    });
});
