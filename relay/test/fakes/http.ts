import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Recorded {
    method: string;
    path: string;
    headers: IncomingMessage['headers'];
    body: unknown;
    /** The status the fake answered with. */
    status?: number;
    /** When it arrived (ISO). */
    at: string;
}

export type FakeHandler = (req: Recorded) => { status?: number; body?: unknown } | undefined;

/** A loopback JSON server that records every request and answers through a route table. */
export class FakeHttpServer {
    readonly requests: Recorded[] = [];
    private server: Server | null = null;
    /** Set to a status to make every request fail with it (outage simulation). */
    failWith: number | null = null;

    constructor(private readonly handler: FakeHandler) {}

    async start(): Promise<string> {
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                const text = Buffer.concat(chunks).toString('utf8');
                let body: unknown = text;
                try {
                    body = text ? JSON.parse(text) : undefined;
                } catch {
                    /* keep text */
                }
                const rec: Recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers, body, at: new Date().toISOString() };
                this.requests.push(rec);
                const out = this.failWith ? { status: this.failWith, body: { error: 'down' } } : (this.handler(rec) ?? { status: 404, body: { error: 'not found' } });
                rec.status = out.status ?? 200;
                res.writeHead(rec.status, { 'content-type': 'application/json' });
                res.end(JSON.stringify(out.body ?? {}));
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
        await new Promise<void>((r) => this.server?.close(() => r()));
    }

    find(method: string, pathPart: string | RegExp): Recorded[] {
        return this.requests.filter((r) => r.method === method && (typeof pathPart === 'string' ? r.path.includes(pathPart) : pathPart.test(r.path)));
    }
}
