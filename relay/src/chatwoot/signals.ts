import type { ConversationEvent } from '../gateway/types.js';
import { badRequest } from '../http/errors.js';
import {
    contractIdOf,
    conversationEventSchema,
    messageEventSchema,
    messageType,
    toMillis,
    type ConversationPayload,
    type MessageEvent
} from './payload.js';

export interface HelpbotRequest {
    accountId: number;
    conversationId: number;
    messageId: number;
    contractId: string | null;
    /** The provider's Help Center portal (`portal_slug` custom attribute), else the default. */
    portalSlug: string | null;
    content: string;
}

export interface WaitingChange {
    accountId: number;
    conversationId: number;
    contractId: string;
    customerAt?: number;
    replyAt?: number;
}

/** What one Chatwoot webhook means for the relay. Empty when the event is irrelevant. */
export interface ChatwootEffects {
    events: ConversationEvent[];
    helpbot: HelpbotRequest | null;
    waiting: WaitingChange | null;
    /** The conversation's contact (`meta.sender.identifier`: a principal for signed-in tenants). */
    customer: string | null;
}

const NONE: ChatwootEffects = { events: [], helpbot: null, waiting: null, customer: null };

function customerOf(c: object): string | null {
    const id = (c as { meta?: { sender?: { identifier?: unknown } } }).meta?.sender?.identifier;
    return typeof id === 'string' && id !== '' ? id : null;
}
const BOT_SENDERS = new Set(['agent_bot', 'agentbot', 'bot']);

export function chatwootEffects(body: unknown, defaultAccountId: number, now: number): ChatwootEffects {
    const event = (body as { event?: unknown } | null)?.event;
    if (typeof event !== 'string') throw badRequest('payload has no event name');
    if (event === 'message_created') return fromMessage(parse(messageEventSchema, body), defaultAccountId, now);
    if (conversationEventSchema.shape.event.options.includes(event as never)) {
        return fromConversation(parse(conversationEventSchema, body), defaultAccountId, now);
    }
    return NONE;
}

function parse<T>(schema: { safeParse(v: unknown): { success: true; data: T } | { success: false; error: { message: string } } }, body: unknown): T {
    const r = schema.safeParse(body);
    if (!r.success) throw badRequest(`payload does not match the Chatwoot shape: ${r.error.message.slice(0, 300)}`);
    return r.data;
}

function fromMessage(m: MessageEvent, defaultAccountId: number, now: number): ChatwootEffects {
    const type = messageType(m);
    if (m.private || (type !== 'incoming' && type !== 'outgoing')) return NONE;
    const accountId = m.account?.id ?? m.conversation.account_id ?? defaultAccountId;
    const contractId = contractIdOf(m.conversation.custom_attributes);
    const at = toMillis(m.created_at, now);
    const base = { accountId, conversationId: m.conversation.id };
    if (type === 'outgoing' && !isHuman(m)) return NONE;
    const kind = type === 'incoming' ? 'customer_message' : 'provider_reply';
    const helpbot = type === 'incoming' && m.conversation.status === 'pending' && (m.content ?? '').trim() !== ''
        ? { ...base, messageId: m.id, contractId, portalSlug: portalOf(m.conversation.custom_attributes), content: m.content ?? '' }
        : null;
    const customer = customerOf(m.conversation);
    if (!contractId) return { events: [], helpbot, waiting: null, customer };
    const event: ConversationEvent = { id: `cw:${accountId}:msg:${m.id}`, contractId, conversationId: m.conversation.id, kind, at };
    const waiting = { ...base, contractId, ...(kind === 'customer_message' ? { customerAt: at } : { replyAt: at }) };
    return { events: [event], helpbot, waiting, customer };
}

function isHuman(m: MessageEvent): boolean {
    const type = m.sender?.type?.toLowerCase();
    return type !== undefined && !BOT_SENDERS.has(type) && type !== 'contact';
}

function fromConversation(c: ConversationPayload, defaultAccountId: number, now: number): ChatwootEffects {
    const contractId = contractIdOf(c.custom_attributes);
    const change = statusChange(c);
    if (!contractId || !change || change.to !== 'open' || change.from !== 'pending') return NONE;
    const accountId = c.account?.id ?? c.account_id ?? defaultAccountId;
    const at = toMillis(c.timestamp ?? c.created_at, now);
    const event: ConversationEvent = { id: `cw:${accountId}:conv:${c.id}:handoff:${at}`, contractId, conversationId: c.id, kind: 'bot_handoff', at };
    return { events: [event], helpbot: null, waiting: null, customer: customerOf(c) };
}

function statusChange(c: ConversationPayload): { from: string | null; to: string } | null {
    for (const change of c.changed_attributes ?? []) {
        const s = change.status as { previous_value?: unknown; current_value?: unknown } | undefined;
        if (typeof s?.current_value === 'string') return { from: typeof s.previous_value === 'string' ? s.previous_value : null, to: s.current_value };
    }
    return null;
}

function portalOf(attrs: Record<string, unknown> | null | undefined): string | null {
    const v = attrs?.portal_slug;
    return typeof v === 'string' && /^[\w-]{1,100}$/.test(v) ? v : null;
}
