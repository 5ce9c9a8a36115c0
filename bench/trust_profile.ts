// trustProfile, contractSignals and the trust status hook at two provider sizes, seeding only what
// they read: one provider's paid, provisioned contracts (benchSeed) from a few tenants.
//   npx tsx bench/trust_profile.ts            (BENCH_TP_SMALL=100, BENCH_TP_LARGE=1000)
// Limits: trustProfile ≤ 30M, every large/small ratio ≤ 1.2.
import { performance } from 'node:perf_hooks';
import { Principal } from '@dfinity/principal';
import { approve, controller, errKind, ok, provider, setupProvider, stranger, tenant, world, type World } from '../canisters/marketplace/test/canister/fixture.js';

const SIZES = [Number(process.env.BENCH_TP_SMALL ?? 100), Number(process.env.BENCH_TP_LARGE ?? 1_000)];
const CHUNK = 50;
const TENANTS = 10;
const RATIO_LIMIT = 1.2;
const PROFILE_LIMIT = 30_000_000n;
const fmt = (n: bigint): string => `${(Number(n) / 1e6).toFixed(2)}M`;
const payer = (i: number): Principal => (i === 0 ? tenant : Principal.fromUint8Array(Uint8Array.of(0x7d, i)));

async function measure(w: World, f: () => Promise<unknown>): Promise<bigint> {
    const r = await f();
    if (r !== null && typeof r === 'object' && 'Err' in r) throw new Error(`bench call failed: ${errKind(r)}`);
    return w.pic.lastInstructions;
}

async function median(w: World, f: () => Promise<unknown>): Promise<bigint> {
    const xs: bigint[] = [];
    for (let i = 0; i < 3; i++) xs.push(await measure(w, f));
    return xs.sort((a, b) => (a < b ? -1 : 1))[1]!;
}

async function run(n: number): Promise<Record<string, bigint>> {
    const t0 = performance.now();
    const w = await world({ balances: [[tenant, 10n ** 17n]], benchMode: true });
    const oid = await setupProvider(w, { stock: 1_000_000 });
    const quote = ok<any>(await w.as(tenant).requestContract(oid, 720)).quote[0].amount as bigint;
    ok(await w.ledgerAs(tenant).icrc1_transfer({ to: { owner: w.marketId, subaccount: [] }, amount: quote * 2n * BigInt(n), fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
    for (let done = 0, k = 0; done < n; done += CHUNK, k++) ok(await w.as(controller).benchSeed(oid, payer(k % TENANTS), Math.min(CHUNK, n - done), 720));
    console.log(`  seeded ${n} contracts in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    const anon = w.as(stranger);
    const t = w.as(tenant);
    const trustProfile = await median(w, () => anon.trustProfile(provider));
    const signalsId = BigInt(3);
    const contractSignals = await median(w, () => w.as(provider).contractSignals(signalsId));
    const c = ok<any>(await t.requestContract(oid, 720));
    await approve(w, tenant, c.quote[0].amount * 2n);
    const fund = await measure(w, () => t.fund(c.id));
    const cancelContract = await measure(w, () => t.cancelContract(c.id, 'bench'));
    const u = ok<any>(await t.requestContract(oid, 720));
    const cancelUnpaid = await measure(w, () => t.cancelContract(u.id, 'bench'));
    const ping = await median(w, () => t.ping());
    return { trustProfile, contractSignals, fund, cancelContract, cancelUnpaid, ping };
}

const results: Record<string, bigint>[] = [];
for (const n of SIZES) {
    console.log(`[${n} contracts]`);
    results.push(await run(n));
}
const misses: string[] = [];
for (const k of Object.keys(results[0]!)) {
    const [a, b] = [results[0]![k]!, results[results.length - 1]![k]!];
    console.log(`${k.padEnd(18)} ${SIZES.map((n, i) => `${n}: ${fmt(results[i]![k]!)}`).join('  ')}  ratio ${(Number(b) / Number(a)).toFixed(3)}`);
    if (Number(b) / Number(a) > RATIO_LIMIT) misses.push(`${k} ratio ${(Number(b) / Number(a)).toFixed(3)} > ${RATIO_LIMIT}`);
}
if (results.some((r) => r.trustProfile! > PROFILE_LIMIT)) misses.push(`trustProfile above ${fmt(PROFILE_LIMIT)}`);
for (const m of misses) console.error(`MISS: ${m}`);
if (misses.length > 0) process.exitCode = 1;
