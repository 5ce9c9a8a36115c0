import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';
import { instrumentForMetering } from '../../src/wasm/instrument.js';
import { meter, plain } from './harness.js';

/** Compiles WAT with binaryen (all features on); `names` keeps the name section. */
function wat(text: string, names = false): Uint8Array<ArrayBuffer> {
    const module = binaryen.parseText(text);
    module.setFeatures(binaryen.Features.All);
    if (!module.validate()) throw new Error('invalid test module');
    binaryen.setDebugInfo(names);
    try {
        return new Uint8Array(module.emitBinary());
    } finally {
        binaryen.setDebugInfo(false);
        module.dispose();
    }
}

const program = wat(`
(module
  (memory 1 4)
  (data $d "\\01\\02\\03\\04\\05\\06\\07\\08\\09\\0a\\0b\\0c\\0d\\0e\\0f\\10")
  (type $bin (func (param i32 i32) (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) $add $mul)
  (func $add (type $bin) (i32.add (local.get 0) (local.get 1)))
  (func $mul (type $bin) (i32.mul (local.get 0) (local.get 1)))
  (func (export "fib") (param i64) (result i64)
    (if (result i64) (i64.lt_u (local.get 0) (i64.const 2))
      (then (local.get 0))
      (else (i64.add (call 2 (i64.sub (local.get 0) (i64.const 1)))
                     (call 2 (i64.sub (local.get 0) (i64.const 2)))))))
  (func (export "dispatch") (param i32 i32 i32) (result i32)
    (call_indirect (type $bin) (local.get 1) (local.get 2) (local.get 0)))
  (func (export "simd") (result i32)
    (memory.init $d (i32.const 0) (i32.const 0) (i32.const 16))
    (v128.store (i32.const 16)
      (i32x4.add (v128.load (i32.const 0)) (i8x16.shuffle 15 14 13 12 11 10 9 8 7 6 5 4 3 2 1 0 (v128.load (i32.const 0)) (v128.const i32x4 0 0 0 0))))
    (i32.add (i32x4.extract_lane 2 (v128.load (i32.const 16)))
             (i8x16.extract_lane_u 1 (i8x16.splat (i32.const 200)))))
  (func (export "bulk") (result i32)
    (memory.fill (i32.const 100) (i32.const 9) (i32.const 50))
    (memory.copy (i32.const 300) (i32.const 90) (i32.const 40))
    (data.drop $d)
    (i32.add (i32.load8_u (i32.const 320)) (i32.load8_u (i32.const 335))))
  (func (export "numeric") (param f64) (result i64)
    (i64.add (i64.trunc_sat_f64_s (local.get 0))
             (i64.extend8_s (i64.const 0xff))))
  (func (export "multi") (param i32) (result i32)
    (local.get 0)
    (i32.const 3)
    (block $b (param i32 i32) (result i32)
      (i32.add)
      (br_if $b (i32.const 1))
      (drop)
      (i32.const 0)))
  (func (export "switch") (param i32) (result i32)
    (block $c (block $b (block $a (br_table $a $b $c (local.get 0))) (return (i32.const 1))) (return (i32.const 2)))
    (select (result i32) (i32.const 3) (i32.const 4) (local.get 0)))
  (func (export "grow") (result i32)
    (drop (memory.grow (i32.const 1)))
    (memory.size))
)`);

describe('instrumented modules behave like the originals', () => {
    const m = meter(program);
    const o = plain(program);
    const cases: [string, unknown[]][] = [
        ['fib', [20n]],
        ['dispatch', [0, 6, 7]],
        ['dispatch', [1, 6, 7]],
        ['simd', []],
        ['bulk', []],
        ['numeric', [-1e30]],
        ['numeric', [12.9]],
        ['multi', [4]],
        ['switch', [0]],
        ['switch', [1]],
        ['switch', [2]],
        ['switch', [9]],
        ['grow', []]
    ];

    it.each(cases)('%s(%o)', (name, args) => {
        const { result, count } = m.run(name, ...args);
        expect(result).toEqual((o[name] as (...a: unknown[]) => unknown)(...args));
        expect(count).toBeGreaterThan(0n);
    });

    it('counts grow with the work done', () => {
        const counts = [10n, 15n, 20n].map((n) => m.run('fib', n).count);
        expect(counts[1]! / counts[0]!).toBeGreaterThan(5n);
        expect(counts[2]! / counts[1]!).toBeGreaterThan(5n);
    });

    it('exports imported mutable globals too, and reuses an existing table export', () => {
        const module = wat(`(module
          (import "env" "g" (global $g (mut i32)))
          (global $h (mut i64) (i64.const 1))
          (global $k i32 (i32.const 2))
          (table $t (export "tbl") 1 funcref)
          (func (export "set") (global.set $g (i32.const 5)) (global.set $h (i64.const 6))))`);
        const g = new WebAssembly.Global({ value: 'i32', mutable: true }, 0);
        const m = meter(module, { env: { g } });
        expect(m.info).toMatchObject({ mutableGlobalExports: ['__localnet_global_0', '__localnet_global_1'], tableExport: 'tbl' });
        m.run('set');
        expect(g.value).toBe(5);
        expect((m.exports.__localnet_global_0 as WebAssembly.Global).value).toBe(5);
        expect((m.exports.__localnet_global_1 as WebAssembly.Global).value).toBe(6n);
    });

    it('keeps function names for stack traces', () => {
        const named = wat(`(module (func $outer (export "go") (call $inner_trap)) (func $inner_trap (unreachable)))`, true);
        const exports = plain(instrumentForMetering(named).bytes, { __localnet: { out_of_instructions: () => {} } });
        expect(() => (exports.go as () => void)()).toThrow(/unreachable/);
        try {
            (exports.go as () => void)();
        } catch (e) {
            expect((e as Error).stack).toMatch(/inner_trap[\s\S]*outer/);
        }
    });
});
