import { ByteReader, ByteWriter, WasmFormatError } from './bytes.js';
import { copyConstExpr, copyValType, skipLimits, skipValType, type FuncIndexMap } from './types.js';

export const enum SectionId {
    Custom = 0,
    Type = 1,
    Import = 2,
    Function = 3,
    Table = 4,
    Memory = 5,
    Global = 6,
    Export = 7,
    Start = 8,
    Element = 9,
    Code = 10,
    Data = 11,
    DataCount = 12,
    Tag = 13
}

export const enum ExternKind {
    Func = 0,
    Table = 1,
    Memory = 2,
    Global = 3,
    Tag = 4
}

/** A section's content range in the input (after its id and size). */
export interface Section {
    id: number;
    start: number;
    end: number;
    /** Name of a custom section. */
    name?: string;
}

const HEADER = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
export const WASM_HEADER = Uint8Array.from(HEADER);

export function readSections(bytes: Uint8Array): Section[] {
    if (bytes.length < 8 || HEADER.some((b, i) => bytes[i] !== b)) {
        throw new WasmFormatError('not a Wasm 1.0 binary module');
    }
    const r = new ByteReader(bytes, 8);
    const sections: Section[] = [];
    while (!r.done) {
        const id = r.u8();
        const size = r.u32();
        const start = r.pos;
        r.skip(size);
        const section: Section = { id, start, end: r.pos };
        if (id === SectionId.Custom) section.name = new ByteReader(bytes, start, r.pos).name();
        sections.push(section);
    }
    return sections;
}

/** Position of each non-custom section in the order the binary format requires. */
const ORDER: Record<number, number> = { 1: 1, 2: 2, 3: 3, 4: 4, 5: 5, 13: 6, 6: 7, 7: 8, 8: 9, 9: 10, 12: 11, 10: 12, 11: 13 };

export function sectionOrder(id: number): number {
    const order = ORDER[id];
    if (order === undefined) throw new WasmFormatError(`unknown section id ${id}`);
    return order;
}

export interface ImportSummary {
    funcs: number;
    tables: number;
    memories: number;
    globals: number;
    mutableGlobals: number[];
}

export function readImports(bytes: Uint8Array, s: Section | undefined): ImportSummary {
    const summary: ImportSummary = { funcs: 0, tables: 0, memories: 0, globals: 0, mutableGlobals: [] };
    if (!s) return summary;
    const r = new ByteReader(bytes, s.start, s.end);
    for (let n = r.u32(); n > 0; n--) {
        r.skip(r.u32());
        r.skip(r.u32());
        const kind = r.u8();
        switch (kind) {
            case ExternKind.Func:
                r.skipLeb();
                summary.funcs++;
                break;
            case ExternKind.Table:
                skipValType(r);
                skipLimits(r);
                summary.tables++;
                break;
            case ExternKind.Memory:
                skipLimits(r);
                summary.memories++;
                break;
            case ExternKind.Global:
                skipValType(r);
                if (r.u8() & 1) summary.mutableGlobals.push(summary.globals);
                summary.globals++;
                break;
            case ExternKind.Tag:
                r.u8();
                r.skipLeb();
                break;
            default:
                throw new WasmFormatError(`unknown import kind ${kind}`);
        }
    }
    return summary;
}

export function countEntries(bytes: Uint8Array, s: Section | undefined): number {
    return s ? new ByteReader(bytes, s.start, s.end).u32() : 0;
}

/** Rewrites a vector section: new count, entries copied by `copyEntry`, then `extra` entries appended. */
export function rewriteVector(
    bytes: Uint8Array,
    s: Section | undefined,
    copyEntry: ((r: ByteReader, w: ByteWriter) => void) | null,
    extra: (w: ByteWriter) => number
): ByteWriter {
    const r = s ? new ByteReader(bytes, s.start, s.end) : null;
    const count = r ? r.u32() : 0;
    const tail = new ByteWriter(64);
    const added = extra(tail);
    const w = new ByteWriter((s ? s.end - s.start : 0) + tail.length + 8).u32(count + added);
    if (r) {
        if (copyEntry) {
            for (let i = 0; i < count; i++) copyEntry(r, w);
            if (!r.done) throw new WasmFormatError(`trailing bytes in section ${s!.id}`);
        } else {
            w.bytes(bytes, r.pos, r.end);
        }
    }
    return w.bytes(tail.toBytes());
}

export function copyGlobal(mapFunc: FuncIndexMap) {
    return (r: ByteReader, w: ByteWriter): void => {
        copyValType(r, w);
        w.byte(r.u8());
        copyConstExpr(r, w, mapFunc);
    };
}

/** Indices of the mutable globals defined in a global section. */
export function readMutableGlobals(bytes: Uint8Array, s: Section | undefined, firstIndex: number): number[] {
    if (!s) return [];
    const r = new ByteReader(bytes, s.start, s.end);
    const result: number[] = [];
    const sink = new ByteWriter(16);
    const n = r.u32();
    for (let i = 0; i < n; i++) {
        skipValType(r);
        if (r.u8() & 1) result.push(firstIndex + i);
        copyConstExpr(r, sink.clear(), (f) => f);
    }
    return result;
}

export function copyTable(mapFunc: FuncIndexMap) {
    return (r: ByteReader, w: ByteWriter): void => {
        const withInit = r.peek() === 0x40;
        if (withInit) w.byte(r.u8()).byte(r.u8());
        copyValType(r, w);
        const limitsStart = r.pos;
        skipLimits(r);
        w.bytes(r.bytes, limitsStart, r.pos);
        if (withInit) copyConstExpr(r, w, mapFunc);
    };
}

export interface ExportEntry {
    name: string;
    kind: number;
    index: number;
}

export function readExports(bytes: Uint8Array, s: Section | undefined): ExportEntry[] {
    if (!s) return [];
    const r = new ByteReader(bytes, s.start, s.end);
    const result: ExportEntry[] = [];
    for (let n = r.u32(); n > 0; n--) result.push({ name: r.name(), kind: r.u8(), index: r.u32() });
    return result;
}

export function writeExport(w: ByteWriter, e: ExportEntry): void {
    w.name(e.name).byte(e.kind).u32(e.index);
}

/** Element segment, all eight encodings: renumbers function indices and `ref.func`. */
export function copyElement(mapFunc: FuncIndexMap) {
    return (r: ByteReader, w: ByteWriter): void => {
        const flags = r.u32();
        if (flags > 7) throw new WasmFormatError(`unknown element segment flags ${flags}`);
        w.u32(flags);
        const passiveOrDeclared = (flags & 1) !== 0;
        const explicitTable = (flags & 2) !== 0;
        const usesExprs = (flags & 4) !== 0;
        if (!passiveOrDeclared) {
            if (explicitTable) w.u32(r.u32());
            copyConstExpr(r, w, mapFunc);
        }
        if (passiveOrDeclared || explicitTable) {
            if (usesExprs) copyValType(r, w);
            else w.byte(r.u8());
        }
        const n = r.u32();
        w.u32(n);
        for (let i = 0; i < n; i++) {
            if (usesExprs) copyConstExpr(r, w, mapFunc);
            else w.u32(mapFunc(r.u32()));
        }
    };
}

function copyNameMap(r: ByteReader, w: ByteWriter, mapFunc: FuncIndexMap, inserted?: { index: number; name: string }): void {
    const n = r.u32();
    w.u32(n + (inserted ? 1 : 0));
    let pending = inserted;
    for (let i = 0; i < n; i++) {
        const index = mapFunc(r.u32());
        if (pending && pending.index < index) {
            w.u32(pending.index).name(pending.name);
            pending = undefined;
        }
        const nameStart = r.pos;
        r.skip(r.u32());
        w.u32(index).bytes(r.bytes, nameStart, r.pos);
    }
    if (pending) w.u32(pending.index).name(pending.name);
}

/**
 * The `name` custom section with function indices renumbered (so traps show function names) and
 * the injected import named. Label names, which are keyed by function too, are renumbered as well.
 */
export function rewriteNameSection(bytes: Uint8Array, s: Section, mapFunc: FuncIndexMap, inserted: { index: number; name: string }): ByteWriter {
    const r = new ByteReader(bytes, s.start, s.end);
    const w = new ByteWriter(s.end - s.start + 64);
    w.name(r.name());
    const sub = new ByteWriter(1024);
    while (!r.done) {
        const id = r.u8();
        const size = r.u32();
        const end = r.pos + size;
        const body = new ByteReader(bytes, r.pos, end);
        sub.clear();
        if (id === 1) {
            copyNameMap(body, sub, mapFunc, inserted);
        } else if (id === 2 || id === 3) {
            const n = body.u32();
            sub.u32(n);
            for (let i = 0; i < n; i++) {
                sub.u32(mapFunc(body.u32()));
                copyNameMap(body, sub, (x) => x);
            }
        } else {
            sub.bytes(bytes, r.pos, end);
        }
        w.byte(id).sized(sub);
        r.pos = end;
    }
    return w;
}

/** Parameter count of each defined function (function section order). */
export function readParamCounts(bytes: Uint8Array, types: Section | undefined, funcs: Section | undefined): number[] {
    const paramCounts: number[] = [];
    if (types) {
        const r = new ByteReader(bytes, types.start, types.end);
        for (let n = r.u32(); n > 0; n--) {
            const form = r.u8();
            if (form !== 0x60) throw new WasmFormatError(`cannot meter: type form 0x${form.toString(16)} (GC types) is not supported`);
            const params = r.u32();
            for (let i = 0; i < params; i++) skipValType(r);
            for (let results = r.u32(); results > 0; results--) skipValType(r);
            paramCounts.push(params);
        }
    }
    if (!funcs) return [];
    const r = new ByteReader(bytes, funcs.start, funcs.end);
    const result: number[] = [];
    for (let n = r.u32(); n > 0; n--) {
        const type = r.u32();
        const params = paramCounts[type];
        if (params === undefined) throw new WasmFormatError(`function type index ${type} out of range`);
        result.push(params);
    }
    return result;
}
