// Serves the built frontend (frontend/dist) for `npm start`: static files with the same security
// headers as the asset canister, SPA fallback to index.html, `/config.json` generated from the
// deployment, and `/api/*` proxied to localnet (same origin, so the agent needs no CORS).
// Localnet cannot run the asset canister (its Wasm is a download), hence this server.
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { createGzip } from 'node:zlib';

const TYPES: Record<string, string> = {
    '.html': 'text/html; charset=utf-8',
    '.js': 'text/javascript; charset=utf-8',
    '.css': 'text/css; charset=utf-8',
    '.json': 'application/json',
    '.svg': 'image/svg+xml',
    '.png': 'image/png',
    '.ico': 'image/x-icon',
    '.woff2': 'font/woff2',
    '.txt': 'text/plain; charset=utf-8',
    '.webmanifest': 'application/manifest+json'
};

export interface StaticServerOptions {
    dir: string;
    port: number;
    host?: string;
    /** Where `/api/*` goes (localnet). */
    upstream: string;
    /** Served at `/config.json`. */
    config: Record<string, unknown>;
    /** Extra origins the page may connect to / load scripts and frames from (relay, ICPay, Chatwoot). */
    connectOrigins?: string[];
    scriptOrigins?: string[];
    log?: (line: string) => void;
}

export function contentSecurityPolicy(o: { connect?: string[]; script?: string[] }): string {
    const join_ = (xs: string[] | undefined) => (xs ?? []).filter(Boolean).join(' ');
    const script = join_(o.script);
    return [
        "default-src 'none'",
        `script-src 'self'${script ? ' ' + script : ''}`,
        "style-src 'self'",
        "style-src-attr 'unsafe-inline'",
        `img-src 'self' data:${script ? ' ' + script : ''}`,
        "font-src 'self'",
        `connect-src 'self'${o.connect?.length ? ' ' + join_(o.connect) : ''}`,
        `frame-src ${script || "'none'"}`,
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'"
    ].join('; ');
}

export function securityHeaders(csp: string): Record<string, string> {
    return {
        'Content-Security-Policy': csp,
        'X-Content-Type-Options': 'nosniff',
        'X-Frame-Options': 'DENY',
        'Referrer-Policy': 'same-origin',
        'Permissions-Policy': 'accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()',
        'Cross-Origin-Opener-Policy': 'same-origin-allow-popups'
    };
}

function proxy(req: IncomingMessage, res: ServerResponse, upstream: string): void {
    const target = new URL(req.url ?? '/', upstream);
    const headers = { ...req.headers, host: target.host };
    const up = httpRequest(target, { method: req.method, headers }, (r) => {
        res.writeHead(r.statusCode ?? 502, r.headers);
        r.pipe(res);
    });
    up.on('error', (e) => {
        if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain' });
        res.end(`localnet unreachable: ${e.message}`);
    });
    req.pipe(up);
}

export async function startStaticServer(o: StaticServerOptions): Promise<{ url: string; server: Server; close(): Promise<void> }> {
    const root = resolve(o.dir);
    const indexHtml = join(root, 'index.html');
    if (!existsSync(indexHtml)) throw new Error(`${indexHtml} not found: build the frontend first`);
    const csp = contentSecurityPolicy({ connect: o.connectOrigins, script: o.scriptOrigins });
    const sec = securityHeaders(csp);
    const configBody = Buffer.from(JSON.stringify(o.config));

    const server = createServer((req, res) => {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = decodeURIComponent(url.pathname);
        if (path.startsWith('/api/')) return proxy(req, res, o.upstream);
        if (req.method !== 'GET' && req.method !== 'HEAD') {
            res.writeHead(405, { Allow: 'GET, HEAD' }).end();
            return;
        }
        if (path === '/config.json') {
            res.writeHead(200, { ...sec, 'Content-Type': 'application/json', 'Cache-Control': 'no-cache', 'Content-Length': configBody.length });
            res.end(req.method === 'HEAD' ? undefined : configBody);
            return;
        }
        let file = normalize(join(root, path));
        if (!file.startsWith(root)) {
            res.writeHead(400).end();
            return;
        }
        if (!existsSync(file) || statSync(file).isDirectory()) {
            // SPA routing: a path with an extension is a missing file; anything else is a route.
            if (extname(path) !== '') {
                res.writeHead(404, { ...sec, 'Content-Type': 'text/plain' }).end('Not found');
                return;
            }
            file = indexHtml;
        }
        const type = TYPES[extname(file)] ?? 'application/octet-stream';
        const immutable = path.startsWith('/assets/');
        const headers: Record<string, string> = {
            ...sec,
            'Content-Type': type,
            'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache'
        };
        const gzip = /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? '')) && /text|json|svg|javascript/.test(type);
        if (gzip) headers['Content-Encoding'] = 'gzip';
        res.writeHead(200, headers);
        if (req.method === 'HEAD') {
            res.end();
            return;
        }
        const stream = createReadStream(file);
        (gzip ? stream.pipe(createGzip()) : stream).pipe(res);
    });
    await new Promise<void>((ok, fail) => {
        server.once('error', fail);
        server.listen(o.port, o.host ?? '127.0.0.1', () => ok());
    });
    const port = (server.address() as AddressInfo).port;
    return {
        url: `http://${o.host ?? '127.0.0.1'}:${port}`,
        server,
        close: () =>
            new Promise<void>((ok) => {
                server.close(() => ok());
                server.closeAllConnections();
            })
    };
}
