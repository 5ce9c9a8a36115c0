// The escrow's ledger-calling updates on a small marketplace (localnet's deterministic per-call
// instruction counts, every message of the call): fund, rentOffering, cancelContract, withdraw against ping.
// Target (issue 10, part 8): each ≤ 4× ping.
//   npx tsx bench/escrow.ts
import { HOUR_MS, approve, controller, ok, provider, setupProvider, tenant, world } from '../canisters/marketplace/test/canister/fixture.js';

const fmt = (n: bigint): string => `${(Number(n) / 1e6).toFixed(2)}M`;

async function main(): Promise<void> {
    const w = await world({ balances: [[tenant, 10n ** 17n]], benchMode: true });
    const oid = await setupProvider(w, { stock: 1_000 });
    const t = w.as(tenant);
    const p = w.as(provider);
    await approve(w, tenant, 10n ** 14n);
    const last = async (f: () => Promise<unknown>): Promise<bigint> => {
        const r = await f();
        if (r !== null && typeof r === 'object' && ('Ok' in r || 'Err' in r)) ok(r);
        return w.pic.lastInstructions;
    };
    for (let i = 0; i < 3; i++) await t.ping();
    const pings: bigint[] = [];
    for (let i = 0; i < 5; i++) pings.push(await last(() => t.ping()));
    const ping = pings.sort((a, b) => (a < b ? -1 : 1))[2]!;
    const rows: [string, bigint][] = [['ping', ping]];
    // Second round: caches (reply headers, codecs) warm.
    let req = 0n, fund = 0n, accept = 0n, cancel = 0n;
    for (let round = 0; round < 3; round++) {
        let id = 0n;
        req = await last(async () => {
            const r = await t.requestContract(oid, 24 * 30);
            id = ok<any>(r).id;
            return r;
        });
        fund = await last(() => t.fund(id));
        accept = await last(() => p.acceptContract(id));
        ok(await p.startProvisioning(id));
        ok(await p.reportProvisioned(id, 'ssh root@10.0.0.1'));
        if (round === 2) break;
        cancel = await last(() => t.cancelContract(id, 'bench'));
    }
    rows.push(['requestContract', req], ['fund (ICRC-2 pull)', fund], ['acceptContract', accept], ['cancelContract (settle + refund)', cancel]);
    // Request and pull in one call (what the app's wallet checkout uses).
    let rent = 0n;
    for (let round = 0; round < 3; round++) rent = await last(() => t.rentOffering(oid, 24 * 30));
    rows.push(['rentOffering (request + ICRC-2 pull)', rent]);
    await w.pic.advanceTime(25 * HOUR_MS);
    ok(await w.as(controller).runDue());
    ok(await p.withdraw('ICP', [1_000_000n]));
    rows.push(['withdraw (icrc1_transfer)', await last(() => p.withdraw('ICP', [1_000_000n]))]);
    console.log(`${'operation'.padEnd(36)} ${'instructions'.padStart(12)}  × ping`);
    for (const [n, v] of rows) console.log(`${n.padEnd(36)} ${fmt(v).padStart(12)}  ${(Number(v) / Number(ping)).toFixed(1)}`);
}

main().then(
    () => process.exit(0),
    (e) => {
        console.error(e);
        process.exit(1);
    }
);
