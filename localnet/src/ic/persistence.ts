// Saving and loading the IC's state as plain files:
//   <dir>/state.json                 time, id counter, raw_rand counter, canister list
//   <dir>/clock.json                 the clock's high-water mark and offset, written by the clock
//                                    itself ahead of the times it reports (time never goes back)
//   <dir>/canisters/<id>/meta.json   controllers, cycles, status, version, certified data, timer,
//                                    globals, stable size, module hash
//   <dir>/canisters/<id>/module.wasm the original (uninstrumented) module
//   <dir>/canisters/<id>/heap.bin    the Wasm memory
//   <dir>/canisters/<id>/stable.bin  written stable pages: [u32 LE page index][64 KiB] ...
// Only canisters changed since the last save are rewritten. Messages in flight are not saved: call
// `saveState` when the IC is idle (the server saves between requests).
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { Principal } from '@dfinity/principal';

import { LocalIcImpl, type LocalIcOptions } from './local_ic.js';
import { PAGE, StableMemory } from './stable_memory.js';
import type { TimeStore } from './clock.js';
import { Canister, defaultSettings, type CanisterSettings, type Visibility } from './state.js';

const FORMAT = 1;

interface StateFile {
    format: number;
    timeNs: string;
    nextCanisterId: string;
    randCounter: string;
    canisters: string[];
}

interface MetaFile {
    controllers: string[];
    cycles: string;
    status: 'running' | 'stopping' | 'stopped';
    version: string;
    certifiedData: string;
    timerDeadline: string;
    moduleHash: string | null;
    globals: ({ n: number } | { b: string })[];
    stablePages: number;
    metered: boolean;
    settings?: SavedSettings;
}

type SavedSettings = Omit<CanisterSettings, 'logVisibility' | 'snapshotVisibility' | 'statusVisibility' | 'minimumIncomingCanisterCallCycles' | 'computeAllocation' | 'memoryAllocation' | 'freezingThreshold' | 'reservedCyclesLimit' | 'wasmMemoryLimit' | 'wasmMemoryThreshold' | 'logMemoryLimit'> & {
    numbers: Record<string, string>;
    logVisibility: SavedVisibility;
    snapshotVisibility: SavedVisibility;
    statusVisibility?: SavedVisibility;
};
type SavedVisibility = { controllers: null } | { public: null } | { allowed_viewers: string[] };

const NUMBER_SETTINGS = [
    'computeAllocation',
    'memoryAllocation',
    'freezingThreshold',
    'reservedCyclesLimit',
    'wasmMemoryLimit',
    'wasmMemoryThreshold',
    'logMemoryLimit',
    'minimumIncomingCanisterCallCycles'
] as const;

const saveVisibility = (v: Visibility): SavedVisibility =>
    'allowed_viewers' in v ? { allowed_viewers: v.allowed_viewers.map((p) => p.toText()) } : v;
const loadVisibility = (v: SavedVisibility): Visibility =>
    'allowed_viewers' in v ? { allowed_viewers: v.allowed_viewers.map((p) => Principal.fromText(p)) } : v;

function saveSettings(s: CanisterSettings): SavedSettings {
    return {
        numbers: Object.fromEntries(NUMBER_SETTINGS.map((k) => [k, s[k].toString()])),
        logVisibility: saveVisibility(s.logVisibility),
        snapshotVisibility: saveVisibility(s.snapshotVisibility),
        statusVisibility: saveVisibility(s.statusVisibility),
        environmentVariables: s.environmentVariables
    };
}

function loadSettings(saved: SavedSettings | undefined): CanisterSettings {
    const s = defaultSettings();
    if (!saved) return s;
    for (const k of NUMBER_SETTINGS) if (saved.numbers[k] !== undefined) s[k] = BigInt(saved.numbers[k]);
    s.logVisibility = loadVisibility(saved.logVisibility);
    s.snapshotVisibility = loadVisibility(saved.snapshotVisibility);
    if (saved.statusVisibility) s.statusVisibility = loadVisibility(saved.statusVisibility);
    s.environmentVariables = saved.environmentVariables;
    return s;
}

interface ClockFile {
    highWaterNs: string;
    offsetNs: string;
}

/** The clock's store: `<dir>/clock.json`, replaced atomically. */
function clockStore(dir: string): TimeStore {
    return {
        write: ({ highWaterNs, offsetNs }): void => {
            mkdirSync(dir, { recursive: true });
            const file: ClockFile = { highWaterNs: highWaterNs.toString(), offsetNs: offsetNs.toString() };
            writeAtomic(join(dir, 'clock.json'), JSON.stringify(file));
        }
    };
}

function readClock(dir: string): ClockFile | null {
    try {
        return JSON.parse(readFileSync(join(dir, 'clock.json'), 'utf8')) as ClockFile;
    } catch {
        return null;
    }
}

/** ICs whose clock already writes its mark into a directory. */
const storesAttached = new WeakMap<LocalIcImpl, string>();

function writeAtomic(file: string, data: Uint8Array | string): void {
    const tmp = `${file}.tmp`;
    writeFileSync(tmp, data);
    renameSync(tmp, file);
}

function readMeta(file: string): MetaFile | null {
    try {
        return JSON.parse(readFileSync(file, 'utf8')) as MetaFile;
    } catch {
        return null;
    }
}

export function saveState(ic: LocalIcImpl, dir: string): void {
    const canistersDir = join(dir, 'canisters');
    mkdirSync(canistersDir, { recursive: true });
    const ids: string[] = [];
    for (const c of ic.canisters.values()) {
        const id = c.id.toText();
        ids.push(id);
        const cdir = join(canistersDir, id);
        const metaPath = join(cdir, 'meta.json');
        if (!c.dirty && existsSync(metaPath)) continue;
        mkdirSync(cdir, { recursive: true });
        const previous = readMeta(metaPath);
        const moduleHash = c.module ? c.module.hashHex : null;
        let globals: (number | bigint)[] = [];
        if (c.module && c.runtime) {
            if (previous?.moduleHash !== moduleHash || !existsSync(join(cdir, 'module.wasm'))) {
                writeAtomic(join(cdir, 'module.wasm'), c.module.original);
            }
            const state = c.runtime.exportState();
            globals = state.globals;
            writeAtomic(join(cdir, 'heap.bin'), state.heap);
        }
        const pages = [...c.stable.entries()];
        const stable = Buffer.alloc(pages.length * (4 + PAGE));
        pages.forEach(([index, page], i) => {
            stable.writeUInt32LE(index, i * (4 + PAGE));
            stable.set(page, i * (4 + PAGE) + 4);
        });
        writeAtomic(join(cdir, 'stable.bin'), stable);
        const meta: MetaFile = {
            controllers: c.controllers.map((p) => p.toText()),
            cycles: c.cycles.toString(),
            status: c.status,
            version: c.version.toString(),
            certifiedData: Buffer.from(c.certifiedData).toString('hex'),
            timerDeadline: c.timerDeadline.toString(),
            moduleHash,
            globals: globals.map((g) => (typeof g === 'bigint' ? { b: g.toString() } : { n: g })),
            stablePages: c.stable.size,
            metered: c.module?.metered ?? false,
            settings: saveSettings(c.settings)
        };
        writeAtomic(metaPath, JSON.stringify(meta, null, 1));
        c.dirty = false;
    }
    for (const name of readdirSync(canistersDir)) {
        if (!ids.includes(name)) rmSync(join(canistersDir, name), { recursive: true, force: true });
    }
    const state: StateFile = {
        format: FORMAT,
        timeNs: ic.clock.nowNs().toString(),
        nextCanisterId: ic.nextCanisterId.toString(),
        randCounter: ic.randCounter.toString(),
        canisters: ids
    };
    writeAtomic(join(dir, 'state.json'), JSON.stringify(state, null, 1));
    if (ic.cyclesLedger) {
        const ledger = { blocks: ic.cyclesLedger.blocks.toString(), balances: Object.fromEntries([...ic.cyclesLedger.balances].map(([k, v]) => [k, v.toString()])) };
        writeAtomic(join(dir, 'cycles_ledger.json'), JSON.stringify(ledger));
    }
    if (storesAttached.get(ic) !== dir) {
        ic.attachTimeStore(clockStore(dir));
        storesAttached.set(ic, dir);
    }
}

/** True when `dir` holds a saved state. */
export function hasState(dir: string): boolean {
    return existsSync(join(dir, 'state.json'));
}

export function loadState(dir: string, options: LocalIcOptions = {}): LocalIcImpl {
    const state = JSON.parse(readFileSync(join(dir, 'state.json'), 'utf8')) as StateFile;
    if (state.format !== FORMAT) throw new Error(`unsupported localnet state format ${state.format}`);
    const savedTime = BigInt(state.timeNs);
    const mark = readClock(dir);
    const floor = mark && BigInt(mark.highWaterNs) > savedTime ? BigInt(mark.highWaterNs) : savedTime;
    const ic = new LocalIcImpl(options.clock === 'wall' ? options : { ...options, startTimeNs: floor });
    ic.resumeTime(mark ? BigInt(mark.offsetNs) : 0n, floor);
    ic.nextCanisterId = BigInt(state.nextCanisterId);
    ic.randCounter = BigInt(state.randCounter);
    for (const id of state.canisters) {
        const cdir = join(dir, 'canisters', id);
        const meta = JSON.parse(readFileSync(join(cdir, 'meta.json'), 'utf8')) as MetaFile;
        const c = new Canister(
            Principal.fromText(id),
            meta.controllers.map((p) => Principal.fromText(p)),
            BigInt(meta.cycles)
        );
        c.status = meta.status === 'stopping' ? 'stopped' : meta.status;
        c.version = BigInt(meta.version);
        c.certifiedData = new Uint8Array(Buffer.from(meta.certifiedData, 'hex'));
        c.timerDeadline = BigInt(meta.timerDeadline);
        c.settings = loadSettings(meta.settings);
        const raw = readFileSync(join(cdir, 'stable.bin'));
        const pages: [number, Uint8Array][] = [];
        for (let p = 0; p + 4 + PAGE <= raw.length; p += 4 + PAGE) {
            pages.push([raw.readUInt32LE(p), new Uint8Array(raw.subarray(p + 4, p + 4 + PAGE))]);
        }
        c.stable = StableMemory.restore(meta.stablePages, pages);
        if (meta.moduleHash !== null) {
            const wasm = new Uint8Array(readFileSync(join(cdir, 'module.wasm')));
            const prepared = ic.prepare(wasm, c.id);
            const heap = new Uint8Array(readFileSync(join(cdir, 'heap.bin')));
            const globals = meta.globals.map((g) => ('b' in g ? BigInt(g.b) : g.n));
            // Metering keeps the module's own global indices, so the exported globals match either way.
            ic.restoreRuntime(c, prepared, heap, globals);
        }
        c.dirty = false;
        ic.addCanister(c);
    }
    const ledgerFile = join(dir, 'cycles_ledger.json');
    if (ic.cyclesLedger && existsSync(ledgerFile)) {
        const saved = JSON.parse(readFileSync(ledgerFile, 'utf8')) as { blocks: string; balances: Record<string, string> };
        ic.cyclesLedger.blocks = BigInt(saved.blocks);
        for (const [k, v] of Object.entries(saved.balances)) ic.cyclesLedger.balances.set(k, BigInt(v));
    }
    ic.attachTimeStore(clockStore(dir));
    storesAttached.set(ic, dir);
    return ic;
}
