// The `ic0` imports (IC interface specification, "System API"), for wasm32 modules: pointers and
// sizes are i32; stable memory offsets, time, cycles halves are i64 (BigInt in JS).
import { Principal } from '@dfinity/principal';

import { CanisterTrap, type ExecKind, type Execution } from './execution.js';
import type { Canister, OutgoingCall } from './state.js';
import { StableMemoryOutOfBounds } from './stable_memory.js';

export interface SystemApiHost {
    /** The execution running on this canister (the host runs one at a time). */
    current(): Execution;
    canister: Canister;
    dataCertificate(exec: Execution): Uint8Array | null;
    debugPrint(exec: Execution, message: string): void;
}

type N = number | bigint;
const U64 = (1n << 64n) - 1n;

function trap(message: string): never {
    throw new CanisterTrap('IC0504', message);
}

const CALL_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'reply', 'reject', 'timer']);
const RESPOND_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'replicated_query', 'query', 'reply', 'reject']);

export function makeSystemApi(host: SystemApiHost): WebAssembly.Imports {
    const dec = new TextDecoder();
    const view = (ptr: N, len: N): Uint8Array => {
        const p = Number(ptr);
        const l = Number(len);
        const buf = host.current().runtime.memory.buffer;
        if (p < 0 || l < 0 || p + l > buf.byteLength) {
            throw new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
        }
        return new Uint8Array(buf, p, l);
    };
    const copyOut = (name: string, src: Uint8Array, dst: N, offset: N, size: N): void => {
        const o = Number(offset);
        const s = Number(size);
        if (o + s > src.length) trap(`${name}: src buffer out of bounds (offset ${o}, size ${s}, length ${src.length})`);
        view(dst, s).set(src.subarray(o, o + s));
    };
    const writeU128 = (dst: N, v: bigint): void => {
        const dv = new DataView(host.current().runtime.memory.buffer);
        const p = Number(dst);
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

    const ic0 = {
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
            return BigInt(host.canister.stable.grow(Number(pages)));
        },
        stable64_write: (offset: N, src: N, size: N): void => {
            try {
                host.canister.stable.write(Number(offset), view(src, size));
            } catch (err) {
                if (err instanceof StableMemoryOutOfBounds) throw new CanisterTrap('IC0502', 'Canister trapped: stable memory out of bounds');
                throw err;
            }
        },
        stable64_read: (dst: N, offset: N, size: N): void => {
            try {
                host.canister.stable.read(view(dst, size), Number(offset));
            } catch (err) {
                if (err instanceof StableMemoryOutOfBounds) throw new CanisterTrap('IC0502', 'Canister trapped: stable memory out of bounds');
                throw err;
            }
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
        call_with_best_effort_response: (_timeoutSeconds: N): void => {
            pending('ic0_call_with_best_effort_response');
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

    function certificate(): Uint8Array | null {
        const e = host.current();
        if (e.kind !== 'query') return null;
        if (e.certificate === undefined) e.certificate = host.dataCertificate(e);
        return e.certificate;
    }

    return { ic0 };
}
