// Figures for the in-process IC (localnet/src/ic): module load (compile, instrument uncached and
// cached), canister init, host overhead per small update call, and the slowdown from metering.
// `npx tsx bench/localnet.ts` (BENCH_CALLS to change the number of calls, default 1000).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';

import { buildAzleCanisterCached, clearModuleCache, instrumentForMetering, LocalIcImpl, LocalPocketIc, prepareModule } from '@trustcloud/localnet';

const CALLS = Number(process.env.BENCH_CALLS ?? 1000);
const root = join(dirname(fileURLToPath(import.meta.url)), '..');

function median(xs: number[]): number {
    const s = [...xs].sort((a, b) => a - b);
    return s[Math.floor(s.length / 2)]!;
}
function ms(x: number): string {
    return `${x.toFixed(2)} ms`;
}

const wasm = new Uint8Array(readFileSync(buildAzleCanisterCached(join(root, 'localnet/test/canister'), 'probe').wasm));
console.log(`probe canister: ${(wasm.length / 1e6).toFixed(2)} MB`);

// ---- module load ----
const cache = mkdtempSync(join(tmpdir(), 'localnet-bench-cache-'));
process.env.LOCALNET_CACHE_DIR = cache;
try {
    clearModuleCache();
    let t = performance.now();
    prepareModule(wasm, null);
    const plainLoad = performance.now() - t;
    clearModuleCache();
    t = performance.now();
    prepareModule(wasm, instrumentForMetering);
    const meteredUncached = performance.now() - t;
    clearModuleCache();
    t = performance.now();
    prepareModule(wasm, instrumentForMetering);
    const meteredDiskCached = performance.now() - t;
    t = performance.now();
    prepareModule(wasm, instrumentForMetering);
    const meteredMemCached = performance.now() - t;
    console.log('\nmodule load');
    console.log(`  compile, no metering (parse + export patch + compile): ${ms(plainLoad)}`);
    console.log(`  instrument + compile, uncached:                       ${ms(meteredUncached)}`);
    console.log(`  instrument + compile, disk-cached instrumented bytes: ${ms(meteredDiskCached)}`);
    console.log(`  in-memory cache hit (same process):                   ${ms(meteredMemCached)}`);
} finally {
    rmSync(cache, { recursive: true, force: true });
    delete process.env.LOCALNET_CACHE_DIR;
}

// ---- init ----
async function setup(metering: boolean): Promise<{ pic: LocalPocketIc; canisterId: Principal; initMs: number }> {
    const pic = await LocalPocketIc.create({ metering });
    const canisterId = await pic.createCanister();
    prepareModule(wasm, metering ? instrumentForMetering : null); // compile outside the timing
    const t = performance.now();
    await pic.installCode({ canisterId, wasm });
    return { pic, canisterId, initMs: performance.now() - t };
}

const metered = await setup(true);
const plain = await setup(false);
console.log('\ninstall_code (instantiate + canister_init)');
console.log(`  metered: ${ms(metered.initMs)} (${pic(metered).lastInstructions.toLocaleString()} instructions)`);
console.log(`  plain:   ${ms(plain.initMs)}`);

function pic(x: { pic: LocalPocketIc }): LocalPocketIc {
    return x.pic;
}

// ---- host overhead per small update ----
const incArg = new Uint8Array(IDL.encode([], []));
function overhead(ic: LocalIcImpl, canisterId: Principal, method: string, arg: Uint8Array, n: number) {
    const walls: number[] = [];
    const hosts: number[] = [];
    const wasmTimes: number[] = [];
    for (let i = 0; i < n; i++) {
        const w0 = ic.stats.wasmMs;
        const t = performance.now();
        const o = ic.update({ sender: Principal.anonymous(), canisterId, methodName: method, arg });
        const wall = performance.now() - t;
        if (o.status !== 'replied') throw new Error(JSON.stringify(o));
        const inWasm = ic.stats.wasmMs - w0;
        walls.push(wall);
        wasmTimes.push(inWasm);
        hosts.push(wall - inWasm);
    }
    return { wall: median(walls), host: median(hosts), wasm: median(wasmTimes) };
}

for (let i = 0; i < 50; i++) overhead(metered.pic.ic, metered.canisterId, 'inc', incArg, 1); // warm-up
const m = overhead(metered.pic.ic, metered.canisterId, 'inc', incArg, CALLS);
for (let i = 0; i < 50; i++) overhead(plain.pic.ic, plain.canisterId, 'inc', incArg, 1);
const p = overhead(plain.pic.ic, plain.canisterId, 'inc', incArg, CALLS);
const heapMb = metered.pic.ic.canister(metered.canisterId)!.runtime!.heapSize / 1e6;
console.log(`\nsmall update call 'inc' (median of ${CALLS}; heap ${heapMb.toFixed(1)} MB)`);
console.log(`  metered: wall ${ms(m.wall)} = in canister ${ms(m.wasm)} + host ${ms(m.host)}`);
console.log(`  plain:   wall ${ms(p.wall)} = in canister ${ms(p.wasm)} + host ${ms(p.host)}`);
console.log(`  host overhead per call (target <= 5 ms): ${ms(Math.max(m.host, p.host))}`);

// queries (snapshot + restore)
function queryTimes(ic: LocalIcImpl, canisterId: Principal, n: number) {
    const walls: number[] = [];
    const hosts: number[] = [];
    for (let i = 0; i < n; i++) {
        const w0 = ic.stats.wasmMs;
        const t = performance.now();
        ic.query({ sender: Principal.anonymous(), canisterId, methodName: 'getCounter', arg: incArg });
        const wall = performance.now() - t;
        walls.push(wall);
        hosts.push(wall - (ic.stats.wasmMs - w0));
    }
    return { wall: median(walls), host: median(hosts) };
}
const q = queryTimes(metered.pic.ic, metered.canisterId, CALLS);
console.log(`  query 'getCounter' (metered): wall ${ms(q.wall)}, host ${ms(q.host)}`);

// ---- metering slowdown ----
function workload(x: { pic: LocalPocketIc; canisterId: Principal }, method: string, arg: Uint8Array, runs: number): number {
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
        const w0 = x.pic.ic.stats.wasmMs;
        const o = x.pic.ic.update({ sender: Principal.anonymous(), canisterId: x.canisterId, methodName: method, arg });
        if (o.status !== 'replied') throw new Error(JSON.stringify(o));
        times.push(x.pic.ic.stats.wasmMs - w0);
    }
    return median(times);
}
console.log('\nmetering slowdown (time inside the canister, median; target <= 2x)');
const loads: [string, string, Uint8Array, number][] = [
    ['inc (small update)', 'inc', incArg, 200],
    ['work(200000) (JS loop)', 'work', new Uint8Array(IDL.encode([IDL.Nat32], [200_000])), 15],
    ['putMany(50, 100) (StableBTreeMap)', 'putMany', new Uint8Array(IDL.encode([IDL.Nat32, IDL.Nat32], [50, 100])), 15]
];
for (const [label, method, arg, runs] of loads) {
    workload(metered, method, arg, 3);
    workload(plain, method, arg, 3);
    const mt = workload(metered, method, arg, runs);
    const pt = workload(plain, method, arg, runs);
    const o = metered.pic.ic.update({ sender: Principal.anonymous(), canisterId: metered.canisterId, methodName: method, arg });
    console.log(
        `  ${label.padEnd(36)} metered ${ms(mt)}  plain ${ms(pt)}  ×${(mt / pt).toFixed(2)}  (${o.instructions.toLocaleString()} instructions)`
    );
}
