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

    /** Replaces the conversation's custom attributes (Chatwoot's semantics: the whole set). */
    async setCustomAttributes(accountId: number, conversationId: number, attrs: Record<string, string>): Promise<void> {
        await this.call(`/conversations/${conversationId}/custom_attributes`, { custom_attributes: attrs }, { accountId });
    }

    async assign(accountId: number, conversationId: number, agentId: number): Promise<void> {
        await this.call(`/conversations/${conversationId}/assignments`, { assignee_id: agentId }, { accountId });
    }

    /** Every published article of a portal, page by page (Chatwoot pages the list; bounded at MAX_PAGES). */
    async listArticles(portalSlug: string): Promise<Article[]> {
        const out: Article[] = [];
        let seen = 0;
        for (let page = 1; page <= MAX_PAGES; page++) {
            const r = await this.call<ArticlePage | RawArticle[]>(`/portals/${encodeURIComponent(portalSlug)}/articles?page=${page}&status=published`, undefined, { method: 'GET' });
            const list = Array.isArray(r) ? r : (r.payload ?? []);
            out.push(...list.filter(isPublished).map(toArticle));
            seen += list.length;
            const total = Array.isArray(r) ? undefined : r.meta?.articles_count;
            if (Array.isArray(r) || list.length === 0 || (total !== undefined && seen >= total)) break;
        }
        return out;
    }

    articleUrl(portalSlug: string, slug: string): string {
        return `${this.o.baseUrl}/hc/${portalSlug}/articles/${slug}`;
    }
}

const MAX_PAGES = 40;
type RawArticle = Partial<Article> & { status?: string | number };
type ArticlePage = { payload?: RawArticle[]; meta?: { articles_count?: number; current_page?: number | string } };

const isPublished = (a: RawArticle): boolean => a.status === undefined || a.status === 'published' || a.status === 1;
const toArticle = (a: RawArticle): Article => ({ id: a.id ?? 0, slug: a.slug ?? String(a.id), title: a.title ?? '', content: a.content ?? '', description: a.description ?? '' });
