// A tiny hand assembler for test modules, so that tests control every instruction byte.

export const I32 = 0x7f;
export const I64 = 0x7e;
export const EMPTY = 0x40;

export function uleb(value: number | bigint): number[] {
    let v = BigInt(value);
    const out: number[] = [];
    do {
        let b = Number(v & 0x7fn);
        v >>= 7n;
        if (v !== 0n) b |= 0x80;
        out.push(b);
    } while (v !== 0n);
    return out;
}

export function sleb(value: number | bigint): number[] {
    let v = BigInt(value);
    const out: number[] = [];
    for (;;) {
        const b = Number(v & 0x7fn);
        v >>= 7n;
        if ((v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0)) {
            out.push(b);
            return out;
        }
        out.push(b | 0x80);
    }
}

const utf8 = (s: string) => [...new TextEncoder().encode(s)];
const name = (s: string) => [...uleb(utf8(s).length), ...utf8(s)];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];
const section = (id: number, content: number[]) => [id, ...uleb(content.length), ...content];

/** Instruction helpers: each returns the instruction's bytes. */
export const op = {
    unreachable: () => [0x00],
    nop: () => [0x01],
    block: (bt = EMPTY) => [0x02, bt],
    loop: (bt = EMPTY) => [0x03, bt],
    if: (bt = EMPTY) => [0x04, bt],
    else: () => [0x05],
    end: () => [0x0b],
    br: (l: number) => [0x0c, ...uleb(l)],
    brIf: (l: number) => [0x0d, ...uleb(l)],
    brTable: (ls: number[], d: number) => [0x0e, ...vec(ls.map(uleb)), ...uleb(d)],
    return: () => [0x0f],
    call: (f: number) => [0x10, ...uleb(f)],
    callIndirect: (type: number, table = 0) => [0x11, ...uleb(type), ...uleb(table)],
    drop: () => [0x1a],
    localGet: (i: number) => [0x20, ...uleb(i)],
    localSet: (i: number) => [0x21, ...uleb(i)],
    localTee: (i: number) => [0x22, ...uleb(i)],
    globalGet: (i: number) => [0x23, ...uleb(i)],
    globalSet: (i: number) => [0x24, ...uleb(i)],
    i32Load: (offset = 0) => [0x28, 2, ...uleb(offset)],
    i32Store: (offset = 0) => [0x36, 2, ...uleb(offset)],
    i32Const: (v: number) => [0x41, ...sleb(v)],
    i64Const: (v: number | bigint) => [0x42, ...sleb(v)],
    i32Eqz: () => [0x45],
    i32LtS: () => [0x48],
    i32GtS: () => [0x4a],
    i32Add: () => [0x6a],
    i32Sub: () => [0x6b],
    i32Mul: () => [0x6c],
    refFunc: (f: number) => [0xd2, ...uleb(f)],
    memoryFill: () => [0xfc, 0x0b, 0x00],
    tableInit: (elem: number, table = 0) => [0xfc, 0x0c, ...uleb(elem), ...uleb(table)]
};

export const code = (...instrs: number[][]) => instrs.flat();

export interface FuncSpec {
    params?: number[];
    results?: number[];
    locals?: number[];
    body: number[];
    export?: string;
}

export interface ModuleSpec {
    imports?: { module: string; name: string; params?: number[]; results?: number[] }[];
    funcs: FuncSpec[];
    table?: number;
    memory?: number;
    globals?: { type: number; mutable: boolean; init: number[] }[];
    /** Raw element segments (flags and all), appended to the element section. */
    elements?: number[][];
    start?: number;
    extraTypes?: { params: number[]; results: number[] }[];
    custom?: { name: string; data: number[] }[];
    exportMemoryAs?: string;
}

/**
 * Type indices: extraTypes first, then one per import, then one per function. Function indices:
 * imports first, then `funcs`. Element segments must be given raw.
 */
export function assemble(spec: ModuleSpec): Uint8Array<ArrayBuffer> {
    const imports = spec.imports ?? [];
    const extra = spec.extraTypes ?? [];
    const sig = (p: number[] = [], r: number[] = []) => [0x60, ...vec(p.map((t) => [t])), ...vec(r.map((t) => [t]))];
    const types = [...extra.map((t) => sig(t.params, t.results)), ...imports.map((i) => sig(i.params, i.results)), ...spec.funcs.map((f) => sig(f.params, f.results))];
    const bytes = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
    bytes.push(...section(1, vec(types)));
    if (imports.length) bytes.push(...section(2, vec(imports.map((im, i) => [...name(im.module), ...name(im.name), 0x00, ...uleb(extra.length + i)]))));
    bytes.push(...section(3, vec(spec.funcs.map((_, i) => uleb(extra.length + imports.length + i)))));
    if (spec.table !== undefined) bytes.push(...section(4, vec([[0x70, 0x00, ...uleb(spec.table)]])));
    if (spec.memory !== undefined) bytes.push(...section(5, vec([[0x00, ...uleb(spec.memory)]])));
    if (spec.globals?.length) bytes.push(...section(6, vec(spec.globals.map((g) => [g.type, g.mutable ? 1 : 0, ...g.init, 0x0b]))));
    const exports = spec.funcs.flatMap((f, i) => (f.export ? [[...name(f.export), 0x00, ...uleb(imports.length + i)]] : []));
    if (spec.exportMemoryAs) exports.push([...name(spec.exportMemoryAs), 0x02, 0x00]);
    if (exports.length) bytes.push(...section(7, vec(exports)));
    if (spec.start !== undefined) bytes.push(...section(8, uleb(spec.start)));
    if (spec.elements?.length) bytes.push(...section(9, vec(spec.elements)));
    const bodies = spec.funcs.map((f) => {
        const locals = vec((f.locals ?? []).map((t) => [1, t]));
        const body = [...locals, ...f.body, 0x0b];
        return [...uleb(body.length), ...body];
    });
    bytes.push(...section(10, vec(bodies)));
    for (const c of spec.custom ?? []) bytes.push(...section(0, [...name(c.name), ...c.data]));
    return Uint8Array.from(bytes);
}

/** Active element segment for table 0 at `offset` listing `funcs` (flags 0). */
export const activeElem = (offset: number, funcs: number[]) => [0x00, 0x41, ...sleb(offset), 0x0b, ...vec(funcs.map(uleb))];
/** Passive element segment of `ref.func` expressions (flags 5). */
export const passiveExprElem = (funcs: number[]) => [0x05, 0x70, ...vec(funcs.map((f) => [0xd2, ...uleb(f), 0x0b]))];
/** Declarative element segment (flags 3), needed for `ref.func` in code. */
export const declaredElem = (funcs: number[]) => [0x03, 0x00, ...vec(funcs.map(uleb))];
