// Every attack of issue 11 replayed against the compiled canister: scores, flags and credits must
// not move. Each test logs its figure ("attack: before → after") for the closing note.
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { errKind, HOUR_MS, NS, offering, ok, profile, provider, provisioned, relay, setupProvider, stranger, tenant, world, type World } from '../../canister/fixture';
import { chunks, event, MIN_NS, minuteOf, minutes, monitorA, registerReporters, uptimeBatch, type ProbeSpec } from './trust_fixture';

const H = 3_600n * NS;
const user = (n: number): Principal => Principal.fromUint8Array(Uint8Array.of(0x6d, 0x40 + n));
const summary = async (w: World, p = provider) => {
    const prof = (await w.as(stranger).trustProfile(p))[0];
    return { score: prof.score as number, rank: prof.rank as number, flags: (prof.flags as any[]).map((f) => f.code as string).sort(), evidence: prof.evidence as number, contracts: prof.contracts };
};
const figure = (name: string, before: unknown, after: unknown) => console.log(`attack figure | ${name}: ${JSON.stringify(before)} → ${JSON.stringify(after)}`);

async function fundedWallets(w: World, who: Principal[], each: bigint) {
    const admin = w.ledgerAs(tenant);
    for (const p of who) ok(await admin.icrc1_transfer({ to: { owner: p, subaccount: [] }, amount: each, fee: [], memo: [], from_subaccount: [], created_at_time: [] } as any));
}

describe('attacks replayed against the compiled canister', () => {
    it('95 unfunded requests from sybils, and 11 principals × 2 requests, change nothing', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const before = await summary(w);
        const quotaOf = (r: any) => (errKind(r) === 'QuotaExceeded' ? Object.values(r.Err)[0] as { what: string } : null);
        // Sybils are free: the per-tenant quota (10 open unpaid requests) only makes the attacker use
        // more principals; there is no per-offering quota to exhaust (an unpaid request holds nothing).
        const expireAll = async () => {
            await w.pic.advanceTime(2 * HOUR_MS);
            await w.pic.tick(3);
        };
        let sent = 0;
        for (let sybil = 1; sent < 95; sybil++) {
            for (let i = 0; i < 10 && sent < 95; i++, sent++) ok(await w.as(user(sybil)).requestContract(oid, 24));
            if (sent === 50) {
                expect(quotaOf(await w.as(user(1)).requestContract(oid, 24))?.what).toBe('unpaid requests per tenant');
                ok(await w.as(user(99)).requestContract(oid, 24));
                await expireAll();
            }
        }
        expect(quotaOf(await w.as(user(9)).requestContract(oid, 24))?.what).toBe('unpaid requests per tenant');
        await expireAll();
        for (let t = 0; t < 11; t++) for (let i = 0; i < 2; i++) ok(await w.as(user(20 + t)).requestContract(oid, 24));
        // Some of them rejected or cancelled, some left to expire: still nothing paid.
        const some = ok<any>(await w.as(user(20)).requestContract(oid, 24));
        ok(await w.as(provider).rejectContract(some.id, 'no'));
        await w.pic.advanceTime(8 * 24 * HOUR_MS);
        await w.pic.tick();
        const after = await summary(w);
        figure('119 unpaid requests (95 from 10 sybils + 1 + 11×2 + 1 rejected), 2 refused by the per-tenant quota', before, after);
        expect(after).toEqual(before);
        expect(after.score).toBe(60);
        expect(after.contracts.repeatCustomers).toBe(0);
    });

    it('no evidence is not perfection, and a fresh tenant\'s measured month is no evidence either: both sit at the prior', async () => {
        const w = await world();
        await registerReporters(w);
        const c = await provisioned(w, 720);
        const empty = user(2);
        ok(await w.as(empty).registerProvider(profile(empty)));
        ok(await w.as(empty).createOffering(offering()));
        // Paid service counts once the platform measured it: its prober saw the server up for the last 3 days.
        await w.pic.advanceTime(22 * 24 * HOUR_MS);
        for (let day = 0; day < 3; day++) {
            await w.pic.advanceTime(24 * HOUR_MS);
            const now = w.nowNs();
            for (const [i, part] of chunks(minutes(now - 1_439n * MIN_NS, now), 500).entries()) ok(await w.as(monitorA).submitUptime(uptimeBatch(`m${day}-${i}`, c.id, part, 'Probe')));
        }
        const good = await summary(w);
        const none = await summary(w, empty);
        figure('no-evidence provider vs 25 days of paid service', { none: 67 }, { none: none.score, good: good.score });
        expect(none.score).toBe(60);
        // The tenant has no paid history elsewhere: its minutes count at independence 0 (a sybil's
        // always-up server buys nothing), so this month moves nothing either way.
        expect(good.score).toBe(60);
        expect(good.rank).toBe(none.rank);
        expect(c.id).toBeTypeOf('bigint');
    });

    it("a stranger's overpriced offerings, hidden at once, do not flag an honest competitor", async () => {
        const w = await world();
        await provisioned(w, 720);
        const before = await summary(w);
        const rival = user(3);
        ok(await w.as(rival).registerProvider(profile(rival)));
        for (let i = 0; i < 3; i++) {
            const o = ok<any>(await w.as(rival).createOffering(offering({ pricePerMonth: 300_000_000n })));
            ok(await w.as(rival).setOfferingActive(o.id, false));
        }
        const hidden = await summary(w);
        // Even left active, offerings of a provider nobody paid are no market price.
        for (let i = 0; i < 3; i++) ok(await w.as(rival).createOffering(offering({ pricePerMonth: 300_000_000n })));
        const after = await summary(w);
        figure('3 hidden overpriced rival offerings', { flags: ['price_anomaly'], points: -5 }, after.flags);
        expect(hidden.flags).toEqual(before.flags);
        expect(after.flags).not.toContain('price_anomaly');
        expect(after.score).toBe(before.score);
    });

    it('chat on a closed, never-paid contract is refused: no silent flag, no warning', async () => {
        const w = await world();
        await registerReporters(w);
        const oid = await setupProvider(w);
        const c = ok<any>(await w.as(tenant).requestContract(oid, 24));
        ok(await w.as(tenant).cancelContract(c.id, 'changed my mind'));
        const before = await summary(w);
        const r = await w.as(relay).submitConversationEvents([event('x1', c.id, 'CustomerMessage', w.nowNs())]);
        expect(errKind(r)).toBe('NotEligible');
        await w.pic.advanceTime(3 * HOUR_MS);
        const after = await summary(w);
        const card = (await w.as(stranger).trustCards([provider]))[0];
        figure('chat on a closed unpaid contract', { flags: ['silent'], warnBeforeCheckout: true }, { flags: after.flags, warnBeforeCheckout: card.warnBeforeCheckout });
        expect(after).toEqual(before);
        expect(card.warnBeforeCheckout).toBe(false);
    });

    it('push heartbeats: one sample a minute, a vote of their own, never outvoting the platform, never an SLA credit alone', async () => {
        const w = await world();
        await registerReporters(w);
        const c = await provisioned(w, 720);
        const start = c.segments.find((s: any) => s.hours > 0).start as bigint;
        await w.pic.advanceTime(24 * HOUR_MS + 5 * 60_000);
        const now = w.nowNs();
        const m = minuteOf(now) - 60n * MIN_NS;
        // Five "up" pings in one minute are refused as such.
        expect(errKind(await w.as(monitorA).submitUptime(uptimeBatch('flood', c.id, [{ minute: m, up: 5, down: 0 }], 'Push')))).toBe('InvalidInput');
        // The platform saw the minute down; one pushed "up" does not hide it.
        ok(await w.as(monitorA).submitUptime(uptimeBatch('probe', c.id, [{ minute: m, up: 0, down: 6 }], 'Probe')));
        ok(await w.as(monitorA).submitUptime(uptimeBatch('push', c.id, [{ minute: m, up: 1, down: 0 }], 'Push')));
        let sig = (await w.as(tenant).contractSignals(c.id))[0];
        expect(sig.uptime.day.downMinutes).toBe(1);
        expect(sig.uptime.day.disputedMinutes).toBe(1);
        expect(sig.outvotedMonitors).toEqual([[`${monitorA.toText()}/Push`, 1]]);
        // A whole day of pushed "down" from the tenant's own server: no credit.
        const day: ProbeSpec[] = [];
        for (let t = minuteOf(now - 24n * H) + MIN_NS; t < start + 24n * H; t += MIN_NS) if (t !== m) day.push({ minute: t, up: 0, down: 1 });
        for (const [i, batch] of chunks(day, 500).entries()) ok(await w.as(monitorA).submitUptime(uptimeBatch(`d${i}`, c.id, batch, 'Push')));
        await w.pic.advanceTime(20 * 60_000);
        const before = (await w.as(tenant).contractBalance(c.id))[0];
        const settled = ok<any[]>(await w.as(stranger).settleSla([c.id]));
        const after = (await w.as(tenant).contractBalance(c.id))[0];
        figure('a day of tenant-pushed "down" (1439 minutes)', { credit: 'full day, from escrow' }, { outcome: settled[0]?.outcome, credited: (after.refunded - before.refunded).toString() });
        expect(settled[0]).toMatchObject({ outcome: 'insufficient_monitoring', paid: false });
        expect(after.refunded).toBe(before.refunded);
        sig = (await w.as(tenant).contractSignals(c.id))[0];
        expect(sig.uptime.day.downMinutes).toBe(1);
    });

    it('monitors report only for the contracts they are assigned to; a tenant-declared monitor alone moves nothing', async () => {
        const w = await world();
        await registerReporters(w);
        const a = await provisioned(w, 720);
        const b = await provisioned(w, 720);
        const mine = user(4);
        // Declaring is for the contract's parties only, on paid open contracts.
        expect(errKind(await w.as(stranger).declareMonitor(a.id, mine))).toBe('NotFound'); // as for an unknown id (no existence oracle)
        ok(await w.as(tenant).declareMonitor(a.id, mine));
        await w.pic.advanceTime(HOUR_MS);
        const now = w.nowNs();
        const before = await summary(w);
        const span = minutes(now - 30n * MIN_NS, now, () => true);
        expect(errKind(await w.as(mine).submitUptime(uptimeBatch('x', b.id, span, 'Monitor')))).toBe('NotAssigned');
        expect(errKind(await w.as(user(5)).submitUptime(uptimeBatch('y', a.id, span, 'Monitor')))).toBe('NotAssigned');
        ok(await w.as(mine).submitUptime(uptimeBatch('z', a.id, span, 'Monitor')));
        const after = await summary(w);
        const mons = await w.as(tenant).contractMonitors(a.id);
        figure('monitor reporting for a contract it does not watch', { accepted: true }, { refused: 'NotAssigned', scoreBefore: before.score, scoreAfter: after.score });
        expect(mons.declared.map((d: any) => [d.principal.toText(), Object.keys(d.side)[0]])).toEqual([[mine.toText(), 'Tenant']]);
        expect(after.score).toBe(before.score);
        expect(after.flags).toEqual(before.flags);
        expect((await w.as(tenant).contractSignals(a.id))[0].uptime.day.downMinutes).toBe(0);
    });

    it('self-dealing and sybil tenants: each tenant is capped, concentration is flagged', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const sybils = [user(20), user(21), user(22)];
        await fundedWallets(w, sybils, 10_000_000_000n);
        for (const who of [tenant, tenant, tenant, ...sybils]) await provisioned(w, 720, who, oid);
        await w.pic.advanceTime(29 * 24 * HOUR_MS);
        const p = (await w.as(stranger).trustProfile(provider))[0];
        figure('one tenant renting 3×30 days + 3 sybils', {}, { evidenceMonths: p.evidence.toFixed(2), payers: p.evidenceDetail.payers, topTimeShare: p.evidenceDetail.topTimeShare[0]?.toFixed(2), flags: p.flags.map((f: any) => f.code) });
        expect(p.evidenceDetail.payers).toBe(4);
        expect(p.flags.map((f: any) => f.code)).toContain('concentration');
        expect(p.flags.find((f: any) => f.code === 'concentration').message).toMatch(/^\d+% of this provider's paid time comes from one tenant/);
    });
});
