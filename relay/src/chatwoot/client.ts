import { HttpError, requestJson } from '../util/http_client.js';

export interface Article {
    id: number;
    slug: string;
    title: string;
    content: string;
    description: string;
}

export interface ChatwootClientOptions {
    baseUrl: string;
    accountId: number;
    apiToken: string;
    /** Agent-bot token for the help bot's own replies, so they are not counted as human replies. */
    botToken?: string;
    timeoutMs?: number;
}

/** The Chatwoot application API (`api_access_token` header). */
export class ChatwootClient {
    constructor(private readonly o: ChatwootClientOptions) {}

    private url(path: string, accountId = this.o.accountId): string {
        return `${this.o.baseUrl}/api/v1/accounts/${accountId}${path}`;
    }

    private call<T>(path: string, body?: unknown, opts: { token?: string; method?: string; accountId?: number } = {}): Promise<T> {
        return requestJson<T>(this.url(path, opts.accountId), {
            method: opts.method,
            body,
            headers: { api_access_token: opts.token ?? this.o.apiToken },
            timeoutMs: this.o.timeoutMs ?? 10_000
        });
    }

    async postMessage(accountId: number, conversationId: number, content: string, asBot = false): Promise<number> {
        const token = asBot ? (this.o.botToken ?? this.o.apiToken) : this.o.apiToken;
        const r = await this.call<{ id: number }>(`/conversations/${conversationId}/messages`, { content, message_type: 'outgoing', private: false }, { token, accountId });
        return r.id;
    }

    async setStatus(accountId: number, conversationId: number, status: 'open' | 'pending' | 'resolved'): Promise<void> {
        await this.call(`/conversations/${conversationId}/toggle_status`, { status }, { accountId, token: this.o.botToken ?? this.o.apiToken });
    }

    /** Creates an agent, or finds the existing one with the same email (a retried create). */
    async ensureAgent(name: string, email: string): Promise<number> {
        try {
            return (await this.call<{ id: number }>(`/agents`, { name, email, role: 'agent' })).id;
        } catch (e) {
            if (!(e instanceof HttpError) || e.status !== 422) throw e;
            const agents = await this.call<{ id: number; email: string }[]>(`/agents`, undefined, { method: 'GET' });
            const found = agents.find((a) => a.email.toLowerCase() === email.toLowerCase());
            if (!found) throw e;
            return found.id;
        }
    }

    /** Creates a contact in the inbox, or finds the existing one with the same identifier. */
    async ensureContact(inboxId: number, identifier: string, name: string): Promise<number> {
        try {
            const r = await this.call<ContactResponse>(`/contacts`, { inbox_id: inboxId, name, identifier });
            return contactId(r);
        } catch (e) {
            if (!(e instanceof HttpError) || e.status !== 422) throw e;
            const r = await this.call<{ payload: { id: number; identifier?: string }[] }>(`/contacts/search?q=${encodeURIComponent(identifier)}`, undefined, { method: 'GET' });
            const found = r.payload.find((c) => c.identifier === identifier);
            if (!found) throw e;
            return found.id;
        }
    }

    /** Finds the contact's conversation for a contract, or creates it. */
    async ensureConversation(inboxId: number, contactId: number, attrs: Record<string, string>, firstMessage: string): Promise<number> {
        const existing = await this.call<{ payload: { id: number; custom_attributes?: Record<string, unknown> }[] }>(`/contacts/${contactId}/conversations`, undefined, { method: 'GET' });
        const found = existing.payload.find((c) => c.custom_attributes?.contract_id === attrs.contract_id);
        if (found) return found.id;
        const r = await this.call<{ id: number }>(`/conversations`, { inbox_id: inboxId, contact_id: contactId, custom_attributes: attrs, message: { content: firstMessage } });
        return r.id;
    }

    async assign(conversationId: number, agentId: number): Promise<void> {
        await this.call(`/conversations/${conversationId}/assignments`, { assignee_id: agentId });
    }

    async listArticles(portalSlug: string): Promise<Article[]> {
        const r = await this.call<{ payload?: Partial<Article & { status: string | number }>[] } | Partial<Article>[]>(
            `/portals/${encodeURIComponent(portalSlug)}/articles`,
            undefined,
            { method: 'GET' }
        );
        const list = Array.isArray(r) ? r : (r.payload ?? []);
        return list
            .filter((a) => (a as { status?: unknown }).status === undefined || ['published', 1].includes((a as { status: string | number }).status))
            .map((a) => ({ id: a.id ?? 0, slug: a.slug ?? String(a.id), title: a.title ?? '', content: a.content ?? '', description: a.description ?? '' }));
    }

    articleUrl(portalSlug: string, slug: string): string {
        return `${this.o.baseUrl}/hc/${portalSlug}/articles/${slug}`;
    }
}

type ContactResponse = { id?: number; payload?: { contact?: { id: number }; id?: number } };

function contactId(r: ContactResponse): number {
    const id = r.payload?.contact?.id ?? r.payload?.id ?? r.id;
    if (typeof id !== 'number') throw new HttpError('Chatwoot contact response has no id', 200);
    return id;
}
