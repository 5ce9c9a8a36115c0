// Free holds and unmeasured billing (issue 18, parts 5–6), replayed against the compiled
// marketplace and the local ledger in localnet. `canisters/marketplace/test/canister/holds.test.ts`
// runs the same scenarios and asserts the targets.
import { Principal } from '@dfinity/principal';
import type { Attack, AttackOutcome } from './attack.js';
import { approve, controller, HOUR_MS, ok, provider, provisioned, relay, setupProvider, tenant, world, type World } from '../../canisters/marketplace/test/canister/fixture.js';

const ICP = { symbol: 'ICP', decimals: 8 };
const sybil = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x5e, n));
const honestTenant = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x5f, n));
const errOf = (r: any): string => ('Err' in r ? `${Object.keys(r.Err)[0]}${r.Err.QuotaExceeded ? ` (${r.Err.QuotaExceeded.what})` : ''}` : 'Ok');

export interface FloodFigures {
    /** Requests the flooders made that the canister accepted. */
    floodRequests: number;
    /** Honest rentals tried during the flood, and how many failed (with the errors seen). */
    honestTried: number;
    honestBlocked: number;
    errors: string[];
    /** Ledger spend of the flooders (fees, prices kept). */
    attackerCost: bigint;
}

/**
 * 5 free principals × 10 unpaid requests on one offering, then 3 honest tenants rent it the way
 * the app does (one call when the canister has `rentOffering`, else request + ICRC-2 fund).
 */
export async function requestFlood(w?: World): Promise<FloodFigures> {
    w ??= await world({ balances: [1, 2, 3].map((n) => [honestTenant(n), 10_000_000_000n] as [Principal, bigint]) });
    const oid = await setupProvider(w, { stock: 1000 });
    let floodRequests = 0;
    const spentBefore = await Promise.all([0, 1, 2, 3, 4].map((i) => w!.balance(sybil(i))));
    for (let i = 0; i < 5; i++) for (let k = 0; k < 10; k++) if ('Ok' in (await w.as(sybil(i)).requestContract(oid, 24))) floodRequests++;
    const spentAfter = await Promise.all([0, 1, 2, 3, 4].map((i) => w!.balance(sybil(i))));
    const errors: string[] = [];
    for (const n of [1, 2, 3]) {
        const who = honestTenant(n);
        const e = await rentHonestly(w, who, oid);
        if (e !== null) errors.push(e);
    }
    const attackerCost = spentBefore.reduce((a, b) => a + b, 0n) - spentAfter.reduce((a, b) => a + b, 0n);
    return { floodRequests, honestTried: 3, honestBlocked: errors.length, errors, attackerCost };
}

/** An honest rental of 24 h; null when the contract ends up paid (Pending), else the error. */
async function rentHonestly(w: World, who: Principal, oid: bigint): Promise<string | null> {
    const t = w.as(who);
    const o = (await t.getOffering(oid))[0];
    const price = (o.pricePerMonth * 24n) / 720n + o.setupFee;
    if (typeof t.rentOffering === 'function') {
        await approve(w, who, price);
        const r = await t.rentOffering(oid, 24);
        return 'Ok' in r && Object.keys(r.Ok.status)[0] === 'Pending' ? null : errOf(r);
    }
    const r = await t.requestContract(oid, 24);
    if (!('Ok' in r)) return errOf(r);
    await approve(w, who, r.Ok.quote[0].amount);
    const f = await t.fund(r.Ok.id);
    return 'Ok' in f ? null : errOf(f);
}

export interface PauseFigures {
    /** Released to the provider for the paused days (base units). */
    releasedWhilePaused: bigint;
    /** The price of those days (what full billing would release). */
    priceOfPausedDays: bigint;
    /** The contract among the monitors' probe targets while paused. */
    probeTargetsWhilePaused: number;
    /** SLA outcomes of the paused days. */
    slaOutcomes: string[];
    /** The tenant's refund when it cancels after the pause, and the conservation check. */
    refundOnCancel: bigint;
    auditOk: boolean;
}

const DAY_MS = 24 * HOUR_MS;

/**
 * A provider pauses a provisioned, probed 30-day contract and leaves it paused for 3 days: what
 * was released for the paused days, whether monitors still probe it, how the SLA days settle.
 */
export async function pausedBilling(w?: World): Promise<PauseFigures> {
    w ??= await world();
    ok(await w.as(controller).setTrustReporter(relay, [{ Relay: null }, { Monitor: null }]));
    const c = await provisioned(w, 720);
    const p = w.as(provider);
    ok(await p.setProbeEndpoint(c.id, [{ scheme: { Https: null }, host: 'srv.example.com', port: 443, path: '/health' }]));
    await w.pic.advanceTime(60_000);
    ok(await p.pauseContract(c.id, 'maintenance'));
    const before = (await w.as(tenant).contractBalance(c.id))[0];
    let probed = 0;
    for (let d = 0; d < 3; d++) {
        await w.pic.advanceTime(DAY_MS);
        await w.pic.tick(3);
        const page = ok<any>(await w.as(relay).probeTargets(0, 200));
        if (page.items.some((x: any) => x.contractId === c.id)) probed++;
    }
    await w.pic.advanceTime(20 * 60_000);
    const settled = ok<any[]>(await w.as(tenant).settleSla([c.id]));
    const after = (await w.as(tenant).contractBalance(c.id))[0];
    const timeTotal = c.segments.filter((s: any) => s.hours > 0).reduce((a: bigint, s: any) => a + s.amount, 0n);
    const closed = ok<any>(await w.as(tenant).cancelContract(c.id, 'after the pause'));
    const audit = ok<any>(await w.as(relay).audit());
    return {
        releasedWhilePaused: BigInt(after.released) - BigInt(before.released),
        priceOfPausedDays: (timeTotal * 3n) / 30n,
        probeTargetsWhilePaused: probed,
        slaOutcomes: settled.map((r: any) => r.outcome),
        refundOnCancel: closed.contract.refunded,
        auditOk: audit.ok
    };
}

export const floodOutcome = (f: FloodFigures): AttackOutcome => ({
    costBaseUnits: f.attackerCost,
    token: ICP,
    effect: `${f.floodRequests} free requests; ${f.honestBlocked}/${f.honestTried} honest rentals failed${f.errors.length ? ` (${[...new Set(f.errors)].join(', ')})` : ''}`,
    targetMet: f.honestBlocked === 0
});

export const pauseOutcome = (f: PauseFigures): AttackOutcome => ({
    costBaseUnits: 0n,
    token: ICP,
    moneyMoved: f.releasedWhilePaused,
    effect: `3 provider-paused days: released ${f.releasedWhilePaused} of ${f.priceOfPausedDays}, probed on ${f.probeTargetsWhilePaused}/3 days, SLA ${[...new Set(f.slaOutcomes)].join('/') || 'none'}`,
    targetMet: f.releasedWhilePaused === 0n
});

export const attacks: Attack[] = [
    { name: 'request flood: 5 free principals × 10 unpaid requests block an offering', source: '18', run: async () => floodOutcome(await requestFlood()) },
    { name: 'paused billing: a provider-paused contract bills unmeasured', source: '18', run: async () => pauseOutcome(await pausedBilling()) }
];
