// Instruction figures of the marketplace canister, measured in localnet (per-call counts, which
// include every message of the call: the ingress message and the callbacks of its ledger calls).
//   npx tsx bench/marketplace.ts            (BENCH_CONTRACTS=10000 active contracts for the daily run)
// Ratios are to `ping`, an empty update of the same canister, measured in the same run.
import { performance } from 'node:perf_hooks';
import { Principal } from '@dfinity/principal';
import {
    HOUR_MS, approve, controller, errKind, ok, provider, relay, setupProvider, tenant, world, type World
} from '../canisters/marketplace/test/canister/fixture.js';

const N = Number(process.env.BENCH_CONTRACTS ?? 10_000);
const LIMIT = 40_000_000_000n;

function instr(w: World): bigint {
    return w.pic.lastInstructions;
}

async function measure(w: World, f: () => Promise<unknown>): Promise<bigint> {
    const r = await f();
    if (r !== undefined && typeof r === 'object' && r !== null && 'Err' in r) throw new Error(`bench call failed: ${errKind(r)}`);
    return instr(w);
}

const fmtM = (n: bigint) => `${(Number(n) / 1e6).toFixed(2)}M`;

async function main(): Promise<void> {
    const t0 = performance.now();
    const w = await world({ balances: [[tenant, 10n ** 15n]], benchMode: true });
    const oid = await setupProvider(w, { stock: 1_000_000 });
    const t = w.as(tenant);
    const p = w.as(provider);
    const rows: [string, bigint][] = [];

    // Warm up, then the baseline.
    for (let i = 0; i < 3; i++) await t.ping();
    const pings: bigint[] = [];
    for (let i = 0; i < 5; i++) pings.push(await measure(w, () => t.ping()));
    const ping = pings.sort((a, b) => (a < b ? -1 : 1))[2]!;
    rows.push(['ping (empty update)', ping]);

    // One contract through the operations being measured (a second run, so caches are warm).
    await approve(w, tenant, 10n ** 14n);
    let req = 0n, fund = 0n, cancel = 0n, release = 0n, withdraw = 0n;
    for (let round = 0; round < 2; round++) {
        let id = 0n;
        req = await measure(w, async () => {
            const r = await t.requestContract(oid, 24 * 30);
            id = ok(r).id;
            return r;
        });
        fund = await measure(w, () => t.fund(id));
        ok(await p.acceptContract(id));
        ok(await p.startProvisioning(id));
        ok(await p.reportProvisioned(id, 'ssh root@10.0.0.1'));
        await w.pic.advanceTime(25 * HOUR_MS);
        release = await measure(w, () => w.as(controller).runDue()); // one due contract
        await w.pic.advanceTime(HOUR_MS);
        withdraw = await measure(w, () => p.withdraw('ICP', []));
        cancel = await measure(w, () => t.cancelContract(id, 'bench'));
    }
    rows.push(['requestContract', req], ['fund (ICRC-2 pull)', fund], ['release (runDue, 1 contract)', release], ['withdraw (settle + icrc1_transfer)', withdraw], ['cancelContract (settle + refund transfer)', cancel]);

    console.log(`\nPer operation (instructions; ratio to ping; target ≤ 3×)`);
    for (const [name, n] of rows) console.log(`  ${name.padEnd(44)} ${fmtM(n).padStart(9)}  ${(Number(n) / Number(ping)).toFixed(2)}×`);

    // Daily release of N active contracts.
    console.log(`\nSeeding ${N} provisioned contracts (benchSeed: request + credit + accept + provision in-canister) …`);
    const seedStart = performance.now();
    // Put the money on the canister's account first (as ICPay would forward it), so the books stay covered.
    const quote = ok(await t.requestContract(oid, 24 * 30)).quote[0].amount as bigint;
    ok(await w.ledgerAs(tenant).icrc1_transfer({ to: { owner: w.marketId, subaccount: [] }, amount: quote * BigInt(N), fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
    const CHUNK = 200;
    let seedMax = 0n;
    for (let done = 0; done < N; done += CHUNK) {
        ok(await w.as(controller).benchSeed(oid, tenant, Math.min(CHUNK, N - done), 24 * 30));
        if (instr(w) > seedMax) seedMax = instr(w);
        if ((done / CHUNK) % 10 === 9) console.log(`  ${done + CHUNK} (${((performance.now() - seedStart) / 1000).toFixed(0)} s)`);
    }
    console.log(`  seeding: ${fmtM(seedMax)} per ${CHUNK} contracts (max message)`);
    // Record every message the marketplace executes (timer messages included): localnet's per-execution count.
    const execs: bigint[] = [];
    let recording = false;
    w.pic.ic.observeExecutions((x) => {
        if (recording && x.canisterId.toText() === w.marketId.toText()) execs.push(x.instructions);
    });
    const day = async (label: string) => {
        execs.length = 0;
        recording = true;
        await w.pic.advanceTime(24 * HOUR_MS + 60_000);
        await w.pic.runUntilIdle();
        recording = false;
        const total = execs.reduce((a, b) => a + b, 0n);
        const max = execs.reduce((a, b) => (b > a ? b : a), 0n);
        const released = (await t.books()).tokens[0];
        console.log(`\n${label}: ${execs.length} timer messages for ${N} contracts`);
        console.log(`  per message: max ${fmtM(max)} (${((Number(max) / Number(LIMIT)) * 100).toFixed(2)}% of the 40B limit), mean ${fmtM(total / BigInt(Math.max(1, execs.length)))}`);
        console.log(`  total ${fmtM(total)}; per contract ${fmtM(total / BigInt(N))}; escrow held after ${released.escrowHeld}`);
    };
    await day('Day 1 (first release also activates: Provisioned → Active, a status change)');
    await day('Day 2 (steady state: release only)');
    const audit = ok(await w.as(controller).audit());
    console.log(`\naudit (full recomputation of ${N + 3} contracts against the ledger): ${fmtM(instr(w))} instructions (${((Number(instr(w)) / Number(LIMIT)) * 100).toFixed(2)}% of the limit); ${audit.ok ? 'ok' : audit.violations.slice(0, 3).join('; ')}`);
    console.log(`\nWall time ${((performance.now() - t0) / 1000).toFixed(0)} s`);
    void Principal;
}

main().catch((e) => {
    console.error(e);
    process.exit(1);
});
