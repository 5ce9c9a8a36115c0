// Skipping the immediates of WebAssembly instructions that neither branch nor name a function
// (the metering instrumenter in code.ts copies them unchanged), and the errors for what cannot be metered.
import { type ByteReader, WasmFormatError } from './bytes.js';
import { skipValType } from './types.js';

/** Opcodes the instrumenter emits or looks for. */
export const I64 = 0x7e;
export const LOCAL_GET = 0x20;
export const LOCAL_SET = 0x21;
export const LOCAL_TEE = 0x22;
export const GLOBAL_GET = 0x23;
export const GLOBAL_SET = 0x24;
export const I64_CONST = 0x42;
export const I64_ADD = 0x7c;
export const I64_GT_U = 0x56;
export const IF = 0x04;
export const EMPTY = 0x40;
export const CALL = 0x10;
export const END = 0x0b;

/** A memory access's alignment (with the multi-memory flag) and offset. */
export function memarg(r: ByteReader): void {
    const align = r.u32();
    if (align & 0x40) r.skipLeb();
    r.skipLeb();
}

/** Immediates of the instructions that neither branch nor name a function. */
export function skipImmediates(r: ByteReader, op: number): void {
    if (op >= 0x45 && op <= 0xc4) return; // numeric, incl. sign extension
    if (op >= 0x28 && op <= 0x3e) return memarg(r);
    switch (op) {
        case 0x01: // nop
        case 0x1a: // drop
        case 0x1b: // select
        case 0xd1: // ref.is_null
        case 0xd3: // ref.eq
        case 0xd4: // ref.as_non_null
            return;
        case 0x20: // local.get
        case 0x21: // local.set
        case 0x22: // local.tee
        case 0x23: // global.get
        case 0x24: // global.set
        case 0x25: // table.get
        case 0x26: // table.set
        case 0x3f: // memory.size
        case 0x40: // memory.grow
        case 0x41: // i32.const
        case 0x42: // i64.const
        case 0xd0: // ref.null
            r.skipLeb();
            return;
        case 0x1c: // select t*
            for (let n = r.u32(); n > 0; n--) skipValType(r);
            return;
        case 0x43: // f32.const
            return r.skip(4);
        case 0x44: // f64.const
            return r.skip(8);
        case 0xfc:
            return skipMiscOp(r, r.u32());
        case 0xfd:
            return skipSimdOp(r, r.u32());
        case 0xfe:
            return skipAtomicOp(r, r.u32());
        default:
            throw unsupported(op, r.pos - 1);
    }
}

/** 0xFC prefix: saturating truncation, bulk memory, table ops. */
function skipMiscOp(r: ByteReader, sub: number): void {
    if (sub <= 7) return;
    if (sub > 17) throw unsupported(0xfc, r.pos, sub);
    const immediates = sub === 8 || sub === 10 || sub === 12 || sub === 14 ? 2 : 1;
    for (let i = 0; i < immediates; i++) r.skipLeb();
}

/** 0xFD prefix: SIMD and relaxed SIMD. */
function skipSimdOp(r: ByteReader, sub: number): void {
    if (sub <= 0x0b || sub === 0x5c || sub === 0x5d) return memarg(r);
    if (sub === 0x0c || sub === 0x0d) return r.skip(16);
    if (sub >= 0x15 && sub <= 0x22) return r.skip(1);
    if (sub >= 0x54 && sub <= 0x5b) {
        memarg(r);
        return r.skip(1);
    }
    if (sub > 0x113) throw unsupported(0xfd, r.pos, sub);
}

/** 0xFE prefix: threads/atomics. */
function skipAtomicOp(r: ByteReader, sub: number): void {
    if (sub === 0x03) return r.skip(1);
    if (sub <= 0x02 || (sub >= 0x10 && sub <= 0x4e)) return memarg(r);
    throw unsupported(0xfe, r.pos, sub);
}

const EXCEPTION_HANDLING = new Set([0x06, 0x07, 0x08, 0x09, 0x0a, 0x18, 0x19, 0x1f]);

export function unsupported(op: number, at: number, sub?: number): WasmFormatError {
    if (EXCEPTION_HANDLING.has(op)) {
        return new WasmFormatError(`cannot meter: exception handling (opcode 0x${op.toString(16)} at byte ${at}) is not supported`);
    }
    const name = sub === undefined ? `0x${op.toString(16)}` : `0x${op.toString(16)} 0x${sub.toString(16)}`;
    return new WasmFormatError(`cannot meter: unknown or unsupported opcode ${name} at byte ${at}`);
}
