import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

type Item = { id: string };

/**
 * A fake canister over HTTP for tests that run the relay as a child process: it deduplicates by
 * id like the real one, can hold calls (to kill the relay mid-call) or refuse them (outage).
 */
export class FakeCanisterServer {
    readonly applied = new Map<string, Map<string, Item>>();
    readonly calls: { method: string; ids: string[] }[] = [];
    down = false;
    /** Called when a batch arrives, before it is applied; the reply waits for it. */
    onCall: (method: string, ids: string[]) => Promise<void> = async () => undefined;
    private server: Server | null = null;

    async start(): Promise<string> {
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                void this.handle(req.url ?? '', chunks.length ? JSON.parse(Buffer.concat(chunks).toString('utf8')) : null).then(
                    (out) => {
                        res.writeHead(out.status, { 'content-type': 'application/json' });
                        res.end(JSON.stringify(out.body));
                    },
                    () => res.destroy()
                );
            });
        });
        await new Promise<void>((r) => this.server?.listen(0, '127.0.0.1', () => r()));
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((r) => this.server?.close(() => r()));
    }

    ids(method: string): string[] {
        return [...(this.applied.get(method)?.keys() ?? [])];
    }

    private async handle(url: string, body: unknown): Promise<{ status: number; body: unknown }> {
        if (this.down) return { status: 503, body: { error: 'down' } };
        const m = /^\/submit\/(\w+)$/.exec(url);
        if (m?.[1]) return { status: 200, body: await this.submit(m[1], (body as { items: Item[] }).items) };
        return { status: 200, body: [] };
    }

    private async submit(method: string, items: Item[]) {
        const ids = items.map((i) => i.id);
        this.calls.push({ method, ids });
        await this.onCall(method, ids);
        const map = this.applied.get(method) ?? new Map<string, Item>();
        this.applied.set(method, map);
        let accepted = 0;
        for (const item of items) {
            if (!map.has(item.id)) {
                map.set(item.id, item);
                accepted++;
            }
        }
        return { accepted, duplicates: items.length - accepted, rejected: [] };
    }
}
