import { describe, expect, it } from 'vitest';
import { METERING_EXPORTS, METERING_IMPORT, WasmFormatError, instrumentForMetering } from '../../src/wasm/instrument.js';
import { I32, I64, activeElem, assemble, code, op, passiveExprElem, type ModuleSpec } from './assemble.js';
import { customSections, meter, plain } from './harness.js';

const FUNCREF = 0x70;
const tableSet = [0x26, 0x00];

// Function indices: 0 env.add10, 1 env.twice, then 2.. the functions below in order.
const spec: ModuleSpec = {
    extraTypes: [{ params: [I32], results: [I32] }],
    imports: [
        { module: 'env', name: 'add10', params: [I32], results: [I32] },
        { module: 'env', name: 'twice', params: [I32], results: [I32] }
    ],
    table: 4,
    globals: [
        { type: I32, mutable: true, init: op.i32Const(0) },
        { type: I32, mutable: false, init: op.i32Const(7) },
        { type: I64, mutable: true, init: op.i64Const(5) },
        { type: FUNCREF, mutable: false, init: op.refFunc(4) }
    ],
    elements: [activeElem(0, [3, 4, 1]), passiveExprElem([4, 3])],
    start: 9,
    funcs: [
        /* 2 */ { export: 'viaCall', params: [I32], results: [I32], body: code(op.localGet(0), op.call(0), op.call(3)) },
        /* 3 */ { export: 'double', params: [I32], results: [I32], body: code(op.localGet(0), op.localGet(0), op.i32Add()) },
        /* 4 */ { params: [I32], results: [I32], body: code(op.localGet(0), op.i32Const(1), op.i32Add()) },
        /* 5 */ { export: 'viaTable', params: [I32], results: [I32], body: code(op.i32Const(5), op.localGet(0), op.callIndirect(0)) },
        /* 6 */ { export: 'initTable', body: code(op.i32Const(3), op.i32Const(0), op.i32Const(1), op.tableInit(1)) },
        /* 7 */ { export: 'setSlot', body: code(op.i32Const(3), op.refFunc(3), tableSet) },
        /* 8 */ {
            export: 'viaGlobal',
            params: [I32],
            results: [I32],
            body: code(op.i32Const(2), op.globalGet(3), tableSet, op.localGet(0), op.i32Const(2), op.callIndirect(0))
        },
        /* 9 */ { body: code(op.i32Const(21), op.call(3), op.globalSet(0)) },
        /* 10 */ { export: 'bump', body: code(op.globalGet(2), op.i64Const(1), [0x7c], op.globalSet(2)) },
        /* 11 */ { export: 'readG0', results: [I32], body: code(op.globalGet(0), op.globalGet(1), op.i32Add()) }
    ],
    custom: [
        { name: 'icp:public candid:service', data: [...new TextEncoder().encode('service : { hello : () -> (text) query }')] },
        { name: 'icp:private secret', data: [1, 2, 3] },
        { name: 'producers', data: [0] }
    ]
};
const module = assemble(spec);
const env = { env: { add10: (x: number) => x + 10, twice: (x: number) => x * 2 } };

describe('module rewrite', () => {
    it('produces a valid module with the metering import and exports', () => {
        const { bytes } = instrumentForMetering(module);
        expect(WebAssembly.validate(bytes)).toBe(true);
        const compiled = new WebAssembly.Module(bytes);
        expect(WebAssembly.Module.imports(compiled).at(-1)).toEqual({ module: METERING_IMPORT.module, name: METERING_IMPORT.outOfInstructions, kind: 'function' });
        const exports = Object.fromEntries(WebAssembly.Module.exports(compiled).map((e) => [e.name, e.kind]));
        expect(exports).toMatchObject({ [METERING_EXPORTS.counter]: 'global', [METERING_EXPORTS.limit]: 'global', viaCall: 'function' });
    });

    it('renumbers calls, call_indirect targets, element segments, ref.func, globals, exports and start', () => {
        const m = meter(module, env);
        const o = plain(module, env);
        const cases: [string, number?][] = [['viaCall', 5], ['double', 4], ['viaTable', 0], ['viaTable', 1], ['viaTable', 2], ['viaGlobal', 5], ['readG0']];
        for (const [name, arg] of cases) {
            expect(m.run(name, arg).result, name).toBe((o[name] as (x?: number) => number)(arg));
        }
        expect(m.run('viaCall', 5).result).toBe(30);
        expect(m.run('readG0').result).toBe(49);
        for (const exports of [m.exports, o]) {
            (exports.initTable as () => void)();
            expect((exports.viaTable as (x: number) => number)(3)).toBe(6);
            (exports.setSlot as () => void)();
            expect((exports.viaTable as (x: number) => number)(3)).toBe(10);
        }
    });

    it('exports every mutable global, live', () => {
        const m = meter(module, env);
        expect(m.info.mutableGlobalExports).toEqual(['__localnet_global_0', '__localnet_global_2']);
        const g0 = m.exports.__localnet_global_0 as WebAssembly.Global;
        const g2 = m.exports.__localnet_global_2 as WebAssembly.Global;
        expect(g0.value).toBe(42); // written by the start function
        m.run('bump');
        expect(g2.value).toBe(6n);
        g0.value = 1;
        expect(m.run('readG0').result).toBe(8);
    });

    it('exports the table and memory, reusing existing export names', () => {
        const m = meter(module, env);
        expect(m.info.tableExport).toBe('__localnet_table');
        expect(m.exports.__localnet_table).toBeInstanceOf(WebAssembly.Table);
        expect(m.info.memoryExport).toBe('memory'); // the module had none: a 0-page memory is added
        expect((m.exports.memory as WebAssembly.Memory).buffer.byteLength).toBe(0);

        const withMemory = meter(assemble({ memory: 2, exportMemoryAs: 'mem', funcs: [{ body: [] }] }));
        expect(withMemory.info).toMatchObject({ memoryExport: 'mem', tableExport: null, mutableGlobalExports: [] });
        expect((withMemory.exports.mem as WebAssembly.Memory).buffer.byteLength).toBe(2 * 65536);
    });

    it('keeps custom sections byte for byte and in order', () => {
        const { bytes } = instrumentForMetering(module);
        expect(customSections(bytes)).toEqual(customSections(module));
        expect(customSections(module).map((s) => s.name)).toEqual(['icp:public candid:service', 'icp:private secret', 'producers']);
    });

    it('handles a module without imports, globals or exports', () => {
        const bare = assemble({ funcs: [{ body: code(op.nop()) }] });
        const m = meter(bare);
        expect(m.info).toMatchObject({ mutableGlobalExports: [], tableExport: null, memoryExport: 'memory' });
    });

    it('fails clearly on unsupported or malformed input', () => {
        const gc = assemble({ funcs: [{ body: [0xfb, 0x00, 0x00, 0x1a] }] });
        expect(() => instrumentForMetering(gc)).toThrow(/unsupported opcode 0xfb/);
        expect(() => instrumentForMetering(new Uint8Array([1, 2, 3]))).toThrow(WasmFormatError);
        const clash = assemble({ funcs: [{ body: [], export: METERING_EXPORTS.limit }] });
        expect(() => instrumentForMetering(clash)).toThrow(/already exports "__localnet_limit"/);
    });
});
