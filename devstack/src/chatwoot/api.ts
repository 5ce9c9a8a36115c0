// The application API (`/api/v1/accounts/:account/...`, header `api_access_token`): the user token
// writes as that user (`sender.type: "user"`), the agent-bot token as the bot. Semantics that matter:
// `POST /conversations` with a `message` posts it as an *outgoing* message of the token's user, in a
// contact inbox the API made (never identity-verified, so the widget does not show it);
// `POST /conversations/:id/custom_attributes` replaces the whole set; articles come 25 to a page.
import { randomUUID } from 'node:crypto';
import type { ChatwootCore } from './core.js';
import { ACCOUNT, ADMIN, BOT, type ConversationStatus, type Sender } from './state.js';
import type { Reply } from './widget.js';

export interface ApiConfig {
    apiToken: string;
    botToken: string;
}

const reply = (status: number, body: unknown): Reply => ({ status, body });
const PAGE = 25;

export async function apiRoute(core: ChatwootCore, cfg: ApiConfig, token: string | undefined, method: string, url: URL, body: Record<string, unknown>): Promise<Reply> {
    const sender: Sender = token === cfg.apiToken ? { kind: 'user', id: ADMIN.id } : token === cfg.botToken ? { kind: 'agent_bot', id: BOT.id } : null;
    if (sender === null) return reply(401, { error: 'Invalid Access Token' });
    const m = /^\/api\/v1\/accounts\/(\d+)(\/.*)$/.exec(url.pathname);
    if (!m || Number(m[1]) !== ACCOUNT.id) return reply(404, { error: 'account not found' });
    const p = m[2] ?? '';
    const s = core.state;
    const conv = /^\/conversations\/(\d+)(\/[a-z_]+)?$/.exec(p);
    if (conv) {
        const c = s.conversation(Number(conv[1]));
        if (!c) return reply(404, { error: 'conversation not found' });
        const action = conv[2] ?? '';
        if (method === 'GET' && action === '') return reply(200, s.conversationData(c));
        if (method === 'POST' && action === '/messages') {
            const content = typeof body.content === 'string' ? body.content : '';
            const msg = await core.createMessage(c, { content, messageType: body.message_type === 'incoming' ? 'incoming' : 'outgoing', sender, private: body.private === true });
            return reply(200, { id: msg.id, content: msg.content, message_type: msg.messageType });
        }
        if (method === 'POST' && action === '/toggle_status') {
            const status = (['open', 'pending', 'resolved', 'snoozed'] as const).find((x) => x === body.status) ?? (c.status === 'open' ? 'resolved' : 'open');
            await core.setStatus(c, status as ConversationStatus);
            return reply(200, { payload: { success: true, current_status: c.status, conversation_id: c.id } });
        }
        if (method === 'POST' && action === '/custom_attributes') {
            c.customAttributes = typeof body.custom_attributes === 'object' && body.custom_attributes !== null ? { ...(body.custom_attributes as Record<string, unknown>) } : {};
            return reply(200, { custom_attributes: c.customAttributes });
        }
        if (method === 'POST' && action === '/assignments') {
            const agent = s.agents.find((a) => a.id === Number(body.assignee_id));
            if (!agent) return reply(404, { error: 'agent not found' });
            c.assigneeId = agent.id;
            return reply(200, { id: agent.id, name: agent.name, email: agent.email });
        }
    }
    if (p === '/agents' && method === 'GET') return reply(200, s.agents);
    if (p === '/agents' && method === 'POST') {
        const email = String(body.email ?? '');
        if (s.agents.some((a) => a.email.toLowerCase() === email.toLowerCase())) return reply(422, { message: 'Email has already been taken' });
        const agent = { id: s.id(), email, name: String(body.name ?? email) };
        s.agents.push(agent);
        return reply(200, agent);
    }
    if (p === '/contacts' && method === 'POST') return createContact(core, body);
    if (p === '/contacts/search' && method === 'GET') return reply(200, { payload: s.contacts.filter((c) => c.identifier === url.searchParams.get('q')).map((c) => s.contactPushData(c)) });
    const ofContact = /^\/contacts\/(\d+)\/conversations$/.exec(p);
    if (ofContact && method === 'GET') return reply(200, { payload: s.conversations.filter((c) => c.contactId === Number(ofContact[1])).map((c) => s.conversationData(c)) });
    if (p === '/conversations' && method === 'POST') return createConversation(core, sender, body);
    const portal = /^\/portals\/([^/]+)\/articles$/.exec(p);
    if (portal && method === 'GET') return articles(core, portal[1] ?? '', url.searchParams);
    return reply(404, { error: 'not found' });
}

function createContact(core: ChatwootCore, body: Record<string, unknown>): Reply {
    const s = core.state;
    const identifier = typeof body.identifier === 'string' ? body.identifier : null;
    if (identifier !== null && s.contacts.some((c) => c.identifier === identifier)) return reply(422, { message: 'Identifier has already been taken' });
    const contact = { id: s.id(), identifier, name: String(body.name ?? '') };
    s.contacts.push(contact);
    s.contactInboxes.push({ id: s.id(), contactId: contact.id, sourceId: randomUUID(), hmacVerified: false });
    return reply(200, { payload: { contact: s.contactPushData(contact) } });
}

async function createConversation(core: ChatwootCore, sender: Sender, body: Record<string, unknown>): Promise<Reply> {
    const s = core.state;
    const contactId = Number(body.contact_id);
    if (!s.contact(contactId)) return reply(404, { error: 'contact not found' });
    const ci = { id: s.id(), contactId, sourceId: typeof body.source_id === 'string' ? body.source_id : randomUUID(), hmacVerified: false };
    s.contactInboxes.push(ci);
    const attrs = typeof body.custom_attributes === 'object' && body.custom_attributes !== null ? (body.custom_attributes as Record<string, unknown>) : {};
    const conv = await core.createConversation(ci.id, attrs);
    const first = (body.message as { content?: unknown } | undefined)?.content;
    if (typeof first === 'string' && first !== '') await core.createMessage(conv, { content: first, messageType: 'outgoing', sender });
    return reply(200, s.conversationData(conv));
}

function articles(core: ChatwootCore, slug: string, q: URLSearchParams): Reply {
    const all = (core.state.articles.get(slug) ?? []).filter((a) => !q.get('status') || a.status === q.get('status'));
    const page = Math.max(1, Number(q.get('page') ?? 1) || 1);
    return reply(200, { payload: all.slice((page - 1) * PAGE, page * PAGE), meta: { articles_count: all.length, current_page: String(page) } });
}
