// A PocketIC-compatible REST surface over localnet, so that pic-js (`PocketIc.create(url)`) and
// other PocketIC clients run unmodified against it: instances, ingress submit/await, queries,
// time (with PocketIC's certified-time lag), ticks, cycles, controllers, topology, subnet key.
// One localnet IC (manual clock) per instance. Not served: HTTP outcalls, live mode, gateways,
// stable memory upload, several subnets (every instance is one application subnet).
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { Principal } from '@dfinity/principal';

import { LocalCertifier } from '../crypto/certificate.js';
import { deriveDevKeys, type DevKeys } from '../crypto/root_key.js';
import type { CostSchedule } from '../ic/fees.js';
import { LocalIcImpl } from '../ic/local_ic.js';
import { pocketIcTopologyJson, topology } from '../ic/topology.js';
import type { CallOutcome } from '../types.js';
import { readBody } from './body.js';

const BODY_LIMIT = 64 * 1024 * 1024;

/** One instance: an IC whose time moves for queries only when a round runs (as on PocketIC). */
class Instance {
    /** Time set for the next round (`set_time`), not yet seen by queries. */
    pendingNs: bigint | null = null;
    constructor(readonly ic: LocalIcImpl) {}
    timeNs(): bigint {
        return this.pendingNs ?? this.ic.clock.nowNs();
    }
    /** Starts a round: the pending time takes effect. */
    round(): void {
        if (this.pendingNs !== null) {
            if (this.pendingNs > this.ic.clock.nowNs()) this.ic.setTimeNs(this.pendingNs);
            this.pendingNs = null;
        }
    }
}

class ApiError extends Error {}

const b64 = (p: Principal): string => Buffer.from(p.toUint8Array()).toString('base64');
const principal = (s: unknown, what: string): Principal => {
    if (typeof s !== 'string') throw new ApiError(`${what}: expected a base64 principal`);
    return Principal.fromUint8Array(new Uint8Array(Buffer.from(s, 'base64')));
};
const bytes = (s: unknown, what: string): Uint8Array => {
    if (typeof s !== 'string') throw new ApiError(`${what}: expected base64`);
    return new Uint8Array(Buffer.from(s, 'base64'));
};
const big = (v: unknown, what: string): bigint => {
    if (typeof v !== 'number' && typeof v !== 'string') throw new ApiError(`${what}: expected an integer`);
    return BigInt(v);
};

/** JSON with integers beyond 2^53 kept exact (PocketIC sends nanoseconds and cycles as numbers). */
function parseJson(text: string): Record<string, unknown> {
    if (text.length === 0) return {};
    return JSON.parse(text.replace(/([:[,]\s*)(-?\d{16,})(?=\s*[,\]}])/g, '$1"$2"')) as Record<string, unknown>;
}
function toJson(v: unknown): string {
    return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? `__big__${x}` : x)).replace(/"__big__(-?\d+)"/g, '$1');
}

function callResult(o: CallOutcome): unknown {
    if (o.status === 'replied') return { Ok: Buffer.from(o.reply).toString('base64') };
    return { Err: { reject_code: o.rejectCode, reject_message: o.rejectMessage, error_code: Number(o.errorCode.replace(/^IC/, '')), certified: true } };
}

/** PocketIC charges cycles ('Normal') unless every application subnet asks for 'Free'. */
function costSchedule(body: Record<string, unknown>): CostSchedule {
    const set = (body.subnet_config_set ?? {}) as { application?: { cost_schedule?: string }[] };
    const subnets = Array.isArray(set.application) ? set.application : [];
    return subnets.length > 0 && subnets.every((s) => s.cost_schedule === 'Free') ? 'free' : 'normal';
}

export interface PocketIcServer {
    readonly url: string;
    close(): Promise<void>;
}

export async function startPocketIcServer(options: { port?: number; host?: string; keys?: DevKeys } = {}): Promise<PocketIcServer> {
    const keys = options.keys ?? deriveDevKeys();
    const instances = new Map<number, Instance>();
    let nextId = 0;

    const instance = (id: string): Instance => {
        const i = instances.get(Number(id));
        if (!i) throw new ApiError(`Instance ${id} not found`);
        return i;
    };

    function handleInstance(i: Instance, method: string, op: string, body: Record<string, unknown>): unknown {
        const ic = i.ic;
        switch (`${method} ${op}`) {
            case 'GET _/topology':
                return pocketIcTopologyJson(topology(keys.subnetId));
            case 'GET read/get_time':
                return { nanos_since_epoch: i.timeNs() };
            case 'POST update/set_time':
            case 'POST update/set_certified_time': {
                const t = big(body.nanos_since_epoch, 'nanos_since_epoch');
                if (t < i.timeNs()) throw new ApiError(`SettingTimeIntoPast: ${t} < ${i.timeNs()}`);
                if (op === 'update/set_time') i.pendingNs = t;
                else {
                    i.pendingNs = null;
                    ic.setTimeNs(t);
                }
                return {};
            }
            case 'POST update/tick':
                i.round();
                ic.tick();
                return {};
            case 'POST update/submit_ingress_message': {
                const messageId = randomBytes(32);
                ic.submitIngress(
                    { sender: principal(body.sender, 'sender'), canisterId: principal(body.canister_id, 'canister_id'), methodName: String(body.method), arg: bytes(body.payload, 'payload') },
                    messageId
                );
                return { Ok: { effective_principal: body.effective_principal ?? 'None', message_id: [...messageId] } };
            }
            case 'POST update/await_ingress_message': {
                const id = new Uint8Array(body.message_id as number[]);
                i.round();
                return callResult(ic.awaitIngress(id));
            }
            case 'POST read/ingress_status': {
                const raw = body.raw_message_id as { message_id: number[] } | undefined;
                const o = ic.ingressOutcome(new Uint8Array(raw?.message_id ?? []));
                return o ? callResult(o) : null;
            }
            case 'POST read/query':
                return callResult(
                    ic.query({ sender: principal(body.sender, 'sender'), canisterId: principal(body.canister_id, 'canister_id'), methodName: String(body.method), arg: bytes(body.payload, 'payload') })
                );
            case 'POST read/get_cycles':
                return { cycles: known(ic, body).cycles };
            case 'POST update/add_cycles': {
                const c = ic.canister(principal(body.canister_id, 'canister_id'));
                if (!c) throw new ApiError('CanisterNotFound');
                c.cycles += big(body.amount, 'amount');
                c.dirty = true;
                return { cycles: c.cycles };
            }
            case 'POST read/get_controllers':
                return known(ic, body).controllers.map((p) => ({ principal_id: b64(p) }));
            case 'POST read/get_subnet':
                return ic.canisterInfo(principal(body.canister_id, 'canister_id')) ? { subnet_id: b64(keys.subnetId) } : {};
            case 'POST read/pub_key':
                return [...keys.rootPublicKey];
            default:
                throw new ApiError(`localnet does not serve the PocketIC endpoint ${method} ${op}`);
        }
    }

    function known(ic: LocalIcImpl, body: Record<string, unknown>): { cycles: bigint; controllers: Principal[] } {
        const info = ic.canisterInfo(principal(body.canister_id, 'canister_id'));
        if (!info) throw new ApiError('CanisterNotFound');
        return info;
    }

    function route(method: string, path: string, body: Record<string, unknown>): { status: number; json: unknown } {
        if (path === '/status') return { status: 200, json: {} };
        if (path === '/instances' && method === 'POST') {
            const id = nextId++;
            const ic = new LocalIcImpl({
                clock: 'manual',
                startTimeNs: BigInt(Date.now()) * 1_000_000n,
                certifier: new LocalCertifier(keys),
                costSchedule: costSchedule(body)
            });
            instances.set(id, new Instance(ic));
            return { status: 201, json: { Created: { instance_id: id, topology: pocketIcTopologyJson(topology(keys.subnetId)) } } };
        }
        if (path === '/instances' && method === 'GET') return { status: 200, json: [...instances.keys()].map(() => 'Available') };
        const m = /^\/instances\/(\d+)(?:\/(.*))?$/.exec(path);
        if (m === null) throw new ApiError(`localnet does not serve the PocketIC endpoint ${method} ${path}`);
        if (m[2] === undefined) {
            if (method !== 'DELETE') throw new ApiError(`Use DELETE for ${path}`);
            instance(m[1]!);
            instances.delete(Number(m[1]));
            return { status: 200, json: null };
        }
        return { status: 200, json: handleInstance(instance(m[1]!), method, m[2], body) };
    }

    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        void (async (): Promise<void> => {
            let status = 200;
            let json: unknown;
            try {
                const raw = await readBody(req, BODY_LIMIT);
                const url = new URL(req.url ?? '/', 'http://localhost');
                ({ status, json } = route(req.method ?? 'GET', url.pathname, parseJson(Buffer.from(raw).toString('utf8'))));
            } catch (e) {
                // PocketIC answers errors as `{message}`; clients raise them as server errors.
                status = e instanceof ApiError ? 400 : 500;
                json = { message: (e as Error).message };
            }
            const text = json === null || json === undefined ? '' : toJson(json);
            res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
            res.end(text);
        })();
    });
    await new Promise<void>((resolve) => server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve));
    const port = (server.address() as AddressInfo).port;
    return {
        url: `http://${options.host ?? '127.0.0.1'}:${port}`,
        close: () => new Promise<void>((resolve) => server.close(() => resolve()))
    };
}
