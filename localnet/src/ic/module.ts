// Preparing a canister module: hash, metadata, (optionally) metering instrumentation, export of the
// function table and mutable globals, compilation. Compiled modules are cached in memory by
// sha256 (shared by every LocalIc of the process); instrumented bytes are cached on disk.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';

import { invalidImport } from './system_api_imports.js';
import { exposeTableAndGlobals, readModuleInfo } from './wasm_binary.js';

export interface InstrumentResult {
    bytes: Uint8Array;
    mutableGlobalExports: string[];
    tableExport: string | null;
    memoryExport: string;
}
export type Instrumenter = (wasm: Uint8Array) => InstrumentResult;

export interface PreparedModule {
    /** sha256 of the original (uninstrumented) module. */
    hash: Uint8Array;
    hashHex: string;
    original: Uint8Array;
    module: WebAssembly.Module;
    metered: boolean;
    tableExport: string | null;
    mutableGlobalExports: string[];
    memoryExport: string;
    functionExports: Set<string>;
    /** memory64 module: `I` in the System API signatures is i64. */
    wasm64: boolean;
    metadata: Map<string, { visibility: 'public' | 'private'; content: Uint8Array }>;
}

export const COUNTER_EXPORT = '__localnet_instructions';
export const LIMIT_EXPORT = '__localnet_limit';

const compiled = new Map<string, PreparedModule>();

/** Identifies the instrumenter's code, so that cached instrumented bytes are rebuilt when it changes. */
let instrumenterVersion: string | null = null;
function instrumenterKey(): string {
    if (instrumenterVersion === null) {
        const h = createHash('sha256');
        try {
            const dir = fileURLToPath(new URL('../wasm/', import.meta.url));
            for (const f of readdirSync(dir).sort()) if (f.endsWith('.ts') || f.endsWith('.js')) h.update(f).update(readFileSync(join(dir, f)));
        } catch {
            // no sources next to us: version by nothing
        }
        instrumenterVersion = h.digest('hex').slice(0, 16);
    }
    return instrumenterVersion;
}

export function sha256(bytes: Uint8Array): Uint8Array {
    return new Uint8Array(createHash('sha256').update(bytes).digest());
}

export function cacheDir(): string {
    return process.env.LOCALNET_CACHE_DIR ?? join(tmpdir(), 'localnet-cache');
}

/** Decompresses gzip-compressed modules (dfx accepts `.wasm.gz`). */
function maybeGunzip(wasm: Uint8Array): Uint8Array {
    if (wasm[0] === 0x1f && wasm[1] === 0x8b) {
        return new Uint8Array(gunzipSync(wasm));
    }
    return wasm;
}

export class InvalidWasmError extends Error {}

/** What this Node.js can run: 64-bit memories and tables (enabled by default from Node.js 24). */
export const SUPPORTS = {
    memory64: WebAssembly.validate(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 5, 3, 1, 4, 1])),
    table64: WebAssembly.validate(new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 4, 4, 1, 0x70, 4, 1]))
};

/** Same input array → same prepared module, without rehashing (tests install one array many times). */
const byInput = new WeakMap<Uint8Array, Map<string, PreparedModule>>();

export function prepareModule(wasmInput: Uint8Array, instrumenter: Instrumenter | null): PreparedModule {
    const mode = instrumenter ? 'metered' : 'plain';
    const hit = byInput.get(wasmInput)?.get(mode);
    if (hit && compiled.get(`${hit.hashHex}:${mode}`) === hit) return hit;
    const prepared = prepareUncached(wasmInput, instrumenter);
    let perInput = byInput.get(wasmInput);
    if (!perInput) byInput.set(wasmInput, (perInput = new Map()));
    perInput.set(mode, prepared);
    return prepared;
}

function prepareUncached(wasmInput: Uint8Array, instrumenter: Instrumenter | null): PreparedModule {
    const wasm = maybeGunzip(wasmInput);
    const hash = sha256(wasm);
    const hashHex = Buffer.from(hash).toString('hex');
    const key = `${hashHex}:${instrumenter ? 'metered' : 'plain'}`;
    const cached = compiled.get(key);
    if (cached) return cached;

    let info;
    try {
        info = readModuleInfo(wasm);
    } catch (e) {
        throw new InvalidWasmError(`Wasm module is invalid: ${(e as Error).message}`);
    }
    const importProblem = invalidImport(info);
    if (importProblem !== null) throw new InvalidWasmError(importProblem);
    if ((info.memory64 && !SUPPORTS.memory64) || (info.table64 && !SUPPORTS.table64)) {
        throw new InvalidWasmError(
            `Wasm module uses 64-bit ${info.memory64 ? 'memory (memory64)' : 'tables (table64)'}, which Node.js ${process.version} cannot run: ` +
                'localnet runs 64-bit canisters on Node.js 24 or later only.'
        );
    }
    const metadata = new Map<string, { visibility: 'public' | 'private'; content: Uint8Array }>();
    for (const s of info.customSections) {
        const m = /^icp:(public|private) (.+)$/.exec(s.name);
        if (m) metadata.set(m[2]!, { visibility: m[1] as 'public' | 'private', content: s.content.slice() });
    }

    let patched: InstrumentResult;
    let metered = instrumenter !== null;
    try {
        patched = instrumenter ? instrumentCached(wasm, hashHex, instrumenter) : exposeTableAndGlobals(wasm);
    } catch (e) {
        if (!instrumenter) throw new InvalidWasmError(`Wasm module is invalid: ${(e as Error).message}`);
        // A module the instrumenter cannot handle still runs, unmetered (and says so once).
        console.warn(`localnet: metering failed for module ${hashHex.slice(0, 12)}, running it unmetered: ${(e as Error).message}`);
        try {
            patched = exposeTableAndGlobals(wasm);
        } catch (e2) {
            throw new InvalidWasmError(`Wasm module is invalid: ${(e2 as Error).message}`);
        }
        metered = false;
    }
    let module: WebAssembly.Module;
    try {
        module = new WebAssembly.Module(patched.bytes as Uint8Array<ArrayBuffer>);
    } catch (e) {
        throw new InvalidWasmError(`Wasm module is invalid: ${(e as Error).message}`);
    }
    const functionExports = new Set(
        WebAssembly.Module.exports(module)
            .filter((e) => e.kind === 'function')
            .map((e) => e.name)
    );
    const prepared: PreparedModule = {
        hash,
        hashHex,
        original: wasm,
        module,
        metered,
        tableExport: patched.tableExport,
        mutableGlobalExports: patched.mutableGlobalExports,
        memoryExport: patched.memoryExport,
        functionExports,
        wasm64: info.memory64,
        metadata
    };
    compiled.set(key, prepared);
    return prepared;
}

function instrumentCached(wasm: Uint8Array, hashHex: string, instrumenter: Instrumenter): InstrumentResult {
    const dir = cacheDir();
    const base = `${hashHex}.metered-${instrumenterKey()}`;
    const file = join(dir, `${base}.wasm`);
    const metaFile = join(dir, `${base}.json`);
    if (existsSync(file) && existsSync(metaFile)) {
        try {
            const meta = JSON.parse(readFileSync(metaFile, 'utf8')) as Omit<InstrumentResult, 'bytes'>;
            return { ...meta, bytes: new Uint8Array(readFileSync(file)) };
        } catch {
            // fall through and rebuild
        }
    }
    const result = instrumenter(wasm);
    try {
        mkdirSync(dir, { recursive: true });
        const tmp = `${file}.${process.pid}.tmp`;
        writeFileSync(tmp, result.bytes);
        renameSync(tmp, file);
        const { bytes: _bytes, ...meta } = result;
        const tmpMeta = `${metaFile}.${process.pid}.tmp`;
        writeFileSync(tmpMeta, JSON.stringify(meta));
        renameSync(tmpMeta, metaFile);
    } catch {
        // cache is best effort
    }
    return result;
}

/** Drops the in-memory compiled-module cache (benchmarks). */
export function clearModuleCache(): void {
    compiled.clear();
}
