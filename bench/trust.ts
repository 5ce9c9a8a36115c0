// Instruction figures of the trust domain in the compiled marketplace (localnet):
//  - the trust-profile query for a provider with 10 contracts and one with BENCH_TRUST_CONTRACTS
//    (default 10,000), each contract with its conversation signals, some with uptime; the ratio
//    must stay ≤ 1.5 because queries read pre-aggregated records, never scan;
//  - one signal batch of 100 reports (uptime, conversation events), per batch and per report.
//   npx tsx bench/trust.ts
import { performance } from 'node:perf_hooks';
import { Principal } from '@dfinity/principal';
import { approve, errKind, offering, ok, profile, relay, tenant, world, type World } from '../canisters/marketplace/test/canister/fixture.js';
import { chunks, event, minutes, MIN_NS, monitorA, monitorB, monitorC, registerReporters, uptimeBatch } from '../canisters/marketplace/test/trust/canister/trust_fixture.js';

const BIG = Number(process.env.BENCH_TRUST_CONTRACTS ?? 10_000);
const SMALL = 10;
const PROVISIONED = 10;
const RATIO_LIMIT = 1.5;

const fmtM = (n: bigint): string => `${(Number(n) / 1e6).toFixed(2)}M`;
const who = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x62, n >> 8, n & 0xff));

async function measure(w: World, f: () => Promise<unknown>): Promise<bigint> {
    const r = await f();
    if (r !== null && typeof r === 'object' && 'Err' in r) throw new Error(`bench call failed: ${errKind(r)}`);
    return w.pic.lastInstructions;
}

async function newProvider(w: World, p: Principal): Promise<bigint> {
    ok(await w.as(p).registerProvider(profile(p)));
    return ok<{ id: bigint }>(await w.as(p).createOffering(offering({ stock: 1_000_000 }))).id;
}

/** `n` contracts for provider `p`: a few provisioned (with uptime from three monitors), the rest requested and then cancelled or rejected; every contract gets a customer message and a reply. */
async function populate(w: World, p: Principal, oid: bigint, n: number): Promise<bigint[]> {
    const ids: bigint[] = [];
    for (let i = 0; i < Math.min(n, PROVISIONED); i++) ids.push((await provisionedFor(w, p, oid)).id);
    for (let i = ids.length; i < n; i++) {
        const t = who(i % 500);
        const c = ok<{ id: bigint }>(await w.as(t).requestContract(oid, 24));
        ok(i % 2 === 0 ? await w.as(t).cancelContract(c.id, '') : await w.as(p).rejectContract(c.id, ''));
        ids.push(c.id);
        if (i % 1000 === 0) process.stdout.write(`  ${i}/${n} contracts\n`);
    }
    // Less than an hour: the market's timers (hourly safety run, request timeouts) stay out of the figures.
    await w.pic.advanceTime(30 * 60_000);
    const now = w.nowNs();
    // Chat counts only on paid contracts: the unpaid requests above touch no trust record at all.
    const events = ids.slice(0, PROVISIONED).flatMap((id, i) => [event(`${p.toText()}-q${i}`, id, 'CustomerMessage', now - 600n * 1_000_000_000n), event(`${p.toText()}-r${i}`, id, 'ProviderReply', now - (i % 2 === 0 ? 500n : 60n) * 1_000_000_000n)]);
    for (const batch of chunks(events, 100)) ok(await w.as(relay).submitConversationEvents(batch));
    for (const [k, m] of [monitorA, monitorB, monitorC].entries()) {
        for (const id of ids.slice(0, PROVISIONED)) {
            ok(await w.as(m).submitUptime(uptimeBatch(`${m.toText()}-${id}`, id, minutes(now - 25n * MIN_NS, now, (x) => k === 0 && x % (7n * MIN_NS) === 0n))));
        }
    }
    return ids;
}

async function provisionedFor(w: World, p: Principal, oid: bigint): Promise<{ id: bigint }> {
    const t = w.as(tenant);
    const c = ok<{ id: bigint; quote: [{ amount: bigint }] }>(await t.requestContract(oid, 720));
    ok(await t.fund(c.id));
    ok(await w.as(p).acceptContract(c.id));
    ok(await w.as(p).startProvisioning(c.id));
    return ok(await w.as(p).reportProvisioned(c.id, 'ssh root@10.0.0.9'));
}

async function profileCost(w: World, p: Principal): Promise<bigint> {
    const samples: bigint[] = [];
    for (let i = 0; i < 3; i++) samples.push(await measure(w, () => w.as(relay).trustProfile(p)));
    return samples.sort((a, b) => (a < b ? -1 : 1))[1]!;
}

async function main(): Promise<void> {
    const t0 = performance.now();
    const w = await world({ balances: [[tenant, 10n ** 15n]] });
    await registerReporters(w);
    await approve(w, tenant, 10n ** 14n);
    const small = who(60_001 % 65_536);
    const big = who(60_002 % 65_536);
    const smallOffering = await newProvider(w, small);
    const smallIds = await populate(w, small, smallOffering, SMALL);
    await populate(w, big, await newProvider(w, big), BIG);

    const pSmall = await profileCost(w, small);
    const pBig = await profileCost(w, big);
    const cards = await measure(w, () => w.as(relay).trustCards([small, big]));
    const signals = await measure(w, () => w.as(relay).contractSignals(smallIds[0]!));

    const now = w.nowNs();
    const upReports = smallIds.slice(0, PROVISIONED).flatMap((id) => uptimeBatch(`bench-${id}`, id, minutes(now - 11n * MIN_NS, now)).slice(0, 10));
    const upBatch = await measure(w, () => w.as(monitorB).submitUptime(upReports.slice(0, 100).map((r, i) => ({ ...r, id: `bench-up-${i}`, latencyMs: 30 }))));
    const evs = smallIds.slice(0, PROVISIONED).flatMap((id, i) => Array.from({ length: 10 }, (_, k) => event(`bench-ev-${i}-${k}`, id, k % 2 === 0 ? 'CustomerMessage' : 'ProviderReply', now - BigInt(100 - k) * 1_000_000_000n)));
    const evBatch = await measure(w, () => w.as(relay).submitConversationEvents(evs.slice(0, 100)));

    const certified = await measure(w, () => w.as(relay).certifiedTrustSummary(small));
    // A status change of a paid contract: counters, score, certified summary and root hash.
    const t = w.as(tenant);
    const c = ok<{ id: bigint }>(await t.requestContract(await newProvider(w, who(60_003 % 65_536)), 720));
    const fund = await measure(w, () => t.fund(c.id));
    const unpaid = ok<{ id: bigint }>(await t.requestContract(smallOffering, 24));
    const cancelUnpaid = await measure(w, () => t.cancelContract(unpaid.id, ''));
    const ratio = Number(pBig) / Number(pSmall);
    const rows: [string, string][] = [
        [`trustProfile, provider with ${SMALL} contracts`, fmtM(pSmall)],
        [`trustProfile, provider with ${BIG} contracts`, fmtM(pBig)],
        ['ratio (limit 1.5)', ratio.toFixed(3)],
        ['trustCards, 2 providers', fmtM(cards)],
        ['contractSignals', fmtM(signals)],
        [`submitUptime, batch of ${Math.min(100, upReports.length)}`, `${fmtM(upBatch)} (${fmtM(upBatch / BigInt(Math.min(100, upReports.length)))} per report)`],
        ['submitConversationEvents, batch of 100', `${fmtM(evBatch)} (${fmtM(evBatch / 100n)} per event)`],
        ['certifiedTrustSummary (query: summary, witness)', fmtM(certified)],
        ['fund (paid request: counters, score, certification)', fmtM(fund)],
        ['cancel an unpaid request (trust untouched)', fmtM(cancelUnpaid)]
    ];
    for (const [k, v] of rows) console.log(`${k.padEnd(48)} ${v}`);
    console.log(`(${((performance.now() - t0) / 1000).toFixed(0)} s)`);
    if (ratio > RATIO_LIMIT) {
        console.error(`FAIL: profile cost ratio ${ratio.toFixed(3)} > ${RATIO_LIMIT}`);
        process.exitCode = 1;
    }
}

await main();
