import { beforeAll, describe, expect, it } from 'vitest';
import { METERING_EXPORTS, METERING_IMPORT, instrumentForMetering, type InstrumentResult } from '../../src/wasm/instrument.js';
import { azleModule } from './azle_module.js';
import { OutOfInstructions, customSections } from './harness.js';
import { EMPTY_ARGS, nat32Arg, startCanister } from './stub_host.js';

/** Appends a custom section, as dfx does for `icp:public candid:service`. */
function withCustomSection(wasm: Uint8Array, name: string, content: Uint8Array): Uint8Array<ArrayBuffer> {
    const encodedName = new TextEncoder().encode(name);
    const body = [encodedName.length, ...encodedName, ...content];
    const size: number[] = [];
    for (let v = body.length; ; ) {
        const b = v & 0x7f;
        v >>>= 7;
        size.push(v ? b | 0x80 : b);
        if (!v) break;
    }
    return Uint8Array.from([...wasm, 0, ...size, ...body]);
}

function stubImports(module: WebAssembly.Module): WebAssembly.Imports {
    const ic0: Record<string, () => never> = {};
    for (const i of WebAssembly.Module.imports(module)) {
        if (i.module !== 'ic0') throw new Error(`unexpected import ${i.module}.${i.name}`);
        ic0[i.name] = () => {
            throw new Error(`ic0.${i.name} called`);
        };
    }
    return {
        ic0,
        [METERING_IMPORT.module]: {
            [METERING_IMPORT.outOfInstructions]: () => {
                throw new Error('out of instructions');
            }
        }
    };
}

describe('a real Azle 0.33 module', () => {
    let original: Uint8Array<ArrayBuffer>;
    let result: InstrumentResult;
    let firstRunMs: number;

    beforeAll(() => {
        const candid = new TextEncoder().encode('service : { hello : () -> (text) query }');
        original = withCustomSection(azleModule(), 'icp:public candid:service', candid);
        const started = performance.now();
        result = instrumentForMetering(original);
        firstRunMs = performance.now() - started;
    });

    it('is instrumented well under a second', () => {
        // ~0.1 s cold and ~0.05 s warm on an idle machine; generous bounds for loaded CI machines
        expect(firstRunMs).toBeLessThan(3000);
        const warm = Array.from({ length: 3 }, () => {
            const started = performance.now();
            instrumentForMetering(original);
            return performance.now() - started;
        });
        expect(Math.min(...warm)).toBeLessThan(500);
    });

    it('validates and instantiates with stub ic0 imports', () => {
        expect(WebAssembly.validate(result.bytes)).toBe(true);
        const module = new WebAssembly.Module(result.bytes);
        const instance = new WebAssembly.Instance(module, stubImports(new WebAssembly.Module(original)));
        const exports = instance.exports;
        expect(exports[METERING_EXPORTS.counter]).toBeInstanceOf(WebAssembly.Global);
        expect(exports[result.memoryExport]).toBeInstanceOf(WebAssembly.Memory);
        expect(exports[result.tableExport!]).toBeInstanceOf(WebAssembly.Table);
        expect(result.mutableGlobalExports.length).toBeGreaterThan(0);
        for (const name of result.mutableGlobalExports) expect(exports[name]).toBeInstanceOf(WebAssembly.Global);
    });

    it('keeps every original import and export, and all custom sections', () => {
        const before = new WebAssembly.Module(original);
        const after = new WebAssembly.Module(result.bytes);
        expect(WebAssembly.Module.imports(after).slice(0, -1)).toEqual(WebAssembly.Module.imports(before));
        expect(WebAssembly.Module.exports(after)).toEqual(expect.arrayContaining(WebAssembly.Module.exports(before)));
        expect(WebAssembly.Module.exports(before).map((e) => e.name)).toEqual(expect.arrayContaining(['canister_init', 'canister_query hello']));
        const sections = customSections(result.bytes);
        expect(sections).toEqual(customSections(original));
        expect(sections.map((s) => s.name)).toContain('icp:public candid:service');
        const candid = WebAssembly.Module.customSections(after, 'icp:public candid:service');
        expect(new TextDecoder().decode(candid[0])).toBe('service : { hello : () -> (text) query }');
    });

    it('runs exported code with the same results, and counts it', () => {
        const plainExports = new WebAssembly.Instance(new WebAssembly.Module(original), stubImports(new WebAssembly.Module(original))).exports;
        const instance = new WebAssembly.Instance(new WebAssembly.Module(result.bytes), stubImports(new WebAssembly.Module(original)));
        const counter = instance.exports[METERING_EXPORTS.counter] as WebAssembly.Global;
        for (const name of ['js_passive_data_size', 'wasm_data_passive_data_size']) {
            counter.value = 0n;
            expect((instance.exports[name] as () => number)(), name).toBe((plainExports[name] as () => number)());
            expect(counter.value).toBeGreaterThan(0n);
        }
    });
});

describe('a real Azle message under metering', () => {
    let plainModule: WebAssembly.Module;
    let meteredModule: WebAssembly.Module;

    beforeAll(() => {
        const wasm = azleModule();
        plainModule = new WebAssembly.Module(wasm);
        meteredModule = new WebAssembly.Module(instrumentForMetering(wasm).bytes);
    });

    function initialised(module: WebAssembly.Module) {
        const canister = startCanister(module);
        canister.message('canister_init', EMPTY_ARGS);
        return canister;
    }

    function counted(canister: ReturnType<typeof startCanister>, entry: string, arg: Uint8Array) {
        canister.counter!.value = 0n;
        const reply = canister.message(entry, arg);
        return { reply, count: canister.counter!.value as bigint };
    }

    it('replies exactly like the uninstrumented module, with deterministic counts', () => {
        const plain = initialised(plainModule);
        const a = initialised(meteredModule);
        const b = initialised(meteredModule);
        for (const [entry, arg] of [['canister_query hello', EMPTY_ARGS], ['canister_update work', nat32Arg(1000)]] as const) {
            const expected = plain.message(entry, arg);
            const first = counted(a, entry, arg);
            expect(first.reply).toEqual(expected);
            expect(counted(b, entry, arg)).toEqual(first);
        }
        // an empty-ish Azle message is around a million instructions (Azle's own benchmark: ~1.4M)
        const hello = counted(a, 'canister_query hello', EMPTY_ARGS).count;
        expect(hello).toBeGreaterThan(100_000n);
        expect(hello).toBeLessThan(10_000_000n);
    });

    it('counts grow with the work a message does', () => {
        const canister = initialised(meteredModule);
        const small = counted(canister, 'canister_update work', nat32Arg(1_000)).count;
        const large = counted(canister, 'canister_update work', nat32Arg(20_000)).count;
        expect(large).toBeGreaterThan(small * 5n);
    });

    it('stops a message that exceeds the limit', () => {
        const canister = initialised(meteredModule);
        canister.limit!.value = 2_000_000n;
        expect(() => canister.message('canister_update work', nat32Arg(1_000_000))).toThrow(OutOfInstructions);
        expect(canister.counter!.value as bigint).toBeGreaterThan(2_000_000n);
    });
});
