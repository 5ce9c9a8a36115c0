// A local stand-in for Chatwoot, for `npm start` (offline), on one base URL like an installation:
//  - `/api/v1/...`, the application API the relay uses (agents, contacts, conversations, messages,
//    Help Center): relay/test/fakes/chatwoot.ts behind a pass-through, with the Help Center seeded
//    (scripts/local-chatwoot/help-center.ts) so the help bot can answer; `/hc/<portal>/articles/<slug>`;
//  - the website widget the browser loads: `/packs/js/sdk.js` (scripts/local-chatwoot/sdk.js) and
//    the `/widget/v1/...` endpoints it calls. Like a Chatwoot inbox with identity validation enforced, it accepts a
//    user only with `identifier_hash` = HMAC-SHA256(inbox HMAC token, identifier), which the
//    relay computes for a signed-in principal.
// A customer's message becomes a signed `message_created` webhook to the relay; the replies the
// relay posts through the API (help bot, escalations) show up in the widget.
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { signChatwoot } from '../relay/src/verify/chatwoot';
import { hmacSha256Hex, safeEqualHex } from '../relay/src/verify/hmac';
import { FakeChatwoot, type ChatwootSnapshot } from '../relay/test/fakes/chatwoot';
import { deliverWebhook } from './local-webhook';
import { HELP_CENTER } from './local-chatwoot/help-center';

export const LOCAL_CHATWOOT = {
    accountId: 1,
    inboxId: 1,
    apiToken: 'local-chatwoot-token',
    webhookSecret: 'local-chatwoot-webhook-secret',
    inboxHmacToken: 'local-chatwoot-inbox-hmac-token',
    websiteToken: 'local-website-token',
    portal: 'help'
};

const SDK = readFileSync(new URL('./local-chatwoot/sdk.js', import.meta.url), 'utf8');

interface WidgetMessage {
    id: number;
    content: string;
    type: 'incoming' | 'outgoing';
    at: string;
}

interface Conversation {
    id: number;
    contact_id: number;
    custom_attributes: Record<string, unknown>;
}

type Reply = { status: number; body: unknown };
const reply = (status: number, body: unknown): Reply => ({ status, body });

export class LocalChatwoot {
    /** The application API (what the relay calls). */
    readonly api = new FakeChatwoot(LOCAL_CHATWOOT.apiToken);
    private server: Server | null = null;
    private readonly incoming = new Map<number, WidgetMessage[]>();
    private nextMessageId = 1;
    /** Where `message_created` webhooks go (the relay's `/webhooks/chatwoot`); set once the relay runs. */
    webhookUrl: string | undefined;

    constructor(private readonly o: { stateFile?: string; log?: (m: string) => void } = {}) {
        this.api.articles.set(LOCAL_CHATWOOT.portal, HELP_CENTER.map((a, i) => ({ id: i + 1, status: 'published', ...a })));
    }

    /** Starts (with the state of the last run); returns the base URL, as a Chatwoot installation has one. */
    async start(): Promise<string> {
        this.load();
        await this.api.start();
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                const body = Buffer.concat(chunks);
                const route = req.url?.startsWith('/api/') ? this.forward(req, body) : this.handle(req, body.toString('utf8'));
                void route.catch((e: unknown) => reply(500, { error: (e as Error).message })).then((r) => send(res, r));
            });
        });
        await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
        return this.url;
    }

    /** The application API (`/api/v1/...`) is the fake's: pass the request through. */
    private async forward(req: IncomingMessage, body: Buffer): Promise<Reply> {
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        const token = req.headers.api_access_token;
        if (typeof token === 'string') headers.api_access_token = token;
        const r = await fetch(`${this.api.url}${req.url}`, { method: req.method, headers, body: req.method === 'GET' || req.method === 'HEAD' ? undefined : new Uint8Array(body) });
        return reply(r.status, await r.json());
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
        await this.api.stop();
        this.save();
    }

    private load(): void {
        if (this.o.stateFile === undefined || !existsSync(this.o.stateFile)) return;
        const s = JSON.parse(readFileSync(this.o.stateFile, 'utf8')) as { api: ChatwootSnapshot; incoming: [number, WidgetMessage[]][]; nextMessageId: number };
        this.api.restore(s.api);
        for (const [id, ms] of s.incoming) this.incoming.set(id, ms);
        this.nextMessageId = s.nextMessageId;
    }

    private save(): void {
        if (this.o.stateFile === undefined) return;
        const state = { api: this.api.snapshot(), incoming: [...this.incoming], nextMessageId: this.nextMessageId };
        writeFileSync(this.o.stateFile, JSON.stringify(state));
    }

    private async handle(req: IncomingMessage, text: string): Promise<Reply | Page | 'preflight'> {
        const url = new URL(req.url ?? '/', 'http://localhost');
        if (req.method === 'OPTIONS') return 'preflight';
        if (url.pathname === '/packs/js/sdk.js' && req.method === 'GET') return { type: 'text/javascript', text: SDK };
        const article = /^\/hc\/([^/]+)\/articles\/([^/]+)$/.exec(url.pathname);
        if (article && req.method === 'GET') return articlePage(this.api.articles.get(article[1] ?? '')?.find((a) => a.slug === article[2]));
        let body: Record<string, unknown> = Object.fromEntries(url.searchParams);
        if (req.method === 'POST') {
            try {
                body = JSON.parse(text || '{}') as Record<string, unknown>;
            } catch {
                return reply(400, { error: 'invalid JSON' });
            }
        }
        if (body.website_token !== LOCAL_CHATWOOT.websiteToken) return reply(401, { error: 'unknown website token' });
        if (url.pathname === '/widget/v1/identify' && req.method === 'POST') return reply(200, { verified: this.verified(body) });
        if (url.pathname !== '/widget/v1/messages') return reply(404, { error: 'not found' });
        if (!this.verified(body)) return reply(403, { error: 'Your identity could not be verified; sign in again.' });
        const identifier = String(body.identifier);
        const contractId = typeof body.contract_id === 'string' && body.contract_id !== '' ? body.contract_id : null;
        const conversation = this.conversationFor(identifier, contractId);
        if ('status' in conversation) return conversation;
        if (req.method === 'GET') return reply(200, { conversation_id: conversation.id, messages: this.messages(conversation.id) });
        if (req.method !== 'POST') return reply(405, { error: 'use GET or POST' });
        const content = typeof body.content === 'string' ? body.content.trim() : '';
        if (content === '' || content.length > 5000) return reply(400, { error: 'A message needs 1 to 5000 characters.' });
        const message: WidgetMessage = { id: this.nextMessageId++, content, type: 'incoming', at: new Date().toISOString() };
        this.incoming.set(conversation.id, [...(this.incoming.get(conversation.id) ?? []), message]);
        await this.sendWebhook(conversation, identifier, message);
        return reply(200, message);
    }

    private verified(body: Record<string, unknown>): boolean {
        const identifier = typeof body.identifier === 'string' ? body.identifier : '';
        const hash = typeof body.identifier_hash === 'string' ? body.identifier_hash : '';
        return identifier !== '' && safeEqualHex(hmacSha256Hex(LOCAL_CHATWOOT.inboxHmacToken, identifier), hash);
    }

    /**
     * The contact's conversation about a contract (usually the one the relay opened for the
     * contract's tenant) or its general one, started on first use. A contract whose conversation
     * belongs to another contact is refused.
     */
    private conversationFor(identifier: string, contractId: string | null): Conversation | Reply {
        const contact = this.api.contacts.find((c) => c.identifier === identifier) ?? this.api.createContact(identifier, `Tenant ${identifier.slice(0, 11)}`);
        const about = (c: Conversation) => (c.custom_attributes.contract_id ?? null) === contractId;
        const own = this.api.conversations.find((c) => c.contact_id === contact.id && about(c));
        if (own) return own;
        if (contractId !== null && this.api.conversations.some(about)) return reply(403, { error: `Contract #${contractId} is not yours.` });
        return this.api.createConversation(contact.id, contractId === null ? {} : { contract_id: contractId });
    }

    /** The customer's messages and the public replies posted through the API, in order. */
    private messages(conversationId: number): WidgetMessage[] {
        const replies = this.api.messages(conversationId).flatMap((r, i): WidgetMessage[] => {
            const b = (r.body ?? {}) as { content?: unknown; private?: unknown };
            if (b.private === true || typeof b.content !== 'string') return [];
            return [{ id: 1_000_000 + i, content: b.content, type: 'outgoing', at: r.at }];
        });
        return [...(this.incoming.get(conversationId) ?? []), ...replies].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
    }

    /** Open once a human (or the bot's escalation) took it over, else pending: the bot answers. */
    private status(conversationId: number): string {
        const toggles = this.api.find('POST', `/conversations/${conversationId}/toggle_status`);
        const last = toggles.at(-1)?.body as { status?: string } | undefined;
        return last?.status ?? 'pending';
    }

    private async sendWebhook(c: Conversation, identifier: string, m: WidgetMessage): Promise<void> {
        if (!this.webhookUrl) return;
        const body = JSON.stringify({
            event: 'message_created',
            id: m.id,
            content: m.content,
            message_type: 'incoming',
            content_type: 'text',
            private: false,
            created_at: m.at,
            sender: { id: c.contact_id, identifier, type: 'contact' },
            account: { id: LOCAL_CHATWOOT.accountId },
            inbox: { id: LOCAL_CHATWOOT.inboxId },
            conversation: { id: c.id, inbox_id: LOCAL_CHATWOOT.inboxId, status: this.status(c.id), custom_attributes: c.custom_attributes, meta: { sender: { identifier }, hmac_verified: true } }
        });
        const delivery = randomUUID();
        const headers = () => {
            const ts = Math.floor(Date.now() / 1000);
            return { 'x-chatwoot-signature': signChatwoot(LOCAL_CHATWOOT.webhookSecret, ts, body), 'x-chatwoot-timestamp': String(ts), 'x-chatwoot-delivery': delivery };
        };
        await deliverWebhook({ url: this.webhookUrl, body, headers, attempts: 5, pauseMs: 300, label: 'Chatwoot (local)', log: this.o.log });
    }
}

interface Page {
    type: 'text/javascript' | 'text/html';
    text: string;
    status?: number;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** A Help Center article as a plain page (the help bot's answers link here). */
function articlePage(a: { title: string; description: string; content: string } | undefined): Page {
    if (!a) return { type: 'text/html', status: 404, text: '<!doctype html><title>Not found</title><p>No such article.</p>' };
    return {
        type: 'text/html',
        text: `<!doctype html><html lang="en"><meta charset="utf-8"><title>${escapeHtml(a.title)}</title><main><h1>${escapeHtml(a.title)}</h1><p><em>${escapeHtml(a.description)}</em></p><p>${escapeHtml(a.content)}</p></main></html>`
    };
}

function send(res: ServerResponse, r: Reply | Page | 'preflight'): void {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'content-type');
    res.setHeader('Access-Control-Allow-Methods', 'GET, POST, OPTIONS');
    if (r === 'preflight') {
        res.writeHead(204).end();
        return;
    }
    if ('text' in r) {
        res.writeHead(r.status ?? 200, { 'content-type': `${r.type}; charset=utf-8`, 'cache-control': 'no-cache' }).end(r.text);
        return;
    }
    res.writeHead(r.status, { 'content-type': 'application/json' }).end(JSON.stringify(r.body));
}
