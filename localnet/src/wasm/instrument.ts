import { ByteReader, ByteWriter, WasmFormatError } from './bytes.js';
import { BodyInstrumenter } from './code.js';
import {
    ExternKind,
    SectionId,
    WASM_HEADER,
    copyElement,
    copyGlobal,
    copyTable,
    countEntries,
    readExports,
    readImports,
    readMutableGlobals,
    readParamCounts,
    readSections,
    rewriteNameSection,
    rewriteVector,
    sectionOrder,
    writeExport,
    type ExportEntry,
    type Section
} from './sections.js';
import type { FuncIndexMap } from './types.js';

export { WasmFormatError } from './bytes.js';

export const METERING_EXPORTS = { counter: '__localnet_instructions', limit: '__localnet_limit' } as const;
export const METERING_IMPORT = { module: '__localnet', outOfInstructions: 'out_of_instructions' } as const;

export interface InstrumentResult {
    bytes: Uint8Array<ArrayBuffer>;
    /** Export names of all mutable globals of the input module, imported ones included (for rollback). */
    mutableGlobalExports: string[];
    /** Export name of table 0, or null when the module has no table. */
    tableExport: string | null;
    /** Export name of memory 0 (a 0-page memory is added to a module that has none). */
    memoryExport: string;
}

const GLOBAL_EXPORT_PREFIX = '__localnet_global_';
const TABLE_EXPORT = '__localnet_table';
const MEMORY_EXPORT = 'memory';
const FALLBACK_MEMORY_EXPORT = '__localnet_memory';

/** Everything the rewrite needs to know about the input module. */
interface ModuleFacts {
    bytes: Uint8Array;
    sections: Section[];
    byId: Map<number, Section>;
    typeCount: number;
    importedFuncs: number;
    hasTable: boolean;
    hasMemory: boolean;
    globalCount: number;
    mutableGlobals: number[];
    exports: ExportEntry[];
}

function readFacts(bytes: Uint8Array): ModuleFacts {
    const sections = readSections(bytes);
    const byId = new Map<number, Section>();
    let lastOrder = 0;
    for (const s of sections) {
        if (s.id === SectionId.Custom) continue;
        const order = sectionOrder(s.id);
        if (order <= lastOrder) throw new WasmFormatError(`section ${s.id} out of order or duplicated`);
        lastOrder = order;
        byId.set(s.id, s);
    }
    const imports = readImports(bytes, byId.get(SectionId.Import));
    const globalSection = byId.get(SectionId.Global);
    return {
        bytes,
        sections,
        byId,
        typeCount: countEntries(bytes, byId.get(SectionId.Type)),
        importedFuncs: imports.funcs,
        hasTable: imports.tables + countEntries(bytes, byId.get(SectionId.Table)) > 0,
        hasMemory: imports.memories + countEntries(bytes, byId.get(SectionId.Memory)) > 0,
        globalCount: imports.globals + countEntries(bytes, globalSection),
        mutableGlobals: [...imports.mutableGlobals, ...readMutableGlobals(bytes, globalSection, imports.globals)],
        exports: readExports(bytes, byId.get(SectionId.Export))
    };
}

interface Plan {
    mapFunc: FuncIndexMap;
    outOfInstructionsFunc: number;
    counterGlobal: number;
    limitGlobal: number;
    newExports: ExportEntry[];
    result: Omit<InstrumentResult, 'bytes'>;
}

function plan(facts: ModuleFacts): Plan {
    const imported = facts.importedFuncs;
    const counterGlobal = facts.globalCount;
    const newExports: ExportEntry[] = [
        { name: METERING_EXPORTS.counter, kind: ExternKind.Global, index: counterGlobal },
        { name: METERING_EXPORTS.limit, kind: ExternKind.Global, index: counterGlobal + 1 }
    ];
    const mutableGlobalExports = facts.mutableGlobals.map((index) => {
        const name = GLOBAL_EXPORT_PREFIX + index;
        newExports.push({ name, kind: ExternKind.Global, index });
        return name;
    });
    const taken = new Set(facts.exports.map((e) => e.name));
    const exportedAs = (kind: ExternKind) => facts.exports.find((e) => e.kind === kind && e.index === 0)?.name;

    let tableExport: string | null = null;
    if (facts.hasTable) {
        tableExport = exportedAs(ExternKind.Table) ?? TABLE_EXPORT;
        if (!taken.has(tableExport)) newExports.push({ name: tableExport, kind: ExternKind.Table, index: 0 });
    }
    let memoryExport = exportedAs(ExternKind.Memory);
    if (memoryExport === undefined) {
        memoryExport = taken.has(MEMORY_EXPORT) ? FALLBACK_MEMORY_EXPORT : MEMORY_EXPORT;
        newExports.push({ name: memoryExport, kind: ExternKind.Memory, index: 0 });
    }
    for (const e of newExports) {
        if (taken.has(e.name)) throw new WasmFormatError(`module already exports "${e.name}", which metering needs`);
    }
    return {
        mapFunc: (f) => (f >= imported ? f + 1 : f),
        outOfInstructionsFunc: imported,
        counterGlobal,
        limitGlobal: counterGlobal + 1,
        newExports,
        result: { mutableGlobalExports, tableExport, memoryExport }
    };
}

const EMPTY_FUNC_TYPE = [0x60, 0x00, 0x00];
/** The counter (starts at 0) and the limit (starts at 2^64-1, i.e. none), both mutable i64. */
const METERING_GLOBALS = [0x7e, 0x01, 0x42, 0x00, 0x0b, 0x7e, 0x01, 0x42, 0x7f, 0x0b];

type SectionRewrite = (facts: ModuleFacts, p: Plan) => ByteWriter | null;

const sectionRewrites: [SectionId, SectionRewrite][] = [
    [SectionId.Type, (f) => rewriteVector(f.bytes, f.byId.get(SectionId.Type), null, (w) => (w.bytes(Uint8Array.from(EMPTY_FUNC_TYPE)), 1))],
    [
        SectionId.Import,
        (f) =>
            rewriteVector(f.bytes, f.byId.get(SectionId.Import), null, (w) => {
                w.name(METERING_IMPORT.module).name(METERING_IMPORT.outOfInstructions).byte(ExternKind.Func).u32(f.typeCount);
                return 1;
            })
    ],
    [SectionId.Table, (f, p) => (f.byId.has(SectionId.Table) ? rewriteVector(f.bytes, f.byId.get(SectionId.Table), copyTable(p.mapFunc), () => 0) : null)],
    [SectionId.Memory, (f) => (f.hasMemory ? null : new ByteWriter(4).u32(1).byte(0).u32(0))],
    [SectionId.Global, (f, p) => rewriteVector(f.bytes, f.byId.get(SectionId.Global), copyGlobal(p.mapFunc), (w) => (w.bytes(Uint8Array.from(METERING_GLOBALS)), 2))],
    [SectionId.Export, exportSection],
    [SectionId.Start, startSection],
    [SectionId.Element, (f, p) => (f.byId.has(SectionId.Element) ? rewriteVector(f.bytes, f.byId.get(SectionId.Element), copyElement(p.mapFunc), () => 0) : null)],
    [SectionId.Code, codeSection]
];

function exportSection(f: ModuleFacts, p: Plan): ByteWriter {
    const copyExport = (r: ByteReader, w: ByteWriter) => {
        const e = { name: r.name(), kind: r.u8(), index: r.u32() };
        writeExport(w, e.kind === ExternKind.Func ? { ...e, index: p.mapFunc(e.index) } : e);
    };
    return rewriteVector(f.bytes, f.byId.get(SectionId.Export), copyExport, (w) => {
        for (const e of p.newExports) writeExport(w, e);
        return p.newExports.length;
    });
}

function startSection(f: ModuleFacts, p: Plan): ByteWriter | null {
    const s = f.byId.get(SectionId.Start);
    return s ? new ByteWriter(5).u32(p.mapFunc(new ByteReader(f.bytes, s.start, s.end).u32())) : null;
}

function codeSection(f: ModuleFacts, p: Plan): ByteWriter | null {
    const code = f.byId.get(SectionId.Code);
    if (!code) return null;
    const paramCounts = readParamCounts(f.bytes, f.byId.get(SectionId.Type), f.byId.get(SectionId.Function));
    return instrumentCode(f.bytes, code, paramCounts, p);
}

/** New content for each section the rewrite touches; sections absent here are copied verbatim. */
function rewriteSections(facts: ModuleFacts, p: Plan): Map<number, ByteWriter> {
    const out = new Map<number, ByteWriter>();
    for (const [id, rewrite] of sectionRewrites) {
        const content = rewrite(facts, p);
        if (content) out.set(id, content);
    }
    return out;
}

function instrumentCode(bytes: Uint8Array, s: Section, paramCounts: number[], p: Plan): ByteWriter {
    const r = new ByteReader(bytes, s.start, s.end);
    const body = new BodyInstrumenter(p);
    const n = r.u32();
    if (n !== paramCounts.length) throw new WasmFormatError('function and code sections disagree');
    const w = new ByteWriter(Math.ceil((s.end - s.start) * 1.6)).u32(n);
    for (let i = 0; i < n; i++) {
        const size = r.u32();
        const start = r.pos;
        r.skip(size);
        body.instrument(bytes, start, r.pos, paramCounts[i]!, w);
    }
    if (!r.done) throw new WasmFormatError('trailing bytes in code section');
    return w;
}

function nameSection(facts: ModuleFacts, s: Section, p: Plan): ByteWriter | null {
    try {
        const inserted = { index: p.outOfInstructionsFunc, name: `${METERING_IMPORT.module}.${METERING_IMPORT.outOfInstructions}` };
        return rewriteNameSection(facts.bytes, s, p.mapFunc, inserted);
    } catch (e) {
        if (e instanceof WasmFormatError) return null; // names are optional: a malformed one is dropped
        throw e;
    }
}

function assemble(facts: ModuleFacts, rewritten: Map<number, ByteWriter>, p: Plan): Uint8Array<ArrayBuffer> {
    const w = new ByteWriter(facts.bytes.length * 1.5).bytes(WASM_HEADER);
    const missing = [...rewritten.keys()].filter((id) => !facts.byId.has(id)).sort((a, b) => sectionOrder(a) - sectionOrder(b));
    const emitMissingBefore = (order: number) => {
        while (missing.length > 0 && sectionOrder(missing[0]!) < order) {
            const id = missing.shift()!;
            w.byte(id).sized(rewritten.get(id)!);
        }
    };
    for (const s of facts.sections) {
        if (s.id === SectionId.Custom) {
            const names = s.name === 'name' ? nameSection(facts, s, p) : undefined;
            if (names) w.byte(SectionId.Custom).sized(names);
            else if (names === undefined) w.byte(s.id).u32(s.end - s.start).bytes(facts.bytes, s.start, s.end);
            continue;
        }
        emitMissingBefore(sectionOrder(s.id));
        const content = rewritten.get(s.id);
        if (content) w.byte(s.id).sized(content);
        else w.byte(s.id).u32(s.end - s.start).bytes(facts.bytes, s.start, s.end);
    }
    emitMissingBefore(Infinity);
    return w.toBytes();
}

/**
 * Rewrites a module so that it meters itself, for the executor:
 * - the exported mutable i64 global `__localnet_instructions` counts executed instructions (rule in
 *   code.ts); the host zeroes it before a message and reads it after, and `performance_counter(0)`
 *   returns it. It is exact whenever control is outside the module (at calls to imports and after
 *   the export returns); after a Wasm trap it may miss the trapping function's last few instructions.
 * - once the count exceeds the exported mutable i64 global `__localnet_limit` (initially 2^64-1),
 *   the next loop header or entry of a calling function calls the import
 *   `__localnet.out_of_instructions: () -> ()`, which should throw. The count may pass the limit by
 *   the straight-line code after the last check, so the host should also compare after a message.
 * - every mutable global, table 0 and memory 0 are exported (names in the result) so that the host
 *   can snapshot and restore them; all other sections, custom ones included, are kept.
 */
export function instrumentForMetering(wasm: Uint8Array): InstrumentResult {
    // a plain view: Buffer's own subarray is much slower
    const facts = readFacts(new Uint8Array(wasm.buffer, wasm.byteOffset, wasm.byteLength));
    const p = plan(facts);
    const bytes = assemble(facts, rewriteSections(facts, p), p);
    return { bytes, ...p.result };
}
