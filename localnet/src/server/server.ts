// `startLocalnetServer`: the IC HTTP interface, development endpoints and the local identity
// provider on node:http, with automatic ticking (timers fire by themselves), wall-clock canister
// time and periodic persistence.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { deriveDevKeys, type DevKeys } from '../crypto/root_key.js';
import { HttpError } from '../http/errors.js';
import { IcHttpApi, MAX_INGRESS_BYTES } from '../http/routes.js';
import { HttpGateway } from '../gateway/gateway.js';
import { hostTarget, isCanisterHost, queryTarget } from '../gateway/route.js';
import { IdentityProvider } from '../identity_provider/provider.js';
import type { LocalIc } from '../types.js';
import { readBody } from './body.js';
import { setCorsHeaders } from './cors.js';
import { handleDev } from './dev_routes.js';

export const DEFAULT_PORT = 4943;
export const DEFAULT_HOST = '127.0.0.1';
/** Development endpoints take whole Wasm modules. */
const DEV_BODY_LIMIT = 64 * 1024 * 1024;

export interface Persistence {
    save(): void | Promise<void>;
    /** Save this often when something changed. Default 3000 ms. */
    intervalMs?: number;
}

export interface LocalnetServerOptions {
    ic: LocalIc;
    /** Default: `LOCALNET_PORT` or 4943. 0 picks a free port. */
    port?: number;
    host?: string;
    keys?: DevKeys;
    /** 404 on `/api/v3` and `/api/v4` (agents then use v2 + read_state polling). */
    disableV3?: boolean;
    /** Run due timers and queued messages this often; 0 disables. Default 100 ms. */
    tickIntervalMs?: number;
    /** Keep canister time at wall clock (+ what `/_/time/advance` added). Default true. */
    wallClockTime?: boolean;
    persistence?: Persistence;
    /** Serve the local identity provider at `/identity`. Default true. */
    identityProvider?: boolean;
    /** Where the identity provider keeps its list of test users (default: in memory). */
    identityUsersFile?: string;
    /** Serve canisters over HTTP at `<id>.localhost:<port>` and `?canisterId=` (verified). Default true. */
    httpGateway?: boolean;
    log?: (line: string) => void;
}

export interface LocalnetServer {
    readonly url: string;
    readonly port: number;
    readonly keys: DevKeys;
    readonly api: IcHttpApi;
    /** The gateway URL of a canister: `http://<id>.localhost:<port>/`. */
    canisterUrl(canisterId: string): string;
    /** Saves now if a persistence hook is configured and something changed. */
    flush(): Promise<void>;
    close(): Promise<void>;
}

export async function startLocalnetServer(options: LocalnetServerOptions): Promise<LocalnetServer> {
    const { ic } = options;
    const keys = options.keys ?? deriveDevKeys();
    const log = options.log ?? ((): void => {});
    const wallClock = options.wallClockTime ?? true;
    let offsetNs = 0n;
    let dirty = false;
    const syncClock = (): void => {
        if (!wallClock) return;
        const target = BigInt(Date.now()) * 1_000_000n + offsetNs;
        try {
            if (target > ic.clock.nowNs()) ic.setTimeNs(target);
        } catch {
            // A wall-clock LocalIc may have moved past `target` in between: time never goes back.
        }
    };
    const api = new IcHttpApi({
        ic,
        keys,
        disableV3: options.disableV3 ?? false,
        onStateChange: () => {
            dirty = true;
        },
        log
    });
    const idp = (options.identityProvider ?? true) ? new IdentityProvider({ ic, ...(options.identityUsersFile !== undefined ? { usersFile: options.identityUsersFile } : {}) }) : undefined;

    const gateway = (options.httpGateway ?? true) ? new HttpGateway({ ic, rootKeyDer: keys.rootKeyDer }) : undefined;

    const pump = (maxRounds?: number): number => {
        syncClock();
        return api.pump(maxRounds);
    };

    let saving: Promise<void> | null = null;
    const flush = async (): Promise<void> => {
        if (options.persistence === undefined) return;
        if (saving !== null) await saving;
        // Saved state holds no messages in flight: run the queue dry first.
        pump();
        if (!dirty) return;
        dirty = false;
        saving = (async () => {
            try {
                await options.persistence?.save();
            } catch (e) {
                dirty = true;
                log(`saving state failed: ${(e as Error).message}`);
            }
        })();
        await saving;
        saving = null;
    };

    const handler = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
        setCorsHeaders(req, res);
        const method = req.method ?? 'GET';
        if (method === 'OPTIONS') {
            res.writeHead(204).end();
            return;
        }
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = url.pathname;
        try {
            const limit = path.startsWith('/_/') ? DEV_BODY_LIMIT : MAX_INGRESS_BYTES + 64 * 1024;
            const body = method === 'POST' || method === 'PUT' ? await readBody(req, limit) : new Uint8Array(0);
            if (path.startsWith('/api/')) {
                syncClock();
                const r = api.handle(method, path, body);
                res.writeHead(r.status, { 'Content-Type': r.contentType, 'Content-Length': r.body.length });
                res.end(r.body);
                return;
            }
            const target = gateway && hostTarget(req.headers.host, req.url ?? '/');
            if (gateway && target) {
                syncClock();
                sendGateway(res, gateway.handle(target, { method, headers: headerList(req), body }));
                return;
            }
            if (gateway && isCanisterHost(req.headers.host)) throw new HttpError(400, `not a canister id: ${req.headers.host}`);
            if (path.startsWith('/_/')) {
                syncClock();
                const r = await handleDev(
                    {
                        ic,
                        pump,
                        subnetId: keys.subnetId,
                        addTimeOffsetMs: ms => {
                            offsetNs += BigInt(Math.round(ms * 1_000_000));
                            dirty = true;
                        },
                        ...(options.persistence ? { save: async () => { dirty = true; await flush(); } } : {})
                    },
                    method,
                    path,
                    body,
                    url.searchParams
                );
                if (method === 'POST') dirty = true;
                sendJson(res, r.status, r.json);
                return;
            }
            if (idp !== undefined && idp.matches(path)) {
                const r = await idp.handle(method, path, body);
                res.writeHead(r.status, { 'Content-Type': r.contentType });
                res.end(r.body);
                return;
            }
            const byQuery = gateway && queryTarget(req.url ?? '/', req.headers.referer);
            if (gateway && byQuery) {
                syncClock();
                sendGateway(res, gateway.handle(byQuery, { method, headers: headerList(req), body }));
                return;
            }
            if (path === '/' && method === 'GET') {
                sendJson(res, 200, { localnet: true, rootKey: Buffer.from(keys.rootKeyDer).toString('hex'), subnetId: keys.subnetId.toText() });
                return;
            }
            throw new HttpError(404, `Not found: ${path}`);
        } catch (e) {
            const status = e instanceof HttpError ? e.status : 500;
            if (!(e instanceof HttpError)) log(`error on ${method} ${path}: ${(e as Error).stack ?? String(e)}`);
            const message = (e as Error).message ?? String(e);
            if (!res.headersSent) res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', });
            res.end(message);
        }
    };

    const server = createServer((req, res) => {
        void handler(req, res);
    });
    // Longer than HTTP clients keep idle connections (reqwest/hyper in icp-cli: 90 s): with Node's
    // 5 s default a client reuses a connection the server is closing ("error sending request").
    server.keepAliveTimeout = 120_000;
    server.headersTimeout = 125_000;
    server.on('clientError', (_err, socket) => {
        if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\n\r\n');
    });
    const host = options.host ?? DEFAULT_HOST;
    const requestedPort = options.port ?? (process.env.LOCALNET_PORT ? Number(process.env.LOCALNET_PORT) : DEFAULT_PORT);
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(requestedPort, host, () => {
            server.off('error', reject);
            resolve();
        });
    });
    const port = (server.address() as AddressInfo).port;
    syncClock();

    const tickMs = options.tickIntervalMs ?? 100;
    const ticker = tickMs > 0 ? setInterval(() => pump(100), tickMs) : undefined;
    const persistMs = options.persistence?.intervalMs ?? 3000;
    const saver = options.persistence ? setInterval(() => void flush(), persistMs) : undefined;
    ticker?.unref();
    saver?.unref();

    let closed: Promise<void> | null = null;
    return {
        url: `http://${host}:${port}`,
        port,
        keys,
        api,
        canisterUrl: (id: string) => `http://${id}.localhost:${port}/`,
        flush,
        close: () => {
            closed ??= (async () => {
                if (ticker) clearInterval(ticker);
                if (saver) clearInterval(saver);
                await new Promise<void>(resolve => {
                    server.close(() => resolve());
                    server.closeAllConnections();
                });
                await flush();
            })();
            return closed;
        }
    };
}

function headerList(req: IncomingMessage): [string, string][] {
    const out: [string, string][] = [];
    for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) out.push([req.rawHeaders[i]!.toLowerCase(), req.rawHeaders[i + 1]!]);
    return out;
}

function sendGateway(res: ServerResponse, r: { status: number; headers: [string, string][]; body: Uint8Array }): void {
    // The gateway's answer replaces the IC API's CORS headers: the canister decides its own.
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    for (const [k, v] of r.headers) res.appendHeader(k, v);
    res.setHeader('Content-Length', r.body.length);
    res.writeHead(r.status);
    res.end(r.body);
}

function sendJson(res: ServerResponse, status: number, json: unknown): void {
    const body = Buffer.from(JSON.stringify(json));
    res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': body.length });
    res.end(body);
}
