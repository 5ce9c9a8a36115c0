// Figures for instruction metering (localnet/src/wasm/instrument.ts): time to instrument a real Azle
// module, its size before/after, and the run-time slowdown of metered code.
// `npx tsx bench/metering.ts` (BENCH_RUNS to change the number of timed runs, default 7).
import binaryen from 'binaryen';
import { cpus, loadavg } from 'node:os';
import { METERING_EXPORTS, instrumentForMetering } from '@trustcloud/localnet';
import { azleModule, azleModulePath } from '../localnet/test/wasm/azle_module.js';
import { EMPTY_ARGS, nat32Arg, startCanister, type StartedCanister } from '../localnet/test/wasm/stub_host.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
}

function timeMs(f: () => unknown): number {
    const t = performance.now();
    f();
    return performance.now() - t;
}

/** Median time of `runs` calls after `warmup` untimed ones (so V8 has tiered up to TurboFan). */
function medianMs(f: () => unknown, runs = RUNS, warmup = 3): number {
    for (let i = 0; i < warmup; i++) f();
    return median(Array.from({ length: runs }, () => timeMs(f)));
}

/** Medians of alternating runs, so that load from other processes hits both sides alike. */
function compare(plain: () => unknown, metered: () => unknown, runs = RUNS, warmup = 5): [number, number] {
    for (let i = 0; i < warmup; i++) {
        plain();
        metered();
    }
    const p: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < runs; i++) {
        p.push(timeMs(plain));
        m.push(timeMs(metered));
    }
    return [median(p), median(m)];
}

const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 1)} ms`;
const ratio = (plain: number, metered: number) => `${(metered / plain).toFixed(2)}x`;

// CPU-heavy kernels: arithmetic in a tight loop, memory traffic, and call-heavy recursion.
const KERNELS_WAT = `
(module
  (memory 16)
  (func (export "arith") (param $n i32) (result i64)
    (local $x i64) (local $i i32)
    (local.set $x (i64.const 88172645463325252))
    (loop $l
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 13))))
      (local.set $x (i64.xor (local.get $x) (i64.shr_u (local.get $x) (i64.const 7))))
      (local.set $x (i64.xor (local.get $x) (i64.shl (local.get $x) (i64.const 17))))
      (br_if $l (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 1))) (local.get $n))))
    (local.get $x))
  (func (export "memory") (param $rounds i32) (result i32)
    (local $i i32) (local $acc i32)
    (loop $round
      (local.set $i (i32.const 4))
      (loop $scan
        (i32.store (local.get $i)
          (i32.add (i32.load (local.get $i)) (i32.add (i32.load (i32.sub (local.get $i) (i32.const 4))) (i32.const 1))))
        (if (i32.and (i32.load (local.get $i)) (i32.const 1))
          (then (local.set $acc (i32.add (local.get $acc) (i32.const 1)))))
        (br_if $scan (i32.lt_u (local.tee $i (i32.add (local.get $i) (i32.const 4))) (i32.const 1048576))))
      (br_if $round (local.tee $rounds (i32.sub (local.get $rounds) (i32.const 1)))))
    (local.get $acc))
  (func $fib (export "fib") (param $n i32) (result i32)
    (if (result i32) (i32.lt_u (local.get $n) (i32.const 2))
      (then (local.get $n))
      (else (i32.add (call $fib (i32.sub (local.get $n) (i32.const 1))) (call $fib (i32.sub (local.get $n) (i32.const 2))))))))`;

function kernels(): Uint8Array<ArrayBuffer> {
    const module = binaryen.parseText(KERNELS_WAT);
    try {
        return new Uint8Array(module.emitBinary());
    } finally {
        module.dispose();
    }
}

function instrumentationFigures(): void {
    const wasm = azleModule();
    const cold = timeMs(() => instrumentForMetering(wasm));
    const warm = medianMs(() => instrumentForMetering(wasm));
    const { bytes } = instrumentForMetering(wasm);
    console.log(`Azle module: ${azleModulePath()}`);
    console.log(`  instrument: first ${fmt(cold)}, then median ${fmt(warm)}`);
    console.log(`  size: ${wasm.length} -> ${bytes.length} bytes (+${(((bytes.length - wasm.length) / wasm.length) * 100).toFixed(1)}%)`);
}

function kernelFigures(): void {
    const wasm = kernels();
    const plain = new WebAssembly.Instance(new WebAssembly.Module(wasm)).exports;
    const metered = new WebAssembly.Instance(new WebAssembly.Module(instrumentForMetering(wasm).bytes), {
        __localnet: { out_of_instructions: () => {} }
    }).exports;
    const counter = metered[METERING_EXPORTS.counter] as WebAssembly.Global;
    console.log('Small CPU-heavy module (median of ' + RUNS + ' runs after warm-up):');
    for (const [name, arg] of [['arith', 30_000_000], ['memory', 60], ['fib', 30]] as const) {
        const [p, m] = compare(
            () => (plain[name] as (n: number) => unknown)(arg),
            () => (metered[name] as (n: number) => unknown)(arg)
        );
        counter.value = 0n;
        (metered[name] as (n: number) => unknown)(arg);
        const count = counter.value as bigint;
        console.log(`  ${`${name}(${arg})`.padEnd(18)} ${fmt(p).padStart(10)} -> ${fmt(m).padStart(10)}  ${ratio(p, m)}  (${count} instructions)`);
    }
}

function azleFigures(): void {
    const wasm = azleModule();
    const plainModule = new WebAssembly.Module(wasm);
    const meteredModule = new WebAssembly.Module(instrumentForMetering(wasm).bytes);
    const init = (m: WebAssembly.Module) => {
        const c = startCanister(m);
        c.message('canister_init', EMPTY_ARGS);
        return c;
    };
    const [initPlain, initMetered] = compare(() => init(plainModule), () => init(meteredModule), 3, 1);
    const plain = init(plainModule);
    const metered = init(meteredModule);
    const count = (c: StartedCanister, entry: string, arg: Uint8Array) => {
        c.counter!.value = 0n;
        c.message(entry, arg);
        return c.counter!.value as bigint;
    };
    console.log('Azle canister under a stub ic0 host (median after warm-up):');
    console.log(`  ${'canister_init'.padEnd(28)} ${fmt(initPlain).padStart(10)} -> ${fmt(initMetered).padStart(10)}  ${ratio(initPlain, initMetered)}`);
    for (const [entry, arg, label, runs] of [
        ['canister_query hello', EMPTY_ARGS, 'query hello', 201],
        ['canister_update work', nat32Arg(1_000), 'update work(1000)', 101],
        ['canister_update work', nat32Arg(200_000), 'update work(200000)', RUNS]
    ] as const) {
        const [p, m] = compare(() => plain.message(entry, arg), () => metered.message(entry, arg), runs, 20);
        console.log(`  ${label.padEnd(28)} ${fmt(p).padStart(10)} -> ${fmt(m).padStart(10)}  ${ratio(p, m)}  (${count(metered, entry, arg)} instructions)`);
    }
}

// timings on a loaded machine are noisy: say how loaded it was
console.log(`load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores; plain and metered runs alternate`);
instrumentationFigures();
kernelFigures();
azleFigures();
