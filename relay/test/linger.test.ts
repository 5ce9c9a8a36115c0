// Refusals that reach the sender: an oversized webhook gets its 413 as the sender sees it, even when
// the sender writes the whole 3 MB body at once (a reset instead would make Chatwoot or ICPay retry
// it as a network error), and a slow sender is closed after the lingering bounds.
import { createServer, type Server } from 'node:http';
import { connect, type AddressInfo } from 'node:net';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Router } from '../src/http/router.js';
import { Metrics } from '../src/metrics.js';
import { silentLogger } from '../src/util/log.js';

const MAX_BODY = 1_000_000;
const LINGER = { ms: 1_500, idleMs: 600, bytes: 8 * 1024 * 1024 };
let server: Server;
let port: number;

beforeAll(async () => {
    const router = new Router(silentLogger, new Metrics(), MAX_BODY, [], LINGER).on('POST', '/webhooks/test', () => ({ status: 200, body: { ok: true } }));
    server = createServer(router.listener);
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

interface Outcome {
    response: string;
    error: string | null;
    closedAfterMs: number;
}

/**
 * A raw sender: the request head, then `body` as `writes` (each after `gapMs`). `stubborn` keeps
 * writing after the server's FIN (half-open), so `closedAfterMs` is when the server really let go.
 */
function send(opts: { declared: number; writes: Buffer[]; gapMs?: number; stubborn?: boolean }): Promise<Outcome> {
    return new Promise((resolve) => {
        const started = Date.now();
        const socket = connect({ port, host: '127.0.0.1', allowHalfOpen: opts.stubborn === true });
        let response = '';
        let error: string | null = null;
        socket.on('data', (d) => (response += d.toString('latin1')));
        socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
        socket.on('close', () => resolve({ response, error, closedAfterMs: Date.now() - started }));
        socket.on('connect', () => {
            socket.write(`POST /webhooks/test HTTP/1.1\r\nhost: relay\r\ncontent-type: application/json\r\ncontent-length: ${opts.declared}\r\n\r\n`);
            let i = 0;
            const next = (): void => {
                if (i >= opts.writes.length || socket.destroyed) return;
                socket.write(opts.writes[i++]!, () => undefined);
                if (opts.gapMs) setTimeout(next, opts.gapMs);
                else next();
            };
            next();
        });
    });
}

describe('lingering close of refused webhooks', () => {
    it('a sender writing 3 MB at once reads the 413 (20 of 20), not a reset', async () => {
        const body = Buffer.alloc(3 * 1024 * 1024, 0x61);
        const outcomes: Outcome[] = [];
        for (let run = 0; run < 20; run++) outcomes.push(await send({ declared: body.length, writes: [body] }));
        const resets = outcomes.filter((o) => o.error !== null);
        expect(resets.map((o) => o.error)).toEqual([]);
        for (const o of outcomes) {
            expect(o.response).toMatch(/^HTTP\/1\.1 413 /);
            expect(o.response).toMatch(/connection: close/i);
            expect(o.response).toContain('body_too_large');
        }
    }, 60_000);

    it('an HTTP client (fetch) posting 3 MB, declared or streamed, reads the 413 (20 of 20 each)', async () => {
        const bytes = Buffer.alloc(3 * 1024 * 1024, 0x61);
        const results: (number | string)[] = [];
        for (let run = 0; run < 40; run++) {
            // Streamed (chunked, no content-length): the limit is found while reading, mid-body.
            const body = run % 2 === 0 ? bytes : new Blob([bytes]).stream();
            results.push(
                await fetch(`http://127.0.0.1:${port}/webhooks/test`, { method: 'POST', body, headers: { 'content-type': 'application/json' }, duplex: 'half' } as RequestInit).then(
                    async (r) => (await r.text(), r.status),
                    (e: Error & { cause?: { code?: string } }) => e.cause?.code ?? e.message
                )
            );
        }
        expect(results).toEqual(Array.from({ length: 40 }, () => 413));
    }, 60_000);

    it('also when the body is undeclared-large: chunks past the limit are drained, not kept', async () => {
        const chunk = Buffer.alloc(256 * 1024, 0x62);
        const o = await send({ declared: 2 * 1024 * 1024, writes: Array.from({ length: 8 }, () => chunk) });
        expect(o.error).toBeNull();
        expect(o.response).toMatch(/^HTTP\/1\.1 413 /);
    });

    it('a sender that trickles is answered at once and closed after the bound, not when it pleases', async () => {
        const o = await send({ declared: 3 * 1024 * 1024, writes: Array.from({ length: 100 }, () => Buffer.from('x')), gapMs: 100, stubborn: true });
        expect(o.response).toMatch(/^HTTP\/1\.1 413 /);
        expect(o.closedAfterMs).toBeGreaterThanOrEqual(LINGER.ms - 100);
        expect(o.closedAfterMs).toBeLessThan(LINGER.ms + 1_000);
    });

    it('a sender that goes quiet is closed after the idle bound', async () => {
        const o = await send({ declared: 3 * 1024 * 1024, writes: Array.from({ length: 5 }, () => Buffer.from('{')), gapMs: 900, stubborn: true });
        expect(o.response).toMatch(/^HTTP\/1\.1 413 /);
        // Writes at 0, 900, 1800 ms: a write learns of a reset at the next one. Closed by the idle
        // bound (600 ms), the 900 ms write is reset and the 1800 ms one fails; closed only by the
        // total bound (1500 ms), the failure would come at 2700 ms.
        expect(o.error).not.toBeNull();
        expect(o.closedAfterMs).toBeGreaterThanOrEqual(1_800);
        expect(o.closedAfterMs).toBeLessThan(2_400);
    });

    it('a sender pushing more than the drain bound is cut off', async () => {
        const o = await send({ declared: 64 * 1024 * 1024, writes: Array.from({ length: 40 }, () => Buffer.alloc(1024 * 1024, 0x63)) });
        expect(o.response).toMatch(/^HTTP\/1\.1 413 /);
        expect(o.closedAfterMs).toBeLessThan(LINGER.ms);
    });

    it('an accepted body still gets its answer on a kept-alive connection', async () => {
        const res = await fetch(`http://127.0.0.1:${port}/webhooks/test`, { method: 'POST', body: '{}' });
        expect(res.status).toBe(200);
        expect(res.headers.get('connection')).not.toBe('close');
    });
});
