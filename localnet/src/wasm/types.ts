import { ByteReader, ByteWriter, WasmFormatError } from './bytes.js';

const REF_NULLABLE = 0x63;
const REF_NON_NULL = 0x64;

/** Skips a value type or a block type: one byte, an s33 type index, or `ref [null] heaptype`. */
export function skipValType(r: ByteReader): void {
    const b = r.peek();
    if (b === REF_NULLABLE || b === REF_NON_NULL) r.pos++;
    r.skipLeb();
}

export function copyValType(r: ByteReader, w: ByteWriter): void {
    const start = r.pos;
    skipValType(r);
    w.bytes(r.bytes, start, r.pos);
}

/** Limits of a table or memory; flag bit 0 = has maximum (shared/64-bit flags carry no extra fields). */
export function skipLimits(r: ByteReader): void {
    const flags = r.u8();
    if (flags > 0x07) throw new WasmFormatError(`unsupported limits flags 0x${flags.toString(16)}`);
    r.skipLeb();
    if (flags & 1) r.skipLeb();
}

export type FuncIndexMap = (index: number) => number;

const CONST_EXPR_BINOPS = new Set([0x6a, 0x6b, 0x6c, 0x7c, 0x7d, 0x7e]);

/** Copies a constant expression, renumbering `ref.func`. */
export function copyConstExpr(r: ByteReader, w: ByteWriter, mapFunc: FuncIndexMap): void {
    for (;;) {
        const start = r.pos;
        const op = r.u8();
        switch (op) {
            case 0x0b:
                w.byte(op);
                return;
            case 0xd2:
                w.byte(op).u32(mapFunc(r.u32()));
                continue;
            case 0x41:
            case 0x42:
            case 0x23:
            case 0xd0:
                r.skipLeb();
                break;
            case 0x43:
                r.skip(4);
                break;
            case 0x44:
                r.skip(8);
                break;
            case 0xfd:
                if (r.u32() !== 0x0c) throw new WasmFormatError('unsupported SIMD instruction in constant expression');
                r.skip(16);
                break;
            default:
                if (!CONST_EXPR_BINOPS.has(op)) {
                    throw new WasmFormatError(`unsupported opcode 0x${op.toString(16)} in constant expression`);
                }
        }
        w.bytes(r.bytes, start, r.pos);
    }
}
