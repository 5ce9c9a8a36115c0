// What the ic0 imports share: the host they run against, reading and writing the canister's
// memory (bounds-checked like the replica), 128-bit cycles, traps and execution-mode checks.
import { CanisterTrap, type ExecKind, type Execution } from './execution.js';
import type { Canister, OutgoingCall } from './state.js';

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

export type N = number | bigint;
const U64 = (1n << 64n) - 1n;
/** An unsigned i32 or i64 argument as a JS number (i32 arrive signed). */
export const u = (x: N): number => (typeof x === 'bigint' ? Number(BigInt.asUintN(64, x)) : x >>> 0);

export function trap(message: string): never {
    throw new CanisterTrap('IC0504', message);
}

export const CALL_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'reply', 'reject', 'timer']);
export const RESPOND_KINDS: ReadonlySet<ExecKind> = new Set(['update', 'replicated_query', 'query', 'reply', 'reject']);

/** The current execution, if its kind may call `name`. */
export function onlyIn(host: SystemApiHost, name: string, kinds: ReadonlySet<ExecKind>): Execution {
    const e = host.current();
    if (!kinds.has(e.kind)) trap(`"${name}" cannot be executed in ${e.kind} mode`);
    return e;
}

/** The call being assembled (call_new … call_perform). */
export function pendingCall(host: SystemApiHost, name: string): OutgoingCall {
    const e = onlyIn(host, name, CALL_KINDS);
    if (e.pending === null) trap(`${name}: no call is in progress (call_new was not called)`);
    return e.pending;
}

export interface MemoryAccess {
    view(ptr: N, len: N): Uint8Array;
    copyOut(name: string, src: Uint8Array, dst: N, offset: N, size: N): void;
    writeU128(dst: N, v: bigint): void;
    u128(high: N, low: N): bigint;
}

export function memoryAccess(host: SystemApiHost): MemoryAccess {
    const view = (ptr: N, len: N): Uint8Array => {
        const p = u(ptr);
        const l = u(len);
        const buf = host.current().runtime.memory.buffer;
        if (p < 0 || l < 0 || p + l > buf.byteLength) {
            throw new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
        }
        return new Uint8Array(buf, p, l);
    };
    return {
        view,
        copyOut: (name, src, dst, offset, size) => {
            const o = u(offset);
            const s = u(size);
            if (o + s > src.length) trap(`${name}: src buffer out of bounds (offset ${o}, size ${s}, length ${src.length})`);
            view(dst, s).set(src.subarray(o, o + s));
        },
        writeU128: (dst, v) => {
            const dv = new DataView(host.current().runtime.memory.buffer);
            const p = u(dst);
            if (p + 16 > dv.byteLength) throw new CanisterTrap('IC0502', 'Canister trapped: heap out of bounds');
            dv.setBigUint64(p, v & U64, true);
            dv.setBigUint64(p + 8, v >> 64n, true);
        },
        u128: (high, low) => (BigInt.asUintN(64, BigInt(high)) << 64n) | BigInt.asUintN(64, BigInt(low))
    };
}

export type Ic0 = Partial<Record<string, (...args: never[]) => unknown>>;
export type { Canister };
