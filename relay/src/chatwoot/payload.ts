import { z } from 'zod';

/** The parts of Chatwoot webhook payloads the relay reads; everything else passes through. */
const id = z.coerce.number().int();
const customAttributes = z.record(z.unknown()).nullish();

export const conversationSchema = z
    .object({
        id,
        inbox_id: id.optional(),
        status: z.string().optional(),
        custom_attributes: customAttributes,
        timestamp: z.number().optional(),
        created_at: z.union([z.number(), z.string()]).optional(),
        account_id: id.optional()
    })
    .passthrough();

export const messageEventSchema = z
    .object({
        event: z.enum(['message_created', 'message_updated']),
        id,
        content: z.string().nullish(),
        message_type: z.union([z.enum(['incoming', 'outgoing', 'activity', 'template']), z.number()]),
        private: z.boolean().optional().default(false),
        created_at: z.union([z.string(), z.number()]),
        sender: z.object({ id: id.optional(), type: z.string().optional(), name: z.string().nullish() }).passthrough().nullish(),
        account: z.object({ id }).passthrough().optional(),
        conversation: conversationSchema
    })
    .passthrough();

export const conversationEventSchema = conversationSchema.extend({
    event: z.enum(['conversation_created', 'conversation_updated', 'conversation_status_changed', 'conversation_opened', 'conversation_resolved']),
    account: z.object({ id }).passthrough().optional(),
    changed_attributes: z.array(z.record(z.unknown())).nullish()
});

export type MessageEvent = z.infer<typeof messageEventSchema>;
export type ConversationPayload = z.infer<typeof conversationEventSchema>;

const MESSAGE_TYPES = ['incoming', 'outgoing', 'activity', 'template'] as const;

export function messageType(m: MessageEvent): (typeof MESSAGE_TYPES)[number] {
    return typeof m.message_type === 'number' ? (MESSAGE_TYPES[m.message_type] ?? 'activity') : m.message_type;
}

/** ISO datetime or unix seconds → milliseconds. */
export function toMillis(v: string | number | undefined, fallback: number): number {
    if (v === undefined) return fallback;
    if (typeof v === 'number') return v < 1e12 ? v * 1000 : v;
    const n = Date.parse(v);
    return Number.isNaN(n) ? fallback : n;
}
