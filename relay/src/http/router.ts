import type { IncomingHttpHeaders, IncomingMessage, ServerResponse } from 'node:http';
import { HttpRequestError, toHttpError } from './errors.js';
import { DEFAULT_LINGER, lingerClose, type Linger } from './linger.js';
import { errorMessage, type Logger } from '../util/log.js';
import type { Metrics } from '../metrics.js';

export interface RequestContext {
    method: string;
    path: string;
    query: URLSearchParams;
    params: Record<string, string>;
    headers: IncomingHttpHeaders;
    rawBody: Buffer;
}

export interface Reply {
    status: number;
    body: unknown;
    contentType?: string;
}

export type Handler = (ctx: RequestContext) => Promise<Reply> | Reply;

interface Route {
    methods: string[];
    pattern: RegExp;
    keys: string[];
    name: string;
    handler: Handler;
}

/** A small router on node:http: exact methods, `:param` segments, raw bodies with a size cap. */
export class Router {
    private readonly routes: Route[] = [];

    constructor(
        private readonly log: Logger,
        private readonly metrics: Metrics,
        private readonly maxBodyBytes: number,
        /** Browser origins allowed to call the relay (the identity-hash and contacts endpoints). */
        private readonly corsOrigins: readonly string[] = [],
        /** Bounds of the lingering close after refusing an unread body (linger.ts). */
        private readonly linger: Linger = DEFAULT_LINGER
    ) {}

    on(methods: string | string[], path: string, handler: Handler): this {
        const keys: string[] = [];
        const source = path.replace(/:(\w+)/g, (_m, k: string) => {
            keys.push(k);
            return '([^/]+)';
        });
        this.routes.push({ methods: [methods].flat(), pattern: new RegExp(`^${source}$`), keys, name: path, handler });
        return this;
    }

    readonly listener = (req: IncomingMessage, res: ServerResponse): void => {
        void this.handle(req, res);
    };

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        const started = process.hrtime.bigint();
        const url = new URL(req.url ?? '/', 'http://relay');
        if (this.cors(req, res)) return;
        const match = this.match(req.method ?? 'GET', url.pathname);
        let reply: Reply;
        try {
            if (!match) throw new HttpRequestError(404, 'not_found', `no route for ${req.method} ${url.pathname}`);
            if (match === 'method') throw new HttpRequestError(405, 'method_not_allowed', `${req.method} not allowed`);
            const rawBody = await readBody(req, this.maxBodyBytes);
            reply = await match.route.handler({ method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, params: match.params, headers: req.headers, rawBody });
        } catch (e) {
            reply = this.errorReply(e, req.method ?? 'GET', url.pathname);
        }
        // A body refused unread (oversized, or answered before it arrived): answer, then a lingering
        // close, so the sender reads the refusal, and cannot hold the socket beyond the bounds.
        const unread = reply.status === 413 || !req.complete;
        if (unread) res.setHeader('connection', 'close');
        send(res, reply);
        if (unread) lingerClose(req, res, this.linger);
        const route = match && match !== 'method' ? match.route.name : 'unmatched';
        this.metrics.observeRequest(route, reply.status, Number(process.hrtime.bigint() - started) / 1e9);
    }

    /** Adds CORS headers for allowed origins; answers preflights. True when the request is done. */
    private cors(req: IncomingMessage, res: ServerResponse): boolean {
        const origin = req.headers.origin;
        if (!origin || !this.corsOrigins.includes(origin)) return false;
        res.setHeader('access-control-allow-origin', origin);
        res.setHeader('vary', 'origin');
        if (req.method !== 'OPTIONS') return false;
        res.writeHead(204, { 'access-control-allow-methods': 'GET, POST, PUT', 'access-control-allow-headers': 'content-type, x-principal-proof', 'access-control-max-age': '600' });
        res.end();
        return true;
    }

    private match(method: string, path: string): { route: Route; params: Record<string, string> } | 'method' | null {
        let methodMismatch = false;
        for (const route of this.routes) {
            const m = route.pattern.exec(path);
            if (!m) continue;
            if (!route.methods.includes(method)) {
                methodMismatch = true;
                continue;
            }
            const params: Record<string, string> = {};
            route.keys.forEach((k, i) => (params[k] = decodeURIComponent(m[i + 1] ?? '')));
            return { route, params };
        }
        return methodMismatch ? 'method' : null;
    }

    private errorReply(e: unknown, method: string, path: string): Reply {
        const known = toHttpError(e);
        if (known) {
            this.log.warn('request refused', { method, path, status: known.status, reason: known.reason, detail: known.message });
            return { status: known.status, body: { error: known.reason, detail: known.message } };
        }
        this.log.error('request failed', { method, path, error: errorMessage(e) });
        return { status: 500, body: { error: 'internal_error' } };
    }
}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers['content-length'] ?? 0);
        if (declared > limit) {
            reject(new HttpRequestError(413, 'body_too_large', `body exceeds ${limit} bytes`));
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        const onData = (c: Buffer): void => {
            size += c.length;
            if (size > limit) {
                // The rest is drained by the lingering close (linger.ts), not kept.
                req.off('data', onData);
                chunks.length = 0;
                reject(new HttpRequestError(413, 'body_too_large', `body exceeds ${limit} bytes`));
            } else chunks.push(c);
        };
        req.on('data', onData);
        req.on('end', () => resolve(Buffer.concat(chunks)));
        req.on('error', reject);
    });
}

function send(res: ServerResponse, reply: Reply): void {
    const body = reply.contentType ? String(reply.body) : JSON.stringify(reply.body);
    res.writeHead(reply.status, { 'content-type': reply.contentType ?? 'application/json', 'content-length': Buffer.byteLength(body) });
    res.end(body);
}
