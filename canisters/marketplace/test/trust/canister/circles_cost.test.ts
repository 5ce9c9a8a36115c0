// The circle aggregates (keeper/circles.ts) cost what a write moves, not what is stored: a paid
// status change reads a standing and a circle for each of the tenant's other tracked providers
// (at most 7) and moves as many circles. Measured on the compiled canister: a tenant with history
// at 1 and at 8 other providers (12: past the tracked ones), against providers that store 20 or
// 200 running contracts of another tenant.
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { approve, controller, ok, offering, profile, tenant, tenant2, world, type World } from '../../canister/fixture';

const SEED_BATCH = 25;
const who = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x6e, n));

async function provisioned(w: World, t: Principal, p: Principal, oid: bigint, hours: number): Promise<{ id: bigint; provisioned: bigint }> {
    const c = ok<any>(await w.as(t).requestContract(oid, hours));
    await approve(w, t, c.quote[0].amount);
    ok(await w.as(t).fund(c.id));
    ok(await w.as(p).acceptContract(c.id));
    ok(await w.as(p).startProvisioning(c.id));
    ok(await w.as(p).reportProvisioned(c.id, 'ssh root@10.0.0.7'));
    return { id: c.id, provisioned: w.pic.lastInstructions };
}

async function costs(others: number, stored: number): Promise<{ reportProvisioned: bigint; cancelContract: bigint }> {
    const w = await world({ balances: [[tenant, 10n ** 15n]], benchMode: true });
    const providers = Array.from({ length: others + 1 }, (_, i) => who(i + 1));
    const oids: bigint[] = [];
    for (const p of providers) {
        ok(await w.as(p).registerProvider(profile(p)));
        oids.push(ok<any>(await w.as(p).createOffering(offering({ stock: 1_000_000 }))).id);
    }
    const target = providers[0]!;
    for (let done = 0; done < stored; done += SEED_BATCH) ok(await w.as(controller).benchSeed(oids[0]!, tenant2, Math.min(SEED_BATCH, stored - done), 720));
    // Two days of history with every other provider, still running.
    for (let i = 1; i <= others; i++) await provisioned(w, tenant, providers[i]!, oids[i]!, 48);
    await w.pic.advanceTime(24 * 3_600_000);
    const c = await provisioned(w, tenant, target, oids[0]!, 720);
    await w.pic.advanceTime(3_600_000);
    ok(await w.as(tenant).cancelContract(c.id, 'done'));
    return { reportProvisioned: c.provisioned, cancelContract: w.pic.lastInstructions };
}

describe('the circle aggregates cost what a write moves', () => {
    it('a status change costs the same with 200 stored contracts as with 20, and past 8 tracked providers no more', async () => {
        const small = await costs(1, 20);
        const wide = await costs(8, 20);
        const wideLarge = await costs(8, 200);
        const wider = await costs(12, 20);
        const m = (x: bigint) => `${(Number(x) / 1e6).toFixed(1)}M`;
        for (const [name, r] of Object.entries({ small, wide, wideLarge, wider })) console.log(`circles cost | ${name}: reportProvisioned ${m(r.reportProvisioned)}, cancelContract ${m(r.cancelContract)}`);
        for (const k of ['reportProvisioned', 'cancelContract'] as const) {
            expect(Number(wideLarge[k]) / Number(wide[k])).toBeLessThanOrEqual(1.2);
            expect(Number(wider[k]) / Number(wide[k])).toBeLessThanOrEqual(1.2);
        }
    }, 900_000);
});
