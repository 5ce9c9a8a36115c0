import { FakeHttpServer, type Recorded } from './http.js';

export interface FakeArticle {
    id: number;
    slug: string;
    title: string;
    content: string;
    description: string;
    status?: string;
}

export interface ChatwootSnapshot {
    nextId: number;
    agents: FakeChatwoot['agents'];
    contacts: FakeChatwoot['contacts'];
    conversations: FakeChatwoot['conversations'];
    history: Recorded[];
}

/** Fake Chatwoot application API: messages, status, agents, contacts, conversations, Help Center. */
export class FakeChatwoot extends FakeHttpServer {
    articles = new Map<string, FakeArticle[]>();
    agents: { id: number; email: string; name: string }[] = [];
    contacts: { id: number; identifier: string; name: string }[] = [];
    conversations: { id: number; contact_id: number; custom_attributes: Record<string, unknown> }[] = [];
    private nextId = 100;

    constructor(readonly token = 'cw-api-token') {
        super((req) => this.route(req));
    }

    /** What a restart needs (`npm start` keeps it across runs): the directory and the conversation history. */
    snapshot(): ChatwootSnapshot {
        const history = this.requests.filter((r) => r.method === 'POST' && /\/conversations\/\d+\/(messages|toggle_status)$/.test(r.path));
        return { nextId: this.nextId, agents: this.agents, contacts: this.contacts, conversations: this.conversations, history: history.map((r) => ({ ...r, headers: {} })) };
    }

    restore(s: ChatwootSnapshot): void {
        this.nextId = Math.max(this.nextId, s.nextId);
        this.agents.push(...s.agents);
        this.contacts.push(...s.contacts);
        this.conversations.push(...s.conversations);
        this.requests.push(...s.history);
    }

    messages(conversationId?: number): Recorded[] {
        return this.find('POST', /\/conversations\/\d+\/messages$/).filter((r) => conversationId === undefined || r.path.includes(`/conversations/${conversationId}/messages`));
    }

    private route(req: Recorded): { status?: number; body?: unknown } | undefined {
        if (req.headers.api_access_token === undefined) return { status: 401, body: { error: 'no token' } };
        const p = req.path.replace(/^\/api\/v1\/accounts\/\d+/, '');
        const b = (req.body ?? {}) as Record<string, unknown>;
        if (req.method === 'POST' && /^\/conversations\/\d+\/messages$/.test(p)) return { body: { id: this.nextId++, content: b.content } };
        if (req.method === 'POST' && /^\/conversations\/\d+\/toggle_status$/.test(p)) return { body: { payload: { success: true } } };
        if (req.method === 'POST' && /^\/conversations\/\d+\/assignments$/.test(p)) return { body: { id: b.assignee_id } };
        const attrs = /^\/conversations\/(\d+)\/custom_attributes$/.exec(p);
        if (req.method === 'POST' && attrs) return this.replaceAttributes(Number(attrs[1]), b.custom_attributes);
        if (p === '/agents') return this.agentsRoute(req.method, b);
        if (p === '/contacts' && req.method === 'POST') return this.contactRoute(b);
        if (p.startsWith('/contacts/search')) {
            const q = decodeURIComponent(p.split('q=')[1] ?? '');
            return { body: { payload: this.contacts.filter((c) => c.identifier === q) } };
        }
        const convOf = /^\/contacts\/(\d+)\/conversations$/.exec(p);
        if (convOf) return { body: { payload: this.conversations.filter((c) => c.contact_id === Number(convOf[1])) } };
        if (p === '/conversations' && req.method === 'POST') {
            return { body: { id: this.createConversation(Number(b.contact_id), (b.custom_attributes ?? {}) as Record<string, unknown>).id } };
        }
        const portal = /^\/portals\/([^/?]+)\/articles(?:\?(.*))?$/.exec(p);
        if (portal) return { body: this.articlePage(portal[1] ?? '', new URLSearchParams(portal[2] ?? '')) };
        return undefined;
    }

    /** Chatwoot pages articles 25 at a time: `{ payload, meta: { articles_count, current_page } }`. */
    private articlePage(slug: string, q: URLSearchParams): unknown {
        const all = (this.articles.get(slug) ?? []).filter((a) => !q.get('status') || (a.status ?? 'published') === q.get('status'));
        const page = Math.max(1, Number(q.get('page') ?? 1));
        return { payload: all.slice((page - 1) * 25, page * 25), meta: { articles_count: all.length, current_page: String(page) } };
    }

    /** `POST /conversations/:id/custom_attributes` replaces the whole set, as upstream does. */
    private replaceAttributes(id: number, attrs: unknown): { status?: number; body?: unknown } {
        const conv = this.conversations.find((c) => c.id === id) ?? this.createConversation(0, {});
        if (conv.id !== id) conv.id = id;
        conv.custom_attributes = (attrs ?? {}) as Record<string, unknown>;
        return { body: { custom_attributes: conv.custom_attributes } };
    }

    private agentsRoute(method: string, b: Record<string, unknown>): { status?: number; body?: unknown } {
        if (method === 'GET') return { body: this.agents };
        if (this.agents.some((a) => a.email === b.email)) return { status: 422, body: { message: 'Email has already been taken' } };
        const agent = { id: this.nextId++, email: String(b.email), name: String(b.name) };
        this.agents.push(agent);
        return { body: agent };
    }

    createContact(identifier: string, name: string): FakeChatwoot['contacts'][number] {
        const contact = { id: this.nextId++, identifier, name };
        this.contacts.push(contact);
        return contact;
    }

    createConversation(contactId: number, customAttributes: Record<string, unknown>): FakeChatwoot['conversations'][number] {
        const conv = { id: this.nextId++, contact_id: contactId, custom_attributes: customAttributes };
        this.conversations.push(conv);
        return conv;
    }

    private contactRoute(b: Record<string, unknown>): { status?: number; body?: unknown } {
        if (this.contacts.some((c) => c.identifier === b.identifier)) return { status: 422, body: { message: 'Identifier has already been taken' } };
        return { body: { payload: { contact: this.createContact(String(b.identifier), String(b.name)) } } };
    }
}
