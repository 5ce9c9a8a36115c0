// The website widget's endpoints (what the local sdk.js calls), with Chatwoot's semantics:
//  - a session is a contact inbox (anonymous contact until `setUser`);
//  - `setUser` with a different identifier than the session's contact starts a new contact inbox;
//    a valid `identifier_hash` (HMAC-SHA256 of the identifier with the inbox's HMAC token) marks the
//    contact inbox verified, an invalid one is refused when identity validation is enforced; an
//    existing contact with that identifier absorbs the session (ContactIdentifyAction);
//  - the widget sees the conversations of the contact's verified contact inboxes (else only the
//    session's own) and writes into the last one, creating it on the first message;
//  - `setConversationCustomAttributes` answers 404 without a conversation and otherwise *replaces*
//    the attributes of that last conversation.
import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import type { ChatwootCore } from './core.js';

export interface WidgetConfig {
    websiteToken: string;
    hmacToken: string;
    hmacMandatory: boolean;
}

export type Reply = { status: number; body: unknown };
const reply = (status: number, body: unknown): Reply => ({ status, body });

export function validHash(hmacToken: string, identifier: string, hash: unknown): boolean {
    if (typeof hash !== 'string' || !/^[0-9a-f]{64}$/i.test(hash)) return false;
    const expected = createHmac('sha256', hmacToken).update(identifier).digest();
    return timingSafeEqual(expected, Buffer.from(hash, 'hex'));
}

export async function widgetRoute(core: ChatwootCore, cfg: WidgetConfig, method: string, path: string, body: Record<string, unknown>): Promise<Reply> {
    if (body.website_token !== cfg.websiteToken) return reply(401, { error: 'unknown website token' });
    if (path === '/widget/v1/session' && method === 'POST') return reply(200, { auth_token: newSession(core) });
    const ciId = core.state.sessions.get(String(body.auth_token ?? ''));
    if (ciId === undefined) return reply(401, { error: 'unknown widget session' });
    if (path === '/widget/v1/set_user' && method === 'POST') return setUser(core, cfg, String(body.auth_token), ciId, body);
    if (path === '/widget/v1/messages' && method === 'GET') return listMessages(core, ciId);
    if (path === '/widget/v1/messages' && method === 'POST') return postMessage(core, ciId, body.content);
    if (path === '/widget/v1/conversation/custom_attributes' && method === 'POST') return setAttributes(core, ciId, body.custom_attributes);
    return reply(404, { error: 'not found' });
}

function newSession(core: ChatwootCore, contactId?: number): string {
    const s = core.state;
    const contact = contactId ?? s.contacts[s.contacts.push({ id: s.id(), identifier: null, name: 'Visitor' }) - 1]!.id;
    const ci = { id: s.id(), contactId: contact, sourceId: randomUUID(), hmacVerified: false };
    s.contactInboxes.push(ci);
    const token = randomUUID();
    s.sessions.set(token, ci.id);
    return token;
}

function setUser(core: ChatwootCore, cfg: WidgetConfig, token: string, ciId: number, body: Record<string, unknown>): Reply {
    const identifier = typeof body.identifier === 'string' ? body.identifier : '';
    if (identifier === '' || identifier.length > 255) return reply(422, { error: 'identifier is required' });
    const valid = validHash(cfg.hmacToken, identifier, body.identifier_hash);
    if (cfg.hmacMandatory && !valid) return reply(401, { error: 'HMAC failed: Invalid Identifier Hash Provided' });
    const s = core.state;
    let ci = s.contactInbox(ciId)!;
    const current = s.contact(ci.contactId)!;
    if (current.identifier !== null && current.identifier !== identifier) {
        token = newSession(core);
        ci = s.contactInbox(s.sessions.get(token)!)!;
    }
    if (valid) ci.hmacVerified = true;
    const existing = s.contacts.find((c) => c.identifier === identifier && c.id !== ci.contactId);
    if (existing) {
        const anonymous = ci.contactId;
        ci.contactId = existing.id;
        for (const conv of s.conversations) if (conv.contactInboxId === ci.id) conv.contactId = existing.id;
        if (!s.contactInboxes.some((x) => x.contactId === anonymous)) s.contacts = s.contacts.filter((c) => c.id !== anonymous);
    } else {
        const contact = s.contact(ci.contactId)!;
        contact.identifier = identifier;
        if (typeof body.name === 'string' && body.name !== '') contact.name = body.name.slice(0, 255);
    }
    return reply(200, { auth_token: token, verified: ci.hmacVerified });
}

function listMessages(core: ChatwootCore, ciId: number): Reply {
    const conv = core.widgetConversations(ciId).at(-1);
    if (!conv) return reply(200, { conversation_id: null, messages: [] });
    const messages = core.state.messages
        .filter((m) => m.conversationId === conv.id && !m.private && m.messageType !== 'activity')
        .map((m) => ({ id: m.id, content: m.content, type: m.messageType, at: m.createdAt }));
    return reply(200, { conversation_id: conv.id, messages });
}

async function postMessage(core: ChatwootCore, ciId: number, raw: unknown): Promise<Reply> {
    const content = typeof raw === 'string' ? raw.trim() : '';
    if (content === '' || content.length > 5000) return reply(400, { error: 'A message needs 1 to 5000 characters.' });
    const conv = core.widgetConversations(ciId).at(-1) ?? (await core.createConversation(ciId, {}));
    const ci = core.state.contactInbox(ciId)!;
    const m = await core.createMessage(conv, { content, messageType: 'incoming', sender: { kind: 'contact', id: ci.contactId } });
    return reply(200, { id: m.id, content: m.content, type: m.messageType, at: m.createdAt });
}

function setAttributes(core: ChatwootCore, ciId: number, attrs: unknown): Reply {
    const conv = core.widgetConversations(ciId).at(-1);
    if (!conv) return reply(404, { error: 'conversation not found' });
    conv.customAttributes = typeof attrs === 'object' && attrs !== null ? { ...(attrs as Record<string, unknown>) } : {};
    return reply(200, { custom_attributes: conv.customAttributes });
}
