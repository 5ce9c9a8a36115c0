// Minimal WebAssembly binary reader/patcher: enough to list custom sections (canister metadata),
// find mutable globals and the function table, and export them so that the host can snapshot
// globals and call callbacks through the table. No dependency on binaryen (fast: one linear scan).

import type { WasmExport, WasmModuleInfo, WasmSection } from './wasm_binary_types.js';

export type { WasmExport, WasmModuleInfo, WasmSection } from './wasm_binary_types.js';

class Reader {
    constructor(
        readonly b: Uint8Array,
        public p = 0
    ) {}
    byte(): number {
        const v = this.b[this.p++];
        if (v === undefined) throw new Error('wasm: unexpected end');
        return v;
    }
    u32(): number {
        let result = 0;
        let shift = 0;
        for (;;) {
            const byte = this.byte();
            result += (byte & 0x7f) * 2 ** shift;
            if ((byte & 0x80) === 0) return result;
            shift += 7;
        }
    }
    /** Skips a signed LEB128. */
    skipLeb(): void {
        while ((this.byte() & 0x80) !== 0);
    }
    name(): string {
        const len = this.u32();
        const s = new TextDecoder().decode(this.b.subarray(this.p, this.p + len));
        this.p += len;
        return s;
    }
    /** Skips limits; returns whether they are 64-bit (flag 0x04). */
    skipLimits(): boolean {
        const flags = this.byte();
        this.u32();
        if (flags & 1) this.u32();
        return (flags & 4) !== 0;
    }
    valTypes(): number[] {
        const n = this.u32();
        const out: number[] = [];
        for (let i = 0; i < n; i++) out.push(this.byte());
        return out;
    }
    skipConstExpr(): void {
        for (;;) {
            const op = this.byte();
            switch (op) {
                case 0x0b:
                    return;
                case 0x41: // i32.const
                case 0x42: // i64.const
                    this.skipLeb();
                    break;
                case 0x43:
                    this.p += 4;
                    break;
                case 0x44:
                    this.p += 8;
                    break;
                case 0x23: // global.get
                case 0xd2: // ref.func
                    this.u32();
                    break;
                case 0xd0: // ref.null t
                    this.byte();
                    break;
                case 0x6a:
                case 0x6b:
                case 0x6c:
                case 0x7c:
                case 0x7d:
                case 0x7e:
                    break; // extended-const arithmetic
                case 0xfd: // v128.const
                    this.u32();
                    this.p += 16;
                    break;
                default:
                    throw new Error(`wasm: unsupported const-expr opcode 0x${op.toString(16)}`);
            }
        }
    }
}

export function encodeU32(n: number): number[] {
    const out: number[] = [];
    do {
        let byte = n & 0x7f;
        n = Math.floor(n / 128);
        if (n !== 0) byte |= 0x80;
        out.push(byte);
    } while (n !== 0);
    return out;
}

export function readModuleInfo(bytes: Uint8Array): WasmModuleInfo {
    const r = new Reader(bytes, 8);
    if (bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73 || bytes[3] !== 0x6d) {
        throw new Error('not a WebAssembly module (bad magic)');
    }
    const info: WasmModuleInfo = {
        sections: [],
        exports: [],
        importedTables: 0,
        importedGlobals: 0,
        definedTables: 0,
        mutableGlobals: [],
        customSections: [],
        hasStart: false,
        types: [],
        functionImports: [],
        otherImports: [],
        memory64: false,
        table64: false
    };
    while (r.p < bytes.length) {
        const headerStart = r.p;
        const id = r.byte();
        const size = r.u32();
        const start = r.p;
        const end = start + size;
        info.sections.push({ id, start, end, headerStart });
        const s = new Reader(bytes, start);
        if (id === 0) {
            const name = s.name();
            info.customSections.push({ name, content: bytes.subarray(s.p, end) });
        } else if (id === 1) {
            const n = s.u32();
            for (let i = 0; i < n; i++) {
                const form = s.byte();
                if (form !== 0x60) throw new Error(`wasm: unsupported type form 0x${form.toString(16)}`);
                const params = s.valTypes();
                info.types.push({ params, results: s.valTypes() });
            }
        } else if (id === 2) {
            const n = s.u32();
            for (let i = 0; i < n; i++) {
                const module = s.name();
                const name = s.name();
                const kind = s.byte();
                if (kind !== 0) info.otherImports.push({ module, name, kind });
                if (kind === 0) info.functionImports.push({ module, name, typeIndex: s.u32() });
                else if (kind === 1) {
                    s.byte();
                    if (s.skipLimits()) info.table64 = true;
                    info.importedTables++;
                } else if (kind === 2) {
                    if (s.skipLimits()) info.memory64 = true;
                } else if (kind === 3) {
                    s.byte();
                    s.byte();
                    info.importedGlobals++;
                } else if (kind === 4) {
                    s.byte();
                    s.u32();
                } else throw new Error(`wasm: unknown import kind ${kind}`);
            }
        } else if (id === 4) {
            info.definedTables = s.u32();
            for (let i = 0; i < info.definedTables; i++) {
                s.byte();
                if (s.skipLimits()) info.table64 = true;
            }
        } else if (id === 5) {
            const n = s.u32();
            for (let i = 0; i < n; i++) if (s.skipLimits()) info.memory64 = true;
        } else if (id === 6) {
            const n = s.u32();
            for (let i = 0; i < n; i++) {
                const valType = s.byte();
                const mut = s.byte();
                s.skipConstExpr();
                if (mut === 1) info.mutableGlobals.push({ index: info.importedGlobals + i, valType });
            }
        } else if (id === 7) {
            const n = s.u32();
            for (let i = 0; i < n; i++) {
                const name = s.name();
                const kind = s.byte();
                const index = s.u32();
                info.exports.push({ name, kind, index });
            }
        } else if (id === 8) {
            info.hasStart = true;
        }
        r.p = end;
    }
    return info;
}

/** Returns a copy of the module with extra exports appended to its export section. */
export function addExports(bytes: Uint8Array, info: WasmModuleInfo, extra: WasmExport[]): Uint8Array {
    if (extra.length === 0) return bytes;
    const enc = new TextEncoder();
    const entries: number[] = [];
    for (const e of extra) {
        const name = enc.encode(e.name);
        entries.push(...encodeU32(name.length), ...name, e.kind, ...encodeU32(e.index));
    }
    const exportSection = info.sections.find((s) => s.id === 7);
    let before: Uint8Array;
    let after: Uint8Array;
    let oldBody: Uint8Array;
    let oldCount = 0;
    if (exportSection) {
        const r = new Reader(bytes, exportSection.start);
        oldCount = r.u32();
        oldBody = bytes.subarray(r.p, exportSection.end);
        before = bytes.subarray(0, exportSection.headerStart);
        after = bytes.subarray(exportSection.end);
    } else {
        // Insert after the last section with id < 7 (custom sections aside) to keep the order valid.
        const order = [1, 2, 3, 4, 5, 13, 6];
        let insertAt = 8;
        for (const s of info.sections) if (order.includes(s.id)) insertAt = s.end;
        oldBody = new Uint8Array(0);
        before = bytes.subarray(0, insertAt);
        after = bytes.subarray(insertAt);
    }
    const count = encodeU32(oldCount + extra.length);
    const contentLength = count.length + oldBody.length + entries.length;
    const header = [7, ...encodeU32(contentLength)];
    const out = new Uint8Array(before.length + header.length + contentLength + after.length);
    let p = 0;
    out.set(before, p);
    p += before.length;
    out.set(header, p);
    p += header.length;
    out.set(count, p);
    p += count.length;
    out.set(oldBody, p);
    p += oldBody.length;
    out.set(entries, p);
    p += entries.length;
    out.set(after, p);
    return out;
}

export const TABLE_EXPORT = '__localnet_table';
export const GLOBAL_EXPORT_PREFIX = '__localnet_global_';

/**
 * Exports the function table (as `__localnet_table` unless already exported) and every mutable
 * module-defined global that is not already exported. Returns the patched bytes and export names.
 */
export function exposeTableAndGlobals(bytes: Uint8Array): {
    bytes: Uint8Array;
    tableExport: string | null;
    mutableGlobalExports: string[];
    memoryExport: string;
} {
    const info = readModuleInfo(bytes);
    const extra: WasmExport[] = [];
    let tableExport: string | null = info.exports.find((e) => e.kind === 1 && e.index === 0)?.name ?? null;
    if (tableExport === null && info.importedTables + info.definedTables > 0) {
        tableExport = TABLE_EXPORT;
        extra.push({ name: TABLE_EXPORT, kind: 1, index: 0 });
    }
    const mutableGlobalExports: string[] = [];
    for (const g of info.mutableGlobals) {
        const existing = info.exports.find((e) => e.kind === 3 && e.index === g.index);
        if (existing) mutableGlobalExports.push(existing.name);
        else {
            const name = `${GLOBAL_EXPORT_PREFIX}${g.index}`;
            extra.push({ name, kind: 3, index: g.index });
            mutableGlobalExports.push(name);
        }
    }
    const memoryExport = info.exports.find((e) => e.kind === 2)?.name ?? 'memory';
    return { bytes: addExports(bytes, info, extra), tableExport, mutableGlobalExports, memoryExport };
}
