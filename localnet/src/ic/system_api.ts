// The `ic0` imports (IC interface specification, "System API"), for wasm32 modules: pointers and
// sizes are i32; stable memory offsets, time, cycles halves are i64 (BigInt in JS).
import { Principal } from '@dfinity/principal';

import { CanisterTrap, type ExecKind, type Execution } from './execution.js';
import { StableMemoryOutOfBounds } from './stable_memory.js';
import type { Canister, OutgoingCall } from './state.js';
import { SYSTEM_API, type SystemApiName } from './system_api_imports.js';

export interface SystemApiHost {
    /** The execution running on this canister (the host runs one at a time). */
    current(): Execution;
    canister: Canister;
    dataCertificate(exec: Execution): Uint8Array | null;
    debugPrint(exec: Execution, message: string): void;
    /** DER of the IC root key (`root_key_copy`). */
    rootKey(): Uint8Array;
    /** Principal bytes of the canister's subnet (`subnet_self_copy`). */
    subnetId(): Uint8Array;
    /** memory64 module: `I`-typed results are i64. */
    wasm64: boolean;
}

/** The Cycles Minting Canister, the only one allowed to call `mint_cycles128`. */
const CMC_ID = 'rkp4c-7iaaa-aaaaa-aaaca-cai';
/** 32-bit stable memory API: at most 4 GiB. */
const STABLE32_MAX_PAGES = 65536;
/** Best-effort calls: the IC caps the timeout at 300 s. */
const MAX_CALL_TIMEOUT_S = 300;
/** Mainnet fees (13-node application subnet) of the cost_* calls. */
const CREATE_CANISTER_FEE = 500_000_000_000n;
const SUBNET_SIZE = 13n;
export const MAX_ENV_VAR_NAME_BYTES = 128;
const THRESHOLD_KEY_FEES: Record<string, bigint> = { key_1: 26_153_846_153n, test_key_1: 10_000_000_000n, dfx_test_key: 10_000_000_000n };

type N = number | bigint;
const U64 = (1n << 64n) - 1n;
/** An unsigned i32 or i64 argument as a JS number (i32 arrive signed). */
const u = (x: N): number => (typeof x === 'bigint' ? Number(BigInt.asUintN(64, x)) : x >>> 0);

function trap(message: string): never {
    throw new CanisterTrap('IC0504', message);
}

const CALL_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'reply', 'reject', 'timer']);
const RESPOND_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'replicated_query', 'query', 'reply', 'reject']);

export function makeSystemApi(host: SystemApiHost): WebAssembly.Imports {
    const dec = new TextDecoder();
    const view = (ptr: N, len: N): Uint8Array => {
        const p = u(ptr);
        const l = u(len);
        const buf = host.current().runtime.memory.buffer;
        if (p < 0 || l < 0 || p + l > buf.byteLength) {
            throw new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
        }
        return new Uint8Array(buf, p, l);
    };
    const copyOut = (name: string, src: Uint8Array, dst: N, offset: N, size: N): void => {
        const o = u(offset);
        const s = u(size);
        if (o + s > src.length) trap(`${name}: src buffer out of bounds (offset ${o}, size ${s}, length ${src.length})`);
        view(dst, s).set(src.subarray(o, o + s));
    };
    const writeU128 = (dst: N, v: bigint): void => {
        const dv = new DataView(host.current().runtime.memory.buffer);
        const p = u(dst);
        if (p + 16 > dv.byteLength) throw new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
        dv.setBigUint64(p, v & U64, true);
        dv.setBigUint64(p + 8, v >> 64n, true);
    };
    const u128 = (high: N, low: N): bigint => (BigInt.asUintN(64, BigInt(high)) << 64n) | BigInt.asUintN(64, BigInt(low));
    const only = (name: string, kinds: ReadonlySet<ExecKind>): Execution => {
        const e = host.current();
        if (!kinds.has(e.kind)) trap(`"${name}" cannot be executed in ${e.kind} mode`);
        return e;
    };
    const respondable = (name: string): Execution => {
        const e = only(name, RESPOND_KINDS);
        if (e.response !== null || e.callContext?.responded) trap(`${name}: the call is already replied`);
        return e;
    };
    const argData = (name: string): Uint8Array => {
        const e = host.current();
        if (e.kind === 'reject' || e.kind === 'cleanup' || e.kind === 'pre_upgrade' || e.kind === 'timer') {
            trap(`"${name}" cannot be executed in ${e.kind} mode`);
        }
        return e.arg;
    };
    const pending = (name: string): OutgoingCall => {
        const e = only(name, CALL_KINDS);
        if (e.pending === null) trap(`${name}: no call is in progress (call_new was not called)`);
        return e.pending;
    };
    const rejectMessage = (name: string): string => {
        const e = host.current();
        if (e.reject === null) trap(`"${name}" can only be executed in a reject callback`);
        return e.reject.message;
    };
    const selfBytes = host.canister.id.toUint8Array();
    const enc = new TextEncoder();

    const ic0: Record<SystemApiName, (...args: never[]) => unknown> = {
        msg_arg_data_size: (): number => argData('ic0_msg_arg_data_size').length,
        msg_arg_data_copy: (dst: N, off: N, size: N): void =>
            copyOut('ic0_msg_arg_data_copy', argData('ic0_msg_arg_data_copy'), dst, off, size),
        msg_caller_size: (): number => host.current().caller.toUint8Array().length,
        msg_caller_copy: (dst: N, off: N, size: N): void =>
            copyOut('ic0_msg_caller_copy', host.current().caller.toUint8Array(), dst, off, size),
        msg_method_name_size: (): number => enc.encode(host.current().methodName).length,
        msg_method_name_copy: (dst: N, off: N, size: N): void =>
            copyOut('ic0_msg_method_name_copy', enc.encode(host.current().methodName), dst, off, size),
        msg_reject_code: (): number => host.current().reject?.code ?? 0,
        msg_reject_msg_size: (): number => enc.encode(rejectMessage('ic0_msg_reject_msg_size')).length,
        msg_reject_msg_copy: (dst: N, off: N, size: N): void =>
            copyOut('ic0_msg_reject_msg_copy', enc.encode(rejectMessage('ic0_msg_reject_msg_copy')), dst, off, size),
        msg_reply_data_append: (src: N, size: N): void => {
            const e = respondable('ic0_msg_reply_data_append');
            e.replyChunks.push(view(src, size).slice());
        },
        msg_reply: (): void => {
            const e = respondable('ic0_msg_reply');
            const total = e.replyChunks.reduce((n, c) => n + c.length, 0);
            const data = new Uint8Array(total);
            let p = 0;
            for (const c of e.replyChunks) {
                data.set(c, p);
                p += c.length;
            }
            e.replyChunks = [];
            e.response = { kind: 'reply', data };
        },
        msg_reject: (src: N, size: N): void => {
            const e = respondable('ic0_msg_reject');
            const message = dec.decode(view(src, size));
            e.response = { kind: 'reject', code: 4, message, errorCode: 'IC0406' };
        },
        msg_cycles_available128: (dst: N): void => writeU128(dst, host.current().cyclesAvailable),
        msg_cycles_refunded128: (dst: N): void => writeU128(dst, host.current().cyclesRefunded),
        msg_cycles_accept128: (high: N, low: N, dst: N): void => {
            const e = host.current();
            const max = u128(high, low);
            const amount = max < e.cyclesAvailable ? max : e.cyclesAvailable;
            e.cyclesAvailable -= amount;
            e.cycles += amount;
            writeU128(dst, amount);
        },
        cycles_burn128: (high: N, low: N, dst: N): void => {
            const e = host.current();
            const want = u128(high, low);
            const amount = want < e.cycles ? want : e.cycles;
            e.cycles -= amount;
            writeU128(dst, amount);
        },
        canister_self_size: (): number => selfBytes.length,
        canister_self_copy: (dst: N, off: N, size: N): void => copyOut('ic0_canister_self_copy', selfBytes, dst, off, size),
        canister_cycle_balance128: (dst: N): void => writeU128(dst, host.current().cycles),
        canister_liquid_cycle_balance128: (dst: N): void => writeU128(dst, host.current().cycles),
        canister_status: (): number => ({ running: 1, stopping: 2, stopped: 3 })[host.canister.status],
        canister_version: (): bigint => host.canister.version,
        accept_message: (): void => {
            const e = host.current();
            if (e.kind !== 'inspect') trap('"ic0_accept_message" can only be executed in canister_inspect_message');
            if (e.accepted) trap('ic0_accept_message: the message was already accepted');
            e.accepted = true;
        },
        is_controller: (src: N, size: N): number => {
            let p: Principal;
            try {
                p = Principal.fromUint8Array(view(src, size).slice());
            } catch {
                trap('ic0_is_controller: invalid principal');
            }
            return host.canister.isController(p) ? 1 : 0;
        },
        in_replicated_execution: (): number => {
            const k = host.current().kind;
            return k === 'query' || k === 'inspect' ? 0 : 1;
        },
        performance_counter: (type: number): bigint => {
            const e = host.current();
            const now = e.runtime.instructions();
            if (type === 0) return now;
            if (type === 1) return (e.callContext?.instructions ?? 0n) + now;
            trap(`ic0_performance_counter: unknown counter type ${type}`);
        },
        time: (): bigint => host.current().timeNs,
        global_timer_set: (t: N): bigint => {
            const e = host.current();
            const old = e.timerDeadline ?? e.canister.timerDeadline;
            if (e.kind !== 'query' && e.kind !== 'inspect') e.timerDeadline = BigInt.asUintN(64, BigInt(t));
            return old;
        },
        certified_data_set: (src: N, size: N): void => {
            const e = host.current();
            if (e.kind === 'query' || e.kind === 'inspect') trap('"ic0_certified_data_set" cannot be executed in query mode');
            if (Number(size) > 32) trap('ic0_certified_data_set: certified data must be at most 32 bytes');
            e.certifiedData = view(src, size).slice();
        },
        data_certificate_present: (): number => (certificate() === null ? 0 : 1),
        data_certificate_size: (): number => {
            const c = certificate();
            if (c === null) trap('ic0_data_certificate_size: no certificate available');
            return c.length;
        },
        data_certificate_copy: (dst: N, off: N, size: N): void => {
            const c = certificate();
            if (c === null) trap('ic0_data_certificate_copy: no certificate available');
            copyOut('ic0_data_certificate_copy', c, dst, off, size);
        },
        debug_print: (src: N, size: N): void => {
            const e = host.current();
            host.debugPrint(e, dec.decode(view(src, size)));
        },
        trap: (src: N, size: N): never => {
            const message = dec.decode(view(src, size));
            throw new CanisterTrap('IC0503', `Canister called \`ic0.trap\` with message: '${message}'`);
        },
        stable64_size: (): bigint => BigInt(host.canister.stable.size),
        stable64_grow: (pages: N): bigint => {
            if (host.current().kind === 'query' || host.current().kind === 'inspect') {
                // allowed; changes are discarded with the rest of the query
            }
            return BigInt(host.canister.stable.grow(u(pages)));
        },
        stable64_write: (offset: N, src: N, size: N): void => {
            try {
                host.canister.stable.write(u(offset), view(src, size));
            } catch (err) {
                if (err instanceof StableMemoryOutOfBounds) throw new CanisterTrap('IC0502', 'Canister trapped: stable memory out of bounds');
                throw err;
            }
        },
        stable64_read: (dst: N, offset: N, size: N): void => {
            try {
                host.canister.stable.read(view(dst, size), u(offset));
            } catch (err) {
                if (err instanceof StableMemoryOutOfBounds) throw new CanisterTrap('IC0502', 'Canister trapped: stable memory out of bounds');
                throw err;
            }
        },
        stable_size: (): number => stable32('ic0_stable_size').size,
        stable_grow: (pages: N): number => {
            const mem = stable32('ic0_stable_grow');
            const n = u(pages);
            if (mem.size + n > STABLE32_MAX_PAGES) return -1;
            return mem.grow(n);
        },
        stable_write: (offset: N, src: N, size: N): void => {
            stableAccess(() => stable32('ic0_stable_write').write(u(offset), view(src, size)));
        },
        stable_read: (dst: N, offset: N, size: N): void => {
            stableAccess(() => stable32('ic0_stable_read').read(view(dst, size), u(offset)));
        },
        msg_deadline: (): bigint => host.current().deadline,
        root_key_size: (): number => host.rootKey().length,
        root_key_copy: (dst: N, off: N, size: N): void => copyOut('ic0_root_key_copy', host.rootKey(), dst, off, size),
        subnet_self_size: (): number => host.subnetId().length,
        subnet_self_copy: (dst: N, off: N, size: N): void => copyOut('ic0_subnet_self_copy', host.subnetId(), dst, off, size),
        cost_create_canister: (dst: N): void => writeU128(dst, CREATE_CANISTER_FEE),
        cost_http_request: (requestSize: N, maxResponseBytes: N, dst: N): void => {
            const n = SUBNET_SIZE;
            const base = (3_000_000n + 60_000n * n) * n;
            writeU128(dst, base + 400n * n * BigInt.asUintN(64, BigInt(requestSize)) + 800n * n * BigInt.asUintN(64, BigInt(maxResponseBytes)));
        },
        cost_sign_with_ecdsa: (src: N, size: N, curve: N, dst: N): number => thresholdCost(src, size, u(curve) === 0, dst),
        cost_sign_with_schnorr: (src: N, size: N, algorithm: N, dst: N): number => thresholdCost(src, size, u(algorithm) <= 1, dst),
        cost_vetkd_derive_key: (src: N, size: N, curve: N, dst: N): number => thresholdCost(src, size, u(curve) === 0, dst),
        env_var_count: (): number => envVars().length,
        env_var_name_size: (index: N): number => enc.encode(envVarAt('ic0_env_var_name_size', index).name).length,
        env_var_name_copy: (index: N, dst: N, off: N, size: N): void =>
            copyOut('ic0_env_var_name_copy', enc.encode(envVarAt('ic0_env_var_name_copy', index).name), dst, off, size),
        env_var_name_exists: (src: N, size: N): number => (envVarNamed('ic0_env_var_name_exists', src, size, false) === undefined ? 0 : 1),
        env_var_value_size: (src: N, size: N): number => enc.encode(envVarNamed('ic0_env_var_value_size', src, size, true)!.value).length,
        env_var_value_copy: (src: N, size: N, dst: N, off: N, copySize: N): void =>
            copyOut('ic0_env_var_value_copy', enc.encode(envVarNamed('ic0_env_var_value_copy', src, size, true)!.value), dst, off, copySize),
        mint_cycles128: (high: N, low: N, dst: N): void => {
            const e = only('ic0_mint_cycles128', CALL_KINDS);
            if (host.canister.id.toText() !== CMC_ID) trap('ic0_mint_cycles128 can only be executed on the Cycles Minting Canister');
            const amount = u128(high, low);
            e.cycles += amount;
            writeU128(dst, amount);
        },
        cost_call: (methodNameSize: N, payloadSize: N, dst: N): void => {
            writeU128(dst, 260_000n + 1_000n * (BigInt(methodNameSize) + BigInt(payloadSize)));
        },
        call_new: (
            calleeSrc: N,
            calleeSize: N,
            nameSrc: N,
            nameSize: N,
            replyFun: N,
            replyEnv: N,
            rejectFun: N,
            rejectEnv: N
        ): void => {
            const e = only('ic0_call_new', CALL_KINDS);
            let callee: Principal;
            try {
                callee = Principal.fromUint8Array(view(calleeSrc, calleeSize).slice());
            } catch {
                trap('ic0_call_new: invalid callee principal');
            }
            if (e.pending !== null) e.cycles += e.pending.cycles; // discarded unfinished call
            e.pending = {
                callee,
                method: dec.decode(view(nameSrc, nameSize)),
                args: [],
                argsLength: 0,
                cycles: 0n,
                timeoutSeconds: null,
                callback: {
                    callContext: e.callContext!,
                    replyFun: Number(replyFun),
                    replyEnv: Number(replyEnv),
                    rejectFun: Number(rejectFun),
                    rejectEnv: Number(rejectEnv),
                    cleanup: null,
                    cyclesAttached: 0n
                }
            };
        },
        call_on_cleanup: (fun: N, env: N): void => {
            const p = pending('ic0_call_on_cleanup');
            if (p.callback.cleanup !== null) trap('ic0_call_on_cleanup: cleanup already set');
            p.callback.cleanup = { fun: Number(fun), env: Number(env) };
        },
        call_data_append: (src: N, size: N): void => {
            const p = pending('ic0_call_data_append');
            const chunk = view(src, size).slice();
            p.args.push(chunk);
            p.argsLength += chunk.length;
        },
        call_cycles_add128: (high: N, low: N): void => {
            const e = host.current();
            const p = pending('ic0_call_cycles_add128');
            const amount = u128(high, low);
            if (amount > e.cycles) trap(`ic0_call_cycles_add128: insufficient cycles balance (${e.cycles} < ${amount})`);
            e.cycles -= amount;
            p.cycles += amount;
        },
        call_with_best_effort_response: (timeoutSeconds: N): void => {
            const p = pending('ic0_call_with_best_effort_response');
            if (p.timeoutSeconds !== null) trap('ic0_call_with_best_effort_response: the timeout is already set');
            p.timeoutSeconds = Math.min(u(timeoutSeconds), MAX_CALL_TIMEOUT_S);
        },
        call_perform: (): number => {
            const e = host.current();
            const p = pending('ic0_call_perform');
            p.callback.cyclesAttached = p.cycles;
            e.outgoing.push(p);
            e.pending = null;
            return 0;
        }
    };

    function stable32(name: string): Canister['stable'] {
        const mem = host.canister.stable;
        if (mem.size > STABLE32_MAX_PAGES) trap(`${name}: stable memory is larger than 4 GiB, use the 64-bit stable memory API`);
        return mem;
    }

    function stableAccess(f: () => void): void {
        try {
            f();
        } catch (err) {
            if (err instanceof StableMemoryOutOfBounds) throw new CanisterTrap('IC0502', 'Canister trapped: stable memory out of bounds');
            throw err;
        }
    }

    function thresholdCost(src: N, size: N, knownAlgorithm: boolean, dst: N): number {
        if (!knownAlgorithm) return 1;
        const fee = THRESHOLD_KEY_FEES[dec.decode(view(src, size))];
        if (fee === undefined) return 2;
        writeU128(dst, fee);
        return 0;
    }

    function envVars(): { name: string; value: string }[] {
        return host.canister.settings.environmentVariables;
    }

    function envVarAt(name: string, index: N): { name: string; value: string } {
        const v = envVars()[u(index)];
        if (v === undefined) trap(`${name}: Variable index out of bounds.`);
        return v;
    }

    function envVarNamed(fn: string, src: N, size: N, mustExist: boolean): { name: string; value: string } | undefined {
        if (u(size) > MAX_ENV_VAR_NAME_BYTES) trap(`${fn}: Variable name is too large.`);
        let name: string;
        try {
            name = new TextDecoder('utf-8', { fatal: true }).decode(view(src, size));
        } catch (err) {
            if (err instanceof CanisterTrap) throw err;
            trap(`${fn}: Variable name is not a valid UTF-8 string.`);
        }
        const v = envVars().find((x) => x.name === name);
        if (v === undefined && mustExist) trap(`${fn}: Variable name not found.`);
        return v;
    }

    function certificate(): Uint8Array | null {
        const e = host.current();
        if (e.kind !== 'query') return null;
        if (e.certificate === undefined) e.certificate = host.dataCertificate(e);
        return e.certificate;
    }

    return { ic0: (host.wasm64 ? widen(ic0) : ic0) as WebAssembly.ModuleImports };
}

/** memory64 modules: the System API's `I`-typed results are i64 (BigInt in JS). */
function widen(ic0: Record<SystemApiName, (...args: never[]) => unknown>): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, f] of Object.entries(ic0) as [SystemApiName, (...a: unknown[]) => unknown][]) {
        out[name] = SYSTEM_API[name].results[0] === 'I' ? (...a: unknown[]): bigint => BigInt(f(...a) as number) : f;
    }
    return out;
}
