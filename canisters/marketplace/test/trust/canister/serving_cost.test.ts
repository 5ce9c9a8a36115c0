// A paid status change costs the same whatever its provider runs: the provider's trust record keeps
// running totals, each running contract and each tenant's sums have their own records.
import { describe, expect, it } from 'vitest';
import { approve, controller, ok, provider, setupProvider, tenant, world } from '../../canister/fixture';

const SEED_BATCH = 25;

async function statusChangeCosts(running: number): Promise<{ seedPerContract: bigint; fund: bigint; accept: bigint; reportProvisioned: bigint }> {
    const w = await world({ balances: [[tenant, 10n ** 15n]], benchMode: true });
    const oid = await setupProvider(w, { stock: 1_000_000 });
    for (let done = 0; done < running; done += SEED_BATCH) ok(await w.as(controller).benchSeed(oid, tenant, Math.min(SEED_BATCH, running - done), 720));
    const seedPerContract = w.pic.lastInstructions / BigInt(running - Math.floor((running - 1) / SEED_BATCH) * SEED_BATCH);
    const t = w.as(tenant);
    const p = w.as(provider);
    const c = ok<any>(await t.requestContract(oid, 720));
    await approve(w, tenant, c.quote[0].amount);
    ok(await t.fund(c.id));
    const fund = w.pic.lastInstructions;
    ok(await p.acceptContract(c.id));
    const accept = w.pic.lastInstructions;
    ok(await p.startProvisioning(c.id));
    ok(await p.reportProvisioned(c.id, 'ssh root@10.0.0.7'));
    const reportProvisioned = w.pic.lastInstructions;
    const profile: any = (await t.trustProfile(provider))[0];
    expect(profile.contracts.running).toBe(running + 1);
    return { seedPerContract, fund, accept, reportProvisioned };
}

describe('status change cost does not grow with the provider running contracts', () => {
    it('fund, accept and provisioned at 200 running contracts cost within 1.2× of 20', async () => {
        const small = await statusChangeCosts(20);
        const large = await statusChangeCosts(200);
        console.log(`paid status change instructions, 20 vs 200 running: ${JSON.stringify({ small, large }, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);
        for (const k of ['fund', 'accept', 'reportProvisioned'] as const) expect(Number(large[k]) / Number(small[k])).toBeLessThanOrEqual(1.2);
    }, 300_000);
});
