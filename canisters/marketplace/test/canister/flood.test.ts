// Floods of free actions (issue 10, part 4): sybil providers with hidden offerings, free requests,
// pause/resume loops with long notes, oversize and anonymous messages. Other users' queries and
// updates keep working and cost the same (localnet's deterministic instruction counts).
import { Principal } from '@dfinity/principal';
import { beforeAll, describe, expect, it } from 'vitest';
import { anonymous, errKind, offering, ok, profile, provider, provisioned, refused, setupProvider, tenant, tenant2, world, type World } from './fixture';

const sybil = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x5c, n >> 8, n & 0xff));
const ALL = { provider: [], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [], minBandwidthMbps: [], gpu: [], available: [], includeInactive: [], minTrustScore: [] };
const within = (after: bigint, before: bigint, ratio = 1.2) => expect(Number(after) / Number(before)).toBeLessThanOrEqual(ratio);

let w: World;
let oid: bigint;
let running: any;
/** An offering of another, honest provider: what an ordinary tenant rents while others are flooded. */
let other: bigint;
const honest = Principal.fromUint8Array(Uint8Array.of(0x5d, 1));
const cost = async (f: () => Promise<unknown>): Promise<bigint> => {
    await f();
    return w.pic.lastInstructions;
};
/** What an ordinary user does, and what it costs. */
async function ordinary() {
    const t = w.as(tenant);
    return {
        search: await cost(() => w.as(tenant2).searchOfferings(ALL, 0, 20)),
        getContract: await cost(() => t.getContract(running.id)),
        listContracts: await cost(() => w.as(honest).listContracts({ tenant: [], provider: [honest], status: [] }, 0, 20)),
        request: await cost(async () => ok(await w.as(tenant2).requestContract(other, 24)))
    };
}

describe('floods of free actions', () => {
    beforeAll(async () => {
        w = await world();
        oid = await setupProvider(w, { stock: 1000 });
        running = await provisioned(w, 720, tenant, oid);
        ok(await w.as(honest).registerProvider(profile(honest)));
        other = ok<any>(await w.as(honest).createOffering(offering({ name: 'honest', stock: 1000 }))).id;
        // The lists measured are full pages before any flood, so pages compare like with like.
        for (let i = 0; i < 20; i++) ok(await w.as(sybil(500 + i)).requestContract(oid, 24));
        for (let i = 0; i < 20; i++) ok(await w.as(sybil(600 + i)).requestContract(other, 24));
    });

    it('sybil providers: hidden offerings do not slow search, and one provider cannot create more than its quota', async () => {
        const before = await ordinary();
        for (let i = 0; i < 12; i++) {
            const s = w.as(sybil(i));
            ok(await s.registerProvider(profile(sybil(i))));
            for (let k = 0; k < 8; k++) {
                const o = ok<any>(await s.createOffering(offering({ name: `hidden ${k}` })));
                ok(await s.setOfferingActive(o.id, false));
            }
        }
        // A search page touches the active list only: the honest offerings are all it finds.
        const page = await w.as(tenant2).searchOfferings(ALL, 0, 20);
        expect(page.items.map((o: any) => o.id)).toEqual([oid, other]);
        const after = await ordinary();
        within(after.search, before.search);
        within(after.getContract, before.getContract);
        console.log(`requestContract after the sybil-offerings flood: ${before.request} → ${after.request} instructions`);
        within(after.request, before.request);
        // Quota: the 201st offering of one provider is refused, typed, and nothing is stored.
        const s0 = w.as(sybil(0));
        for (let k = 8; k < 200; k++) ok(await s0.createOffering(offering({ name: `more ${k}` })));
        const total = (await w.as(tenant2).searchOfferings({ ...ALL, includeInactive: [true] }, 0, 1)).total;
        const r = await s0.createOffering(offering());
        expect(r.Err.QuotaExceeded).toEqual({ what: 'offerings per provider', limit: 200 });
        expect((await w.as(tenant2).searchOfferings({ ...ALL, includeInactive: [true] }, 0, 1)).total).toBe(total);
    });

    it('free requests: a per-tenant limit, typed; no per-offering limit to exhaust; others keep working at the same cost', async () => {
        const before = await ordinary();
        const flooder = w.as(sybil(900));
        let refusedAt = -1;
        for (let i = 0; i < 12; i++) {
            const r = await flooder.requestContract(oid, 24);
            if ('Err' in r) {
                expect(r.Err.QuotaExceeded.what).toBe('unpaid requests per tenant');
                refusedAt = i;
                break;
            }
        }
        expect(refusedAt).toBe(10);
        // Many sybil tenants on one offering: their unpaid requests hold nothing, an honest tenant still requests it.
        const target = await setupProvider(w, { name: 'target', stock: 1000 });
        let errs = 0;
        for (let i = 0; i < 6; i++) {
            for (let k = 0; k < 10; k++) if ('Err' in (await w.as(sybil(1000 + i)).requestContract(target, 24))) errs++;
        }
        expect(errs).toBe(0);
        ok(await w.as(tenant2).requestContract(target, 24));
        const after = await ordinary();
        within(after.search, before.search);
        within(after.getContract, before.getContract);
        within(after.listContracts, before.listContracts);
        within(after.request, before.request);
    });

    it('history loops: 200 pause/resume cycles with 500-character notes: the record stays bounded, others cost the same', async () => {
        const t = w.as(tenant);
        const note = 'x'.repeat(500);
        const before = await ordinary();
        const loop = async (n: number) => {
            for (let i = 0; i < n; i++) {
                ok(await t.pauseContract(running.id, note));
                ok(await t.resumeContract(running.id));
            }
        };
        await loop(20);
        const get20 = await cost(() => w.as(provider).getContract(running.id));
        await loop(180);
        const c = (await w.as(provider).getContract(running.id))[0];
        expect(c.history.length).toBeLessThanOrEqual(10);
        expect(c.historyOmitted).toBeGreaterThanOrEqual(390);
        expect(Object.keys(c.history[0].status)[0]).toBe('Requested');
        within(await cost(() => w.as(provider).getContract(running.id)), get20);
        const after = await ordinary();
        within(after.search, before.search);
        within(after.listContracts, before.listContracts);
        within(after.request, before.request);
        // A note above the bound is refused, typed, and the contract is unchanged.
        const r = await t.pauseContract(running.id, 'y'.repeat(501));
        expect(r.Err.InvalidInput.field).toBe('note');
        expect(Object.keys((await t.getContract(running.id))[0].status)[0]).toBe('Active');
    });

    it('inspect_message refuses anonymous and oversize messages before execution', async () => {
        expect(await refused(w.as(anonymous).requestContract(oid, 24))).toBe(true);
        expect(await refused(w.as(anonymous).registerProvider(profile(anonymous)))).toBe(true);
        const huge = { ...profile(sybil(77)), description: 'z'.repeat(20_000) };
        expect(await refused(w.as(sybil(77)).registerProvider(huge))).toBe(true);
        expect(await w.as(tenant2).getProvider(sybil(77))).toEqual([]);
        // ping needs no identity.
        expect(await refused(w.as(anonymous).ping())).toBe(false);
        expect(errKind(await w.as(sybil(77)).registerProvider(profile(sybil(77))))).toBe('Ok');
    });
});
