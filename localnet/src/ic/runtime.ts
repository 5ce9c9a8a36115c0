// One instantiated canister module with transactional heap: `begin` snapshots the heap (into a
// reusable buffer) and the mutable globals, `rollback` restores them — in place when the memory
// did not grow, otherwise by re-instantiating the compiled module with a fresh memory of the
// pre-message size (WebAssembly memories cannot shrink).
import { COUNTER_EXPORT, LIMIT_EXPORT, type PreparedModule } from './module.js';

const WASM_PAGE = 65536;

export class WasmRuntime {
    instance!: WebAssembly.Instance;
    memory!: WebAssembly.Memory;
    table: WebAssembly.Table | null = null;
    private globals: WebAssembly.Global[] = [];
    private counter: WebAssembly.Global | null = null;
    private limit: WebAssembly.Global | null = null;

    private snapshot = new Uint8Array(0);
    private snapshotLength = 0;
    /** The snapshot equals the current heap (no successful change since it was taken). */
    private snapshotValid = false;
    private globalsSnapshot: (number | bigint)[] = [];

    constructor(
        readonly prepared: PreparedModule,
        private readonly imports: WebAssembly.Imports
    ) {
        this.instantiate();
    }

    private instantiate(): void {
        this.instance = new WebAssembly.Instance(this.prepared.module, this.imports);
        const ex = this.instance.exports;
        const memory = ex[this.prepared.memoryExport];
        if (!(memory instanceof WebAssembly.Memory)) throw new Error('canister module exports no memory');
        this.memory = memory;
        const table = this.prepared.tableExport ? ex[this.prepared.tableExport] : undefined;
        this.table = table instanceof WebAssembly.Table ? table : null;
        this.globals = this.prepared.mutableGlobalExports.map((n) => ex[n] as WebAssembly.Global);
        this.counter = (ex[COUNTER_EXPORT] as WebAssembly.Global | undefined) ?? null;
        this.limit = (ex[LIMIT_EXPORT] as WebAssembly.Global | undefined) ?? null;
    }

    get metered(): boolean {
        return this.counter !== null;
    }

    hasExport(name: string): boolean {
        return this.prepared.functionExports.has(name);
    }

    /** Instructions executed since `resetInstructions`. */
    instructions(): bigint {
        return this.counter ? BigInt(this.counter.value as bigint) : 0n;
    }

    resetInstructions(limit: bigint): void {
        if (this.counter) this.counter.value = 0n;
        if (this.limit) this.limit.value = limit;
    }

    /** Takes the pre-message snapshot (a no-op when the snapshot is still current). */
    begin(): void {
        if (!this.snapshotValid) {
            const len = this.memory.buffer.byteLength;
            if (this.snapshot.length < len) this.snapshot = new Uint8Array(len + 16 * WASM_PAGE);
            this.snapshot.set(new Uint8Array(this.memory.buffer, 0, len));
            this.snapshotLength = len;
            this.globalsSnapshot = this.globals.map((g) => g.value as number | bigint);
            this.snapshotValid = true;
        }
    }

    commit(): void {
        this.snapshotValid = false;
    }

    /** Restores the heap and globals saved by `begin`. */
    rollback(): void {
        if (!this.snapshotValid) throw new Error('rollback without snapshot');
        if (this.memory.buffer.byteLength !== this.snapshotLength) {
            this.instantiate();
            const pages = this.snapshotLength / WASM_PAGE - this.memory.buffer.byteLength / WASM_PAGE;
            if (pages > 0) this.memory.grow(pages);
        }
        new Uint8Array(this.memory.buffer).set(this.snapshot.subarray(0, this.snapshotLength));
        this.globals.forEach((g, i) => {
            g.value = this.globalsSnapshot[i]!;
        });
    }

    /** Current heap and globals (for persistence). */
    exportState(): { heap: Uint8Array; globals: (number | bigint)[] } {
        return {
            heap: new Uint8Array(this.memory.buffer).slice(),
            globals: this.globals.map((g) => g.value as number | bigint)
        };
    }

    /** Loads a persisted heap and globals into a freshly instantiated runtime. */
    importState(heap: Uint8Array, globals: (number | bigint)[]): void {
        const pages = heap.length / WASM_PAGE - this.memory.buffer.byteLength / WASM_PAGE;
        if (pages > 0) this.memory.grow(pages);
        const mem = new Uint8Array(this.memory.buffer);
        mem.set(heap);
        mem.fill(0, heap.length);
        this.globals.forEach((g, i) => {
            const v = globals[i];
            if (v !== undefined) g.value = v;
        });
        this.snapshotValid = false;
    }

    callExport(name: string, ...args: number[]): void {
        const f = this.instance.exports[name];
        if (typeof f !== 'function') throw new Error(`no export ${name}`);
        (f as (...a: number[]) => unknown)(...args);
    }

    callTable(index: number, env: number): void {
        if (!this.table) throw new Error('module has no function table');
        const f = this.table.get(index) as ((env: number) => unknown) | null;
        if (typeof f !== 'function') throw new TypeError(`table index ${index} is not a function`);
        f(env);
    }

    get heapSize(): number {
        return this.memory.buffer.byteLength;
    }
}
