// Upgrade in the middle of running contracts: every balance before and after is the same, and the
// re-armed timers carry on (releases, expiry, request timeouts, transfer retries).
import { describe, expect, it } from 'vitest';
import { HOUR_MS, approve, controller, ok, provider, provisioned, setupProvider, statusOf, tenant, tenant2, world, type World } from './fixture';

async function snapshot(w: World, ids: bigint[]) {
    const q = w.as(controller);
    return {
        contracts: await Promise.all(ids.map(async (id) => [(await q.getContract(id))[0], (await q.contractBalance(id))[0]])),
        balances: await Promise.all([provider, tenant, tenant2].map(async (p) => ok(await q.balanceOf(p, 'ICP')))),
        books: await q.books(),
        journal: (await q.journal(0, 100, [])).total,
        transfers: await q.listTransfers(0, 100, false),
        config: await q.getConfig(),
        offerings: await q.searchOfferings({ provider: [], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [], minBandwidthMbps: [], gpu: [], available: [], includeInactive: [true], minTrustScore: [] }, 0, 100),
        provider: await q.getProvider(provider)
    };
}

describe('upgrade with running contracts', () => {
    it('keeps every record and balance, and timers resume', async () => {
        const w = await world({ feeBps: 150 });
        const oid = await setupProvider(w);
        const long = await provisioned(w, 720, tenant, oid);
        const short = await provisioned(w, 10, tenant2, oid);
        await w.pic.advanceTime(3 * HOUR_MS);
        await w.pic.tick(5);
        const pending = ok(await w.as(tenant).requestContract(oid, 24));
        await approve(w, tenant, pending.quote[0].amount);
        ok(await w.as(tenant).fund(pending.id));
        await w.setFault('icrc1_transfer', 'Trap');
        const inflight = ok(await w.as(provider).withdraw('ICP', [400_000n])); // of the booked balance (releases book it)
        expect(Object.keys(inflight.status)[0]).toBe('InFlight');
        const ids = [long.id, short.id, pending.id];

        const before = await snapshot(w, ids);
        await w.upgrade();
        const after = await snapshot(w, ids);
        expect(after).toEqual(before);
        expect((await w.as(controller).scheduler()).dueContracts).toBe(3);

        // Timers were re-armed: the in-flight transfer is retried, the pending request expires,
        // the short contract runs to its end, the long one keeps releasing.
        await w.pic.advanceTime(22 * HOUR_MS);
        await w.pic.runUntilIdle();
        const q = w.as(controller);
        expect(Object.keys((await q.getTransfer(inflight.id))[0].status)[0]).toBe('Done');
        expect(statusOf((await q.getContract(pending.id))[0])).toBe('Expired');
        expect(statusOf((await q.getContract(short.id))[0])).toBe('Expired');
        const l = (await q.getContract(long.id))[0];
        expect(l.released).toBeGreaterThan(before.contracts[0]![0].released);
        const audit = ok(await q.audit());
        expect(audit.violations).toEqual([]);
    });
});

const SEED_BATCH = 25;

describe('upgrade cost does not grow with what is stored', () => {
    it('postUpgrade at 600 contracts costs within 1.2× of 20 (nothing is rebuilt)', async () => {
        const cost = async (contracts: number): Promise<bigint> => {
            const w = await world({ balances: [[tenant, 10n ** 15n]], benchMode: true });
            const oid = await setupProvider(w, { stock: 1_000_000 });
            // Small batches: a seeded contract runs every market and trust hook (~60M each), so a
            // batch stays well inside the 40B message limit.
            for (let done = 0; done < contracts; done += SEED_BATCH) ok(await w.as(controller).benchSeed(oid, tenant, Math.min(SEED_BATCH, contracts - done), 720));
            await w.upgrade();
            const n = w.pic.lastInstructions;
            // The module has no pre_upgrade: the upgrade counts post_upgrade alone, not the last
            // message before it (here a seeding batch of ~1B).
            await w.as(tenant).ping();
            await w.upgrade();
            expect(Math.abs(Number(n - w.pic.lastInstructions)) / Number(n)).toBeLessThan(0.02);
            // Still everything there after the upgrade.
            expect((await w.as(tenant).listContracts({ tenant: [tenant], provider: [], status: [] }, 0, 1)).total).toBe(contracts);
            return n;
        };
        const small = await cost(20);
        const large = await cost(600);
        console.log(`postUpgrade instructions: 20 contracts ${small}, 600 contracts ${large}`);
        expect(Number(large) / Number(small)).toBeLessThanOrEqual(1.2);
    }, 300_000);
});
