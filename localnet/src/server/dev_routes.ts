// Development-only endpoints under `/_/` (in the spirit of PocketIC's REST API): canister time,
// ticking, canister list and logs. JSON in, JSON out; bigints as strings.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { BadRequest, HttpError, NotFound } from '../http/errors.js';
import type { CallOutcome, LocalIc } from '../types.js';
import { pocketIcTopologyJson, topology } from '../ic/topology.js';

const MANAGEMENT = Principal.managementCanister();
const Settings = IDL.Record({ controllers: IDL.Opt(IDL.Vec(IDL.Principal)) });
const ProvisionalCreateArgs = IDL.Record({
    settings: IDL.Opt(Settings),
    specified_id: IDL.Opt(IDL.Principal),
    amount: IDL.Opt(IDL.Nat),
    sender_canister_version: IDL.Opt(IDL.Nat64)
});
const InstallMode = IDL.Variant({
    install: IDL.Null,
    reinstall: IDL.Null,
    upgrade: IDL.Opt(IDL.Record({ skip_pre_upgrade: IDL.Opt(IDL.Bool) }))
});
const InstallCodeArgs = IDL.Record({
    arg: IDL.Vec(IDL.Nat8),
    wasm_module: IDL.Vec(IDL.Nat8),
    mode: InstallMode,
    canister_id: IDL.Principal,
    sender_canister_version: IDL.Opt(IDL.Nat64)
});

function principalParam(text: string | null | undefined, what: string): Principal | undefined {
    if (text === null || text === undefined || text === '') return undefined;
    try {
        return Principal.fromText(text);
    } catch {
        throw new BadRequest(`${what} is not a principal: ${text}`);
    }
}

function outcomeJson(o: CallOutcome): { status: number; json: unknown } {
    if (o.status === 'replied') return { status: 200, json: { status: 'replied' } };
    return { status: 409, json: { status: 'rejected', rejectCode: o.rejectCode, errorCode: o.errorCode, rejectMessage: o.rejectMessage } };
}

export interface DevContext {
    ic: LocalIc;
    /** Runs due timers and queued messages; returns messages run. */
    pump(): number;
    /** Keeps wall-clock canister time ahead by this much after `/_/time/advance`. */
    addTimeOffsetMs(ms: number): void;
    save?: () => Promise<void>;
    subnetId: Principal;
}

export interface JsonResponse {
    status: number;
    json: unknown;
}

const jsonSafe = (v: unknown): unknown =>
    JSON.parse(JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? x.toString() : x instanceof Uint8Array ? Buffer.from(x).toString('hex') : x)));

function parseJson(body: Uint8Array): Record<string, unknown> {
    if (body.length === 0) return {};
    try {
        const v: unknown = JSON.parse(Buffer.from(body).toString('utf8'));
        if (typeof v === 'object' && v !== null && !Array.isArray(v)) return v as Record<string, unknown>;
    } catch {
        // fall through
    }
    throw new BadRequest('Body must be a JSON object');
}

function timeJson(ic: LocalIc): unknown {
    const ns = ic.clock.nowNs();
    return { nowNs: ns.toString(), nowMs: Number(ns / 1_000_000n), iso: new Date(Number(ns / 1_000_000n)).toISOString(), wallClockMs: Date.now() };
}

/**
 * `POST /_/canisters/create {controllers?: string[], specifiedId?: string}` → `{canisterId}`;
 * `POST /_/canisters/<id>/install?mode=install|reinstall|upgrade&arg=<hex>` with the (possibly
 * gzipped) module as the body, any size: install_code sent by the canister's first controller.
 * For deployment scripts (modules over the 2 MiB ingress limit need no chunking here).
 */
function handleDeploy(ctx: DevContext, method: string, path: string, query: URLSearchParams, body: Uint8Array): JsonResponse | null {
    const { ic } = ctx;
    if (path === '/_/canisters/create' && method === 'POST') {
        const req = parseJson(body);
        const controllers = Array.isArray(req.controllers) ? req.controllers.map(c => principalParam(String(c), 'controller') as Principal) : [Principal.anonymous()];
        const specified = principalParam(typeof req.specifiedId === 'string' ? req.specifiedId : undefined, 'specifiedId');
        const arg = IDL.encode([ProvisionalCreateArgs], [{ settings: [{ controllers: [controllers] }], specified_id: specified ? [specified] : [], amount: [], sender_canister_version: [] }]);
        const out = ic.update({ sender: controllers[0] ?? Principal.anonymous(), canisterId: MANAGEMENT, methodName: 'provisional_create_canister_with_cycles', arg: new Uint8Array(arg) });
        if (out.status !== 'replied') return outcomeJson(out);
        const [res] = IDL.decode([IDL.Record({ canister_id: IDL.Principal })], out.reply) as unknown as [{ canister_id: Principal }];
        return { status: 200, json: { canisterId: res.canister_id.toText() } };
    }
    const install = /^\/_\/canisters\/([^/]+)\/install$/.exec(path);
    if (install !== null && method === 'POST') {
        const id = principalParam(install[1], 'canister id') as Principal;
        const info = ic.canisterInfo(id);
        if (info === undefined) throw new NotFound(`Canister ${id.toText()} not found`);
        const modeText = query.get('mode') ?? 'install';
        const mode = modeText === 'install' ? { install: null } : modeText === 'reinstall' ? { reinstall: null } : modeText === 'upgrade' ? { upgrade: [] } : null;
        if (mode === null) throw new BadRequest('mode must be install, reinstall or upgrade');
        const argHex = query.get('arg') ?? '';
        if (!/^([0-9a-fA-F]{2})*$/.test(argHex)) throw new BadRequest('arg must be hex');
        const arg = argHex === '' ? new Uint8Array(IDL.encode([], [])) : new Uint8Array(Buffer.from(argHex, 'hex'));
        if (body.length === 0) throw new BadRequest('The body must be the Wasm module');
        const sender = principalParam(query.get('sender'), 'sender') ?? info.controllers[0] ?? Principal.anonymous();
        const out = ic.update({
            sender,
            canisterId: MANAGEMENT,
            methodName: 'install_code',
            arg: new Uint8Array(IDL.encode([InstallCodeArgs], [{ arg, wasm_module: body, mode, canister_id: id, sender_canister_version: [] }]))
        });
        ctx.pump();
        return outcomeJson(out);
    }
    return null;
}

/** `POST /_/cycles/faucet {owner, amount?}`: cycles on the cycles ledger (default 100T), as a dev network's faucet. */
function faucet(ic: LocalIc, req: Record<string, unknown>): JsonResponse {
    const owner = principalParam(typeof req.owner === 'string' ? req.owner : undefined, 'owner');
    if (!owner) throw new BadRequest('Expected {"owner": "<principal>", "amount"?: "<cycles>"}');
    if (ic.mintCycles === undefined) throw new HttpError(409, 'This IC has no cycles ledger');
    let amount = 100_000_000_000_000n;
    if (req.amount !== undefined) {
        if (typeof req.amount !== 'string' || !/^[0-9]{1,30}$/.test(req.amount)) throw new BadRequest('amount must be a decimal string of cycles');
        amount = BigInt(req.amount);
    }
    return { status: 200, json: { owner: owner.toText(), balance: ic.mintCycles(owner, amount).toString() } };
}

export async function handleDev(ctx: DevContext, method: string, path: string, body: Uint8Array, query: URLSearchParams = new URLSearchParams()): Promise<JsonResponse> {
    const { ic } = ctx;
    const deploy = handleDeploy(ctx, method, path, query, body);
    if (deploy !== null) return deploy;
    if (path === '/_/time' && method === 'GET') return { status: 200, json: timeJson(ic) };
    if (path === '/_/topology' && method === 'GET') return { status: 200, json: pocketIcTopologyJson(topology(ctx.subnetId)) };
    if (path === '/_/time/advance' && method === 'POST') {
        const ms = parseJson(body).ms;
        if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) throw new BadRequest('Expected {"ms": <non-negative number>}');
        ic.advanceTimeMs(ms);
        ctx.addTimeOffsetMs(ms);
        const ran = ctx.pump();
        return { status: 200, json: { ...(timeJson(ic) as object), messagesRun: ran } };
    }
    if (path === '/_/cycles/faucet' && method === 'POST') return faucet(ic, parseJson(body));
    if (path === '/_/tick' && method === 'POST') return { status: 200, json: { messagesRun: ctx.pump() } };
    if (path === '/_/save' && method === 'POST') {
        if (ctx.save === undefined) throw new HttpError(409, 'This server has no state directory');
        await ctx.save();
        return { status: 200, json: { saved: true } };
    }
    if (path === '/_/canisters' && method === 'GET') {
        return {
            status: 200,
            json: jsonSafe(
                ic.canisterIds().map(id => {
                    const info = ic.canisterInfo(id);
                    return {
                        canisterId: id.toText(),
                        status: info?.status,
                        moduleHash: info?.moduleHash ?? null,
                        controllers: info?.controllers.map(c => c.toText()) ?? [],
                        cycles: info?.cycles
                    };
                })
            )
        };
    }
    const logs = /^\/_\/canisters\/([^/]+)\/logs$/.exec(path);
    if (logs !== null && method === 'GET') {
        let id: Principal;
        try {
            id = Principal.fromText(logs[1] as string);
        } catch {
            throw new BadRequest(`Invalid canister id ${logs[1]}`);
        }
        if (ic.canisterInfo(id) === undefined) throw new NotFound(`Canister ${id.toText()} not found`);
        return { status: 200, json: jsonSafe(ic.logs(id)) };
    }
    throw new NotFound(`No such development endpoint: ${method} ${path}`);
}
