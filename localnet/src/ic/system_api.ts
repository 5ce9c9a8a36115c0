// The `ic0` imports (IC interface specification, "System API"), for wasm32 modules: pointers and
// sizes are i32; stable memory offsets, time, cycles halves are i64 (BigInt in JS).
import { Principal } from '@dfinity/principal';

import { CanisterTrap, type ExecKind, type Execution } from './execution.js';
import { StableMemoryOutOfBounds } from './stable_memory.js';
import type { Canister } from './state.js';
import { SYSTEM_API, type SystemApiName } from './system_api_imports.js';
import { callImports } from './system_api_calls.js';
import { envImports } from './system_api_env.js';
import { RESPOND_KINDS, memoryAccess, onlyIn, trap, u, type N, type SystemApiHost } from './system_api_memory.js';

export type { SystemApiHost } from './system_api_memory.js';

/** 32-bit stable memory API: at most 4 GiB. */
const STABLE32_MAX_PAGES = 65536;
export { MAX_ENV_VAR_NAME_BYTES } from './system_api_env.js';

export function makeSystemApi(host: SystemApiHost): WebAssembly.Imports {
    const dec = new TextDecoder();
    const mem = memoryAccess(host);
    const { view, copyOut, writeU128, u128 } = mem;
    const only = (name: string, kinds: ReadonlySet<ExecKind>): Execution => onlyIn(host, name, kinds);
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
    const rejectMessage = (name: string): string => {
        const e = host.current();
        if (e.reject === null) trap(`"${name}" can only be executed in a reject callback`);
        return e.reject.message;
    };
    const selfBytes = host.canister.id.toUint8Array();
    const enc = new TextEncoder();

    // The env and call groups live in system_api_env.ts and system_api_calls.ts; the import list
    // (system_api_imports.ts) is checked complete by test/ic/system_api_imports.test.ts.
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
        ...envImports(host, mem),
        ...callImports(host, mem)
    } as unknown as Record<SystemApiName, (...args: never[]) => unknown>;

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
