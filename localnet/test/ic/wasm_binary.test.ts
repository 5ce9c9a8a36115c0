import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';

import { exposeTableAndGlobals, readModuleInfo } from '../../src/ic/wasm_binary.js';

function wat(text: string): Uint8Array {
    const m = binaryen.parseText(text);
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
}

describe('wasm_binary: exporting the table and mutable globals', () => {
    it('adds an export section when there is none', () => {
        const bytes = wat(`(module (memory 1) (table 2 funcref) (global $a (mut i32) (i32.const 5)) (global $b i64 (i64.const 1))
            (global $c (mut i64) (i64.const 9)) (func $f) (elem (i32.const 0) $f))`);
        const r = exposeTableAndGlobals(bytes);
        const exports = WebAssembly.Module.exports(new WebAssembly.Module(r.bytes as Uint8Array<ArrayBuffer>));
        expect(r.tableExport).toBe('__localnet_table');
        expect(r.mutableGlobalExports).toEqual(['__localnet_global_0', '__localnet_global_2']);
        expect(exports.map((e) => e.name).sort()).toEqual(['__localnet_global_0', '__localnet_global_2', '__localnet_table']);
    });

    it('appends to an existing export section and reuses existing exports', () => {
        const bytes = wat(`(module (memory (export "memory") 1) (table (export "t") 1 funcref) (global $g (export "g") (mut i32) (i32.const 1))
            (global $h (mut i32) (i32.const 2)) (func (export "canister_update x")))`);
        const r = exposeTableAndGlobals(bytes);
        const inst = new WebAssembly.Instance(new WebAssembly.Module(r.bytes as Uint8Array<ArrayBuffer>), {});
        expect(r.tableExport).toBe('t');
        expect(r.mutableGlobalExports).toEqual(['g', '__localnet_global_1']);
        expect((inst.exports.__localnet_global_1 as WebAssembly.Global).value).toBe(2);
        expect(readModuleInfo(r.bytes).exports.length).toBe(5);
    });

    it('reads icp:public / icp:private custom sections', () => {
        const base = wat('(module (memory 1))');
        const enc = new TextEncoder();
        const section = (name: string, content: string): number[] => {
            const n = enc.encode(name);
            const c = enc.encode(content);
            return [0, n.length + 1 + c.length, n.length, ...n, ...c];
        };
        const bytes = new Uint8Array([...base, ...section('icp:public candid:service', 'service : {}'), ...section('icp:private x', 'y')]);
        const info = readModuleInfo(bytes);
        expect(info.customSections.map((s) => s.name)).toEqual(['icp:public candid:service', 'icp:private x']);
        expect(new TextDecoder().decode(info.customSections[0]!.content)).toBe('service : {}');
    });
});
