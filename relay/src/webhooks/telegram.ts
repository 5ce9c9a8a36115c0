import { z } from 'zod';
import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import type { Handler, Reply } from '../http/router.js';
import { JobKind } from '../outbox/kinds.js';
import { verifySharedSecret } from '../verify/shared_secret.js';
import { parseJson } from '../http/json.js';
import { prepared } from '../outbox/prepared.js';

const updateSchema = z
    .object({
        update_id: z.number().int(),
        message: z
            .object({
                message_id: z.number().int(),
                chat: z.object({ id: z.union([z.number(), z.string()]) }).passthrough(),
                text: z.string().optional(),
                reply_to_message: z.object({ message_id: z.number().int() }).passthrough().optional()
            })
            .passthrough()
            .optional()
    })
    .passthrough();

export interface ChatwootReply {
    accountId: number;
    conversationId: number;
    content: string;
}

/**
 * POST /webhooks/telegram: Telegram's `X-Telegram-Bot-Api-Secret-Token` (set with setWebhook).
 * A reply to one of our notifications, in the chat it was sent to, becomes a Chatwoot message.
 */
export function telegramWebhook(core: Core, secret: string): Handler {
    return async (ctx): Promise<Reply> => {
        verifySharedSecret(ctx.headers, 'x-telegram-bot-api-secret-token', secret);
        const parsed = updateSchema.safeParse(parseJson(ctx.rawBody));
        if (!parsed.success) throw badRequest('not a Telegram update');
        const m = parsed.data.message;
        const replyTo = m?.reply_to_message?.message_id;
        if (!m || replyTo === undefined || !m.text) return { status: 200, body: { status: 'ignored' } };
        const chatId = String(m.chat.id);
        const text = m.text;
        const outcome = await core.commit.run(() => {
            const target = prepared(core.store.db, `SELECT account_id, conversation_id FROM telegram_messages WHERE chat_id = ? AND message_id = ?`)
                .get(chatId, replyTo) as { account_id: number; conversation_id: number } | undefined;
            if (!target) return 'unknown_message';
            const reply: ChatwootReply = { accountId: target.account_id, conversationId: target.conversation_id, content: text };
            return core.store.insert({ kind: JobKind.chatwootReply, dedupeKey: `telegram:update:${parsed.data.update_id}`, payload: reply }) ? 'accepted' : 'duplicate';
        });
        if (outcome === 'accepted') core.wake(JobKind.chatwootReply);
        return { status: 200, body: { status: outcome } };
    };
}
