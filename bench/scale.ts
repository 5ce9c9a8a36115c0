// The marketplace at two sizes: what each message costs when the canister holds a small and a
// large marketplace (localnet's deterministic per-call instruction counts). Every large/small
// ratio should stay ≤ 1.2: a message costs what it touches, not what is stored.
//   npx tsx bench/scale.ts                      (BENCH_SCALE=small|large|both, default both)
//   BENCH_LARGE_PROVIDERS=500 BENCH_LARGE_PER_PROVIDER=10 BENCH_LARGE_CONTRACTS=20000
import { performance } from 'node:perf_hooks';
import { Principal } from '@dfinity/principal';
import { HOUR_MS, approve, controller, errKind, ok, provider, setupProvider, stranger, tenant, world, type World } from '../canisters/marketplace/test/canister/fixture.js';

interface Size {
    name: string;
    providers: number;
    perProvider: number;
    contracts: number;
}

const env = (k: string, d: number): number => Number(process.env[k] ?? d);
const SIZES: Size[] = [
    { name: 'small', providers: env('BENCH_SMALL_PROVIDERS', 20), perProvider: 10, contracts: env('BENCH_SMALL_CONTRACTS', 1_000) },
    { name: 'large', providers: env('BENCH_LARGE_PROVIDERS', 500), perProvider: env('BENCH_LARGE_PER_PROVIDER', 10), contracts: env('BENCH_LARGE_CONTRACTS', 20_000) }
];
const UPDATE_LIMIT = 40_000_000_000n;
const QUERY_LIMIT = 5_000_000_000n;
const UPGRADE_LIMIT = 300_000_000_000n;
const SEED_CHUNK = 250;
const TENANTS = 100;

const ALL = { provider: [], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [], minBandwidthMbps: [], gpu: [], available: [], includeInactive: [], minTrustScore: [] };
const fmt = (n: bigint): string => `${(Number(n) / 1e6).toFixed(2)}M`;
const synthetic = (i: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x7e, i >> 8, i & 0xff));

type Row = { name: string; kind: 'update' | 'query' | 'upgrade' | 'bytes'; value: bigint };

async function measure(w: World, f: () => Promise<unknown>): Promise<bigint> {
    const r = await f();
    if (r !== null && typeof r === 'object' && 'Err' in (r as object)) throw new Error(`bench call failed: ${errKind(r)}`);
    return w.pic.lastInstructions;
}

async function seed(w: World, s: Size, oid: bigint): Promise<void> {
    const t0 = performance.now();
    const c = w.as(controller);
    const per = Math.max(1, Math.floor(200 / s.perProvider));
    for (let i = 0; i < s.providers; i += per) ok(await c.benchSeedOfferings(i, Math.min(per, s.providers - i), s.perProvider));
    const offerings = s.providers * s.perProvider;
    console.log(`  ${offerings} offerings from ${s.providers} providers (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    // The money is on the canister's account first (as ICPay forwards it), so the books stay covered.
    const quote = ok<any>(await w.as(tenant).requestContract(oid, 24 * 30)).quote[0].amount as bigint;
    ok(await w.ledgerAs(tenant).icrc1_transfer({ to: { owner: w.marketId, subaccount: [] }, amount: quote * 2n * BigInt(s.contracts), fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
    // A tenth with the measured tenant and provider; the rest spread over the catalog and 100 tenants.
    const mine = Math.floor(s.contracts / 10);
    for (let done = 0; done < mine; done += SEED_CHUNK) ok(await c.benchSeed(oid, tenant, Math.min(SEED_CHUNK, mine - done), 24 * 30));
    let k = 0;
    for (let done = mine; done < s.contracts; done += SEED_CHUNK, k++) {
        const offering = BigInt(2 + (k % offerings));
        ok(await c.benchSeed(offering, synthetic(k % TENANTS), Math.min(SEED_CHUNK, s.contracts - done), 24 * 30));
        if (k % 20 === 19) console.log(`  ${done + SEED_CHUNK} contracts (${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    }
    console.log(`  seeded ${s.contracts} contracts in ${((performance.now() - t0) / 1000).toFixed(0)} s`);
}

async function run(s: Size): Promise<Row[]> {
    console.log(`\n[${s.name}] ${s.providers * s.perProvider} offerings, ${s.contracts} contracts`);
    const w = await world({ balances: [[tenant, 10n ** 17n]], benchMode: true });
    const oid = await setupProvider(w, { stock: 1_000_000 });
    await seed(w, s, oid);
    const t = w.as(tenant);
    const p = w.as(provider);
    const anon = w.as(stranger);
    const rows: Row[] = [];
    const add = (name: string, kind: Row['kind'], value: bigint) => rows.push({ name, kind, value });

    for (let i = 0; i < 3; i++) await t.ping();
    const pings: bigint[] = [];
    for (let i = 0; i < 5; i++) pings.push(await measure(w, () => t.ping()));
    add('ping', 'update', pings.sort((a, b) => (a < b ? -1 : 1))[2]!);

    add('search page of 20, no filter', 'query', await measure(w, () => anon.searchOfferings(ALL, 0, 20)));
    add('search, type + max price', 'query', await measure(w, () => anon.searchOfferings({ ...ALL, productType: [{ VPS: null }], maxPrice: [50_000_000n] }, 0, 20)));
    add('search, region + min RAM', 'query', await measure(w, () => anon.searchOfferings({ ...ALL, region: ['eu'], minRamMb: [16_384] }, 0, 20)));
    const own = ok<any>(await t.requestContract(oid, 24));
    add('getContract', 'query', await measure(w, () => t.getContract(own.id)));
    const byTenant = { tenant: [tenant], provider: [], status: [] };
    const byProvider = { tenant: [], provider: [provider], status: [] };
    add('listContracts page (tenant)', 'query', await measure(w, () => t.listContracts(byTenant, 0, 20)));
    add('listContracts page (provider)', 'query', await measure(w, () => p.listContracts(byProvider, 0, 20)));
    add('journal page (one contract)', 'query', await measure(w, () => t.journal(0, 20, [2n])));
    add('journal page (own account)', 'query', await measure(w, () => p.accountJournal(0, 20)));
    add('balanceOf (provider)', 'query', await measure(w, () => w.as(provider).balanceOf(provider, 'ICP')));
    add('trustProfile', 'query', await measure(w, () => anon.trustProfile(provider)));

    add('createOffering', 'update', await measure(w, () => p.createOffering({ name: 'Bench new', description: '', productType: { VPS: null }, cpuCores: 4, ramMb: 8192, storageGb: 100, bandwidthMbps: 1000, gpu: '', gpuCount: 0, region: 'eu', country: 'DE', city: 'Berlin', token: 'ICP', pricePerMonth: 9_000_000n, setupFee: 0n, minHours: 1, maxHours: 8760, stock: 10, uptimeTargetBps: 9900, firstResponseMinutes: 60 })));
    await approve(w, tenant, 10n ** 14n);
    let req = 0n, fund = 0n, cancel = 0n;
    for (let round = 0; round < 2; round++) {
        let id = 0n;
        req = await measure(w, async () => {
            const r = await t.requestContract(oid, 24 * 30);
            id = ok<any>(r).id;
            return r;
        });
        fund = await measure(w, () => t.fund(id));
        ok(await p.acceptContract(id));
        ok(await p.startProvisioning(id));
        ok(await p.reportProvisioned(id, 'ssh root@10.0.0.1'));
        if (round === 1) break;
        cancel = await measure(w, () => t.cancelContract(id, 'bench'));
    }
    add('requestContract', 'update', req);
    add('fund (ICRC-2 pull)', 'update', fund);
    add('cancelContract (settle + refund)', 'update', cancel);
    await w.pic.advanceTime(25 * HOUR_MS);
    const due = ok<any>(await w.as(controller).runDue());
    const release = w.pic.lastInstructions / BigInt(Math.max(1, due.processed));
    add(`release, per contract (runDue of ${due.processed})`, 'update', release);
    add('withdraw (icrc1_transfer)', 'update', await measure(w, () => p.withdraw('ICP', [1_000_000n])));
    await w.upgrade();
    add('postUpgrade (upgrade)', 'upgrade', w.pic.lastInstructions);
    const c = (w.pic.ic as any).canister(w.marketId);
    const stable = BigInt(c.stable.size) * 65_536n;
    add('stable memory bytes (total)', 'bytes', stable);
    return rows;
}

async function main(): Promise<void> {
    const which = process.env.BENCH_SCALE ?? 'both';
    const sizes = SIZES.filter((s) => which === 'both' || which === s.name);
    const results: Row[][] = [];
    for (const s of sizes) results.push(await run(s));
    const ping = results[0]!.find((r) => r.name === 'ping')!.value;
    console.log(`\n${'operation'.padEnd(44)} ${sizes.map((s) => s.name.padStart(10)).join(' ')}  ratio   × ping   % of limit`);
    const misses: string[] = [];
    for (let i = 0; i < results[0]!.length; i++) {
        const r0 = results[0]![i]!;
        const vals = results.map((r) => r[i]!.value);
        const last = vals[vals.length - 1]!;
        const ratio = vals.length > 1 ? Number(last) / Number(vals[0]!) : 1;
        const limit = r0.kind === 'query' ? QUERY_LIMIT : r0.kind === 'upgrade' ? UPGRADE_LIMIT : UPDATE_LIMIT;
        const cells = vals.map((v) => (r0.kind === 'bytes' ? `${v}` : fmt(v)).padStart(10)).join(' ');
        const pct = r0.kind === 'bytes' ? '' : `${((Number(last) / Number(limit)) * 100).toFixed(3)}%`;
        const xp = r0.kind === 'update' ? `${(Number(last) / Number(ping)).toFixed(1)}×` : '';
        console.log(`${r0.name.padEnd(44)} ${cells}  ${ratio.toFixed(2).padStart(5)}  ${xp.padStart(7)}  ${pct.padStart(9)}`);
        if (vals.length > 1 && ratio > 1.2 && r0.kind !== 'bytes') misses.push(`${r0.name}: ratio ${ratio.toFixed(2)}`);
        if (r0.kind !== 'bytes' && last * 10n > limit) misses.push(`${r0.name}: above 10% of its limit`);
    }
    if (results.length > 1) {
        const bytes = results.map((r) => r.find((x) => x.name.startsWith('stable memory'))!.value);
        const marginal = (bytes[1]! - bytes[0]!) / BigInt(sizes[1]!.contracts - sizes[0]!.contracts);
        console.log(`\nStable memory per contract (marginal, large − small, offerings included): ${marginal} bytes`);
    }
    const find = (n: string) => results[results.length - 1]!.find((r) => r.name.startsWith(n))!.value;
    const get = find('getContract');
    if (get > 5_000_000n) misses.push(`getContract ${fmt(get)} > 5M`);
    for (const n of ['search page', 'search, type', 'search, region']) if (find(n) > 60_000_000n) misses.push(`${n} ${fmt(find(n))} > 60M`);
    if (find('trustProfile') > 30_000_000n) misses.push(`trustProfile ${fmt(find('trustProfile'))} > 30M`);
    for (const n of ['fund', 'withdraw', 'cancelContract']) if (Number(find(n)) > 4 * Number(ping)) misses.push(`${n} ${(Number(find(n)) / Number(ping)).toFixed(1)}× ping > 4×`);
    // A day of releases of 1,000,000 contracts, from the measured per-contract cost: one message per
    // 100 contracts (the run's batch), 590k cycles per message + 0.4 cycles per instruction.
    const perContract = find('release');
    const messages = 1_000_000 / 100;
    const perMessage = perContract * 100n;
    const cyclesPerContractMonth = (Number(perContract) * 0.4 + 590_000 / 100) * 30;
    console.log(`\nDaily release of 1,000,000 contracts: ${messages} messages of ≈ ${fmt(perMessage)} (${((Number(perMessage) / Number(UPDATE_LIMIT)) * 100).toFixed(2)}% of the limit), ${fmt(perContract * 1_000_000n)} in total; ≈ ${(cyclesPerContractMonth / 1e6).toFixed(2)}M cycles per contract-month ($${((cyclesPerContractMonth / 1e12) * 1.33 * 1e3).toFixed(4)} per 1,000 contract-months)`);
    console.log(misses.length === 0 ? '\nAll targets met.' : `\nMisses:\n  ${misses.join('\n  ')}`);
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
