import type { ConversationEvent } from '../gateway/types.js';
import { badRequest } from '../http/errors.js';
import { parseIdentifier, type ContactIdentity } from './contact_identity.js';
import { conversationEventSchema, messageEventSchema, messageType, toMillis, type ConversationPayload, type MessageEvent } from './payload.js';

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

/** A conversation about a contract that the relay labels and assigns to the provider's agent. */
export interface BindRequest {
    accountId: number;
    conversationId: number;
    contractId: string;
}

/** What one Chatwoot webhook means for the relay. Empty when the event is irrelevant. */
export interface ChatwootEffects {
    events: ConversationEvent[];
    helpbot: HelpbotRequest | null;
    waiting: WaitingChange | null;
    /** The principal behind the conversation's verified contact, else null. */
    customer: string | null;
    bind: BindRequest | null;
    /** The message this webhook is about, so the relay can recognise its own posts. */
    message: { id: number; conversationId: number; content: string } | null;
}

const NONE: ChatwootEffects = { events: [], helpbot: null, waiting: null, customer: null, bind: null, message: null };

/**
 * The verified identity of the conversation's contact. `hmac_verified` is the contact inbox's flag:
 * true only when the widget identified the contact with a valid `identifier_hash`, so an identifier
 * typed into an unverified session (or created through the admin API) says nothing.
 */
function identityOf(c: object): ContactIdentity | null {
    const meta = (c as { meta?: { sender?: { identifier?: unknown }; hmac_verified?: unknown } }).meta;
    if (meta?.hmac_verified !== true) return null;
    return parseIdentifier(meta.sender?.identifier);
}

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
    const who = identityOf(m.conversation);
    const contractId = who?.contractId ?? null;
    const at = toMillis(m.created_at, now);
    const base = { accountId, conversationId: m.conversation.id };
    const message = { id: m.id, conversationId: m.conversation.id, content: m.content ?? '' };
    const bind = contractId ? { ...base, contractId } : null;
    const customer = who?.principal ?? null;
    if (type === 'outgoing' && !isHuman(m)) return { ...NONE, bind, customer, message };
    const kind = type === 'incoming' ? 'customer_message' : 'provider_reply';
    const helpbot =
        type === 'incoming' && m.conversation.status === 'pending' && (m.content ?? '').trim() !== ''
            ? { ...base, messageId: m.id, contractId, portalSlug: portalOf(m.conversation.custom_attributes), content: m.content ?? '' }
            : null;
    if (!contractId) return { ...NONE, helpbot, customer, message };
    const event: ConversationEvent = { id: `cw:${accountId}:msg:${m.id}`, contractId, conversationId: m.conversation.id, kind, at };
    const waiting = { ...base, contractId, ...(kind === 'customer_message' ? { customerAt: at } : { replyAt: at }) };
    return { events: [event], helpbot, waiting, customer, bind, message };
}

/**
 * Only a person signed in to Chatwoot (`sender.type: "user"`) replies. Contacts carry no type in
 * `Contact#webhook_data`; bots are `agent_bot`, the AI assistant `captain_assistant`, automation
 * and campaign messages have no sender at all.
 */
function isHuman(m: MessageEvent): boolean {
    return m.sender?.type === 'user';
}

function fromConversation(c: ConversationPayload, defaultAccountId: number, now: number): ChatwootEffects {
    const who = identityOf(c);
    const contractId = who?.contractId ?? null;
    if (!contractId) return NONE;
    const accountId = c.account?.id ?? c.account_id ?? defaultAccountId;
    const bind = { accountId, conversationId: c.id, contractId };
    const customer = who?.principal ?? null;
    const change = statusChange(c);
    if (!change || change.to !== 'open' || change.from !== 'pending') return { ...NONE, bind, customer };
    const at = toMillis(c.timestamp ?? c.created_at, now);
    const event: ConversationEvent = { id: `cw:${accountId}:conv:${c.id}:handoff:${at}`, contractId, conversationId: c.id, kind: 'bot_handoff', at };
    return { ...NONE, events: [event], customer, bind };
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
