// Issue 18 parts 5–6 against the compiled canister: a flood of free requests blocks no rental,
// a provider's pause releases nothing for unmeasured time (the catalogue's scenarios, asserted).
import { describe, expect, it } from 'vitest';
import { floodOutcome, pausedBilling, pauseOutcome, requestFlood } from '../../../../bench/attacks/holds';
import { approve, errKind, FEE, ok, provider, provisioned, relay, setupProvider, statusOf, tenant, tenant2, world } from './fixture';

describe('issue 18 attacks: free holds and paused billing', () => {
    it('request flood: 5 free principals × 10 requests block no honest rental, at no holding power', async () => {
        const f = await requestFlood();
        console.log(`request flood: ${floodOutcome(f).effect}; attacker cost ${f.attackerCost}`);
        expect(f.floodRequests).toBe(50);
        expect(f.attackerCost).toBe(0n);
        expect(f.errors).toEqual([]);
        expect(f.honestBlocked).toBe(0);
    });

    it('paused billing: 3 provider-paused days release nothing, stay measured, and the tenant gets the paused time back on cancel', async () => {
        const f = await pausedBilling();
        console.log(`paused billing: ${pauseOutcome(f).effect}; refund on cancel ${f.refundOnCancel}`);
        // A paused contract stays a probe target (the platform keeps measuring what it was paid for).
        expect(f.probeTargetsWhilePaused).toBe(3);
        expect(f.releasedWhilePaused).toBe(0n);
        expect(f.auditOk).toBe(true);
    });

    it('rentOffering: a refused pull charges nothing; a lost reply is retried with the same arguments and booked once', async () => {
        const w = await world();
        const oid = await setupProvider(w, { stock: 1 });
        const t = w.as(tenant);
        const before = await w.balance(tenant);
        const refused = await t.rentOffering(oid, 24);
        expect(errKind(refused)).toBe('LedgerError');
        expect(await w.balance(tenant)).toBe(before);
        expect(await w.balance(w.marketId)).toBe(0n);
        // The pull executes but its reply is lost: the call says so, the timer settles it, paid once.
        const price = (72_000_000n * 24n) / 720n + 100_000n;
        await approve(w, tenant2, price);
        await w.setFault('icrc2_transfer_from', 'ReplyLost');
        const lost = await w.as(tenant2).rentOffering(oid, 24);
        expect(errKind(lost)).toBe('LedgerError');
        await w.pic.advanceTime(6 * 60_000);
        await w.pic.tick(3);
        const page = await w.as(tenant2).listContracts({ tenant: [tenant2], provider: [], status: [] }, 0, 10);
        const c = page.items[0];
        expect(statusOf(c)).toBe('Pending');
        expect(c.deposited).toBe(price);
        expect(await w.balance(w.marketId)).toBe(price);
        expect(await w.balance(tenant2)).toBe(100_000_000_000n - price - 2n * FEE);
        expect(ok<any>(await w.as(relay).audit()).ok).toBe(true);
    });

    it('pause rules on the compiled canister: the tenant resumes a provider pause and billing restarts; a tenant pause keeps billing', async () => {
        const w = await world();
        const c = await provisioned(w, 720);
        const p = w.as(provider);
        const t = w.as(tenant);
        await w.pic.advanceTime(60 * 60_000);
        const paused = ok<any>(await p.pauseContract(c.id, 'maintenance'));
        await w.pic.advanceTime(10 * 60 * 60_000);
        expect((await t.contractBalance(c.id))[0].releasableNow).toBe(0n);
        const resumed = ok<any>(await t.resumeContract(c.id));
        expect(resumed.released).toBe(paused.released);
        const end = (k: any) => k.segments.reduce((m: bigint, s: any) => (s.end > m ? s.end : m), 0n);
        expect(end(resumed) - end(paused)).toBe(10n * 3_600_000_000_000n);
        ok(await t.pauseContract(c.id, 'not needed today'));
        await w.pic.advanceTime(60 * 60_000);
        expect((await t.contractBalance(c.id))[0].releasableNow).toBeGreaterThan(0n);
        expect(ok<any>(await w.as(relay).audit()).ok).toBe(true);
    });
});
