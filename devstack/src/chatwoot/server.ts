// A local stand-in for Chatwoot (`npm start`, tests), on one base URL like an installation:
//  - `/api/v1/accounts/1/...`, the application API (api.ts);
//  - the website widget: `/packs/js/sdk.js` and the `/widget/v1/...` endpoints it calls (widget.ts),
//    with identity validation enforced as in an inbox with "Enforce user identity validation";
//  - `/hc/<portal>/articles/<slug>`, the Help Center pages the help bot links to;
//  - signed webhooks from the account webhook and the agent bot, each with its own secret (webhooks.ts).
// It behaves like Chatwoot where the relay depends on it, restrictions included, so the relay's
// tests fail where the real system would. State is kept across runs in `stateFile`.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { apiRoute } from './api.js';
import { ChatwootCore } from './core.js';
import { HELP_CENTER } from './help-center.js';
import type { Snapshot } from './state.js';
import { Deliveries, type Version } from './webhooks.js';
import { widgetRoute, type Reply } from './widget.js';

export const LOCAL_CHATWOOT = {
    accountId: 1,
    inboxId: 1,
    apiToken: 'local-chatwoot-token',
    botToken: 'local-chatwoot-bot-token',
    /** `Webhook#secret` of the account webhook. */
    webhookSecret: 'local-chatwoot-webhook-secret',
    /** `AgentBot#secret`: a different secret, as in Chatwoot. */
    agentBotSecret: 'local-chatwoot-agent-bot-secret',
    inboxHmacToken: 'local-chatwoot-inbox-hmac-token',
    websiteToken: 'local-website-token',
    portal: 'help'
};

const SDK_CSS = readFileSync(new URL('./sdk.css', import.meta.url), 'utf8').trim();
const SDK = readFileSync(new URL('./sdk.js', import.meta.url), 'utf8').replace('__SDK_CSS__', () => JSON.stringify(SDK_CSS));
/** The CSP source admitting the SDK's inline <style id="cw-widget-styles"> (a hash of its text). */
export const SDK_STYLE_HASH = `'sha256-${createHash('sha256').update(SDK_CSS).digest('base64')}'`;

export interface LocalChatwootOptions {
    stateFile?: string;
    log?: (m: string) => void;
    /** Chatwoot's version decides what is signed (default 4.13.0: everything with a secret). */
    version?: Version;
    hmacMandatory?: boolean;
    botRetryPauseMs?: number;
}

interface Page {
    type: 'text/javascript' | 'text/html';
    text: string;
    status?: number;
}

export class LocalChatwoot {
    readonly deliveries: Deliveries;
    readonly core: ChatwootCore;
    private server: Server | null = null;

    constructor(private readonly o: LocalChatwootOptions = {}) {
        this.deliveries = new Deliveries(o.version ?? '4.13.0', o.botRetryPauseMs ?? 3000, o.log);
        this.core = new ChatwootCore(this.deliveries, () => this.deliveries.agentBot !== null);
        this.core.state.articles.set(LOCAL_CHATWOOT.portal, HELP_CENTER.map((a, i) => ({ id: i + 1, status: 'published' as const, ...a })));
    }

    get state() {
        return this.core.state;
    }

    /**
     * Where the relay listens: an account webhook and an agent bot on the inbox, both pointing at
     * it, each signing with its own secret.
     */
    set webhookUrl(url: string | undefined) {
        this.deliveries.account = url ? { url, secret: LOCAL_CHATWOOT.webhookSecret } : null;
        this.deliveries.agentBot = url ? { url, secret: LOCAL_CHATWOOT.agentBotSecret } : null;
    }

    async start(): Promise<string> {
        this.load();
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                void this.handle(req, Buffer.concat(chunks).toString('utf8'))
                    .catch((e: unknown) => ({ status: 500, body: { error: (e as Error).message } }))
                    .then((r) => send(res, r));
            });
        });
        await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
        return this.url;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
        this.save();
    }

    private load(): void {
        if (this.o.stateFile === undefined || !existsSync(this.o.stateFile)) return;
        const saved = JSON.parse(readFileSync(this.o.stateFile, 'utf8')) as Partial<Snapshot>;
        // A state file of the older stand-in (before conversations were the widget's) is not reused.
        if (Array.isArray(saved.contactInboxes)) this.core.state.restore(saved as Snapshot);
    }

    private save(): void {
        if (this.o.stateFile !== undefined) writeFileSync(this.o.stateFile, JSON.stringify(this.core.state.snapshot()));
    }

    private async handle(req: IncomingMessage, text: string): Promise<Reply | Page | 'preflight'> {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const method = req.method ?? 'GET';
        if (method === 'OPTIONS') return 'preflight';
        if (url.pathname === '/packs/js/sdk.js' && method === 'GET') return { type: 'text/javascript', text: SDK };
        const article = /^\/hc\/([^/]+)\/articles\/([^/]+)$/.exec(url.pathname);
        if (article && method === 'GET') return articlePage(this.core.state.articles.get(article[1] ?? '')?.find((a) => a.slug === article[2]));
        let body: Record<string, unknown> = Object.fromEntries(url.searchParams);
        if (method === 'POST') {
            try {
                body = JSON.parse(text || '{}') as Record<string, unknown>;
            } catch {
                return { status: 400, body: { error: 'invalid JSON' } };
            }
        }
        if (url.pathname.startsWith('/api/')) {
            const token = req.headers.api_access_token;
            return apiRoute(this.core, { apiToken: LOCAL_CHATWOOT.apiToken, botToken: LOCAL_CHATWOOT.botToken }, typeof token === 'string' ? token : undefined, method, url, body);
        }
        const cfg = { websiteToken: LOCAL_CHATWOOT.websiteToken, hmacToken: LOCAL_CHATWOOT.inboxHmacToken, hmacMandatory: this.o.hmacMandatory ?? true };
        if (url.pathname.startsWith('/widget/')) return widgetRoute(this.core, cfg, method, url.pathname, body);
        return { status: 404, body: { error: 'not found' } };
    }
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
    res.setHeader('Access-Control-Allow-Headers', 'content-type, api_access_token');
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
