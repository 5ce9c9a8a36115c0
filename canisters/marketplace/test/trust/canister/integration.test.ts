// Market ↔ trust integration on the compiled canister (localnet): final-period SLA credits, hooks
// on creation, the one reporter list, probe endpoints for monitors, the 30-day uptime chart.
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { controller, errKind, HOUR_MS, NS, offering, ok, provider, provisioned, refused, relay, setupProvider, stranger, tenant, tenant2, world } from '../../canister/fixture';
import { chunks, minutes, MIN_NS, monitorA, registerReporters, uptimeBatch } from './trust_fixture';

const H = 3_600n * NS;
const both = Principal.fromUint8Array(Uint8Array.of(0x6d, 21));

describe('market ↔ trust integration', () => {
    it('final-period SLA credit: a closed contract’s last day is credited from the provider’s release of that day', async () => {
        const w = await world();
        await registerReporters(w);
        const c = await provisioned(w, 48);
        const start = c.segments.find((s: any) => s.hours > 0).start as bigint;
        const timeTotal = c.segments.filter((s: any) => s.hours > 0).reduce((a: bigint, s: any) => a + s.amount, 0n);
        // The whole last day down, reported just before the end.
        await w.pic.advanceTime(47 * HOUR_MS + 59 * 60_000);
        const lastDay = minutes(start + 24n * H, w.nowNs(), () => true);
        for (const [i, batch] of chunks(lastDay, 500).entries()) ok(await w.as(monitorA).submitUptime(uptimeBatch(`d${i}`, c.id, batch)));
        // The contract runs to its end and closes (everything released, escrow empty); the close's
        // trust hook (or anyone's settleSla, or the next uptime report) settles the last day once
        // its 15-minute grace has passed.
        await w.pic.advanceTime(20 * 60_000);
        ok(await w.as(controller).runDue());
        const closed = (await w.as(tenant).getContract(c.id))[0];
        expect(Object.keys(closed.status)[0]).toBe('Expired');
        ok(await w.as(stranger).settleSla([c.id]));
        const rec = (await w.as(tenant).contractSignals(c.id))[0].sla.find((r: any) => r.period === 1);
        expect(rec).toMatchObject({ outcome: 'credited', creditBps: 10_000, paid: true });
        expect(rec.credit).toBe((timeTotal * 86_400n) / (48n * 3_600n));
        expect(rec.credited).toBe(rec.credit);
        expect(rec.note).toContain('provider');
        // Fee 0: the provider keeps everything but the credited day; the tenant gets the credit.
        expect(ok<any>(await w.as(tenant).balanceOf(tenant, 'ICP')).withdrawable).toBe(rec.credit);
        expect(ok<any>(await w.as(provider).balanceOf(provider, 'ICP')).withdrawable).toBe(c.total - rec.credit);
        const journal = await w.as(tenant).journal(0, 100, [c.id]);
        expect(journal.items.filter((e: any) => 'SlaCredit' in e.kind).map((e: any) => e.amount)).toEqual([rec.credit]);
        const bal = (await w.as(tenant).contractBalance(c.id))[0];
        expect(bal.released + bal.refunded).toBe(bal.deposited);
        expect((await w.as(stranger).books()).violations).toEqual([]);
        expect(ok<any>(await w.as(controller).audit()).ok).toBe(true);
        // Settled once.
        expect(ok<any[]>(await w.as(stranger).settleSla([c.id]))).toEqual([]);
    });

    it('hooks: a new request counts at once, offerings enter the market index without refreshMarket', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        let prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.offerings.map((o: any) => o.offeringId)).toEqual([oid]);
        const before = prof.offerings[0].pricePerUnit[0];
        ok(await w.as(provider).updateOffering(oid, offering({ pricePerMonth: 144_000_000n })));
        prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.offerings[0].pricePerUnit[0]).toBeCloseTo(before * 2, 6);
        // An unpaid request is no evidence: nothing counted, the score stays at the prior.
        ok(await w.as(tenant).requestContract(oid, 24));
        prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.contracts.paidRequests).toBe(0);
        expect(prof.score).toBe(60);
    });

    it('one reporter list: setTrustReporter, addRelay and removeRelay edit the same list; one principal may hold both roles', async () => {
        const w = await world();
        const admin = w.as(controller);
        expect(await refused(w.as(stranger).setTrustReporter(both, [{ Relay: null }]))).toBe(true);
        const list = ok<any[]>(await admin.setTrustReporter(both, [{ Relay: null }, { Monitor: null }]));
        expect(list.find((r) => r.principal.toText() === both.toText()).roles).toEqual([{ Relay: null }, { Monitor: null }]);
        // The init argument's relay is in the same list.
        expect((await w.as(stranger).trustReporters()).find((r: any) => r.principal.toText() === relay.toText()).roles).toEqual([{ Relay: null }]);
        const c = await provisioned(w, 24);
        await w.pic.advanceTime(HOUR_MS);
        // Monitor role: uptime; relay role: market (audit) and trust (events) — one key.
        ok(await w.as(both).submitUptime(uptimeBatch('b', c.id, minutes(w.nowNs() - 10n * MIN_NS, w.nowNs()))));
        ok(await w.as(both).submitConversationEvents([{ id: 'e1', contractId: c.id, kind: { CustomerMessage: null }, at: w.nowNs() - MIN_NS }]));
        expect(errKind(await w.as(both).audit())).toBe('Ok');
        expect(errKind(await w.as(both).probeTargets(0, 10))).toBe('Ok');
        // removeRelay keeps the monitor role; getConfig.relays follows the list.
        const cfg = ok<any>(await admin.removeRelay(both));
        expect(cfg.relays.map((p: any) => p.toText())).toEqual([relay.toText()]);
        expect((await w.as(stranger).trustReporters()).find((r: any) => r.principal.toText() === both.toText()).roles).toEqual([{ Monitor: null }]);
        expect(errKind(await w.as(both).audit())).toBe('Unauthorized');
        ok(await admin.addRelay(stranger));
        expect((await w.as(stranger).trustReporters()).find((r: any) => r.principal.toText() === stranger.toText()).roles).toEqual([{ Relay: null }]);
        ok(await admin.setTrustReporter(both, []));
        expect((await w.as(stranger).trustReporters()).some((r: any) => r.principal.toText() === both.toText())).toBe(false);
        expect(errKind(await w.as(both).submitUptime(uptimeBatch('b2', c.id, minutes(w.nowNs() - 5n * MIN_NS, w.nowNs()))))).toBe('NotAssigned');
        // Kept across an upgrade.
        await w.upgrade();
        expect((await w.as(stranger).trustReporters()).map((r: any) => r.principal.toText()).sort()).toEqual([relay.toText(), stranger.toText()].sort());
    });

    it('probe endpoints: declared by the provider, validated, listed (paginated) to monitors and relays only', async () => {
        const w = await world();
        await registerReporters(w);
        const a = await provisioned(w, 24);
        const b = await provisioned(w, 24, tenant2);
        const p = w.as(provider);
        const ep = (over: Record<string, unknown> = {}) => [{ scheme: { Https: null }, host: 'srv1.example.com', port: 443, path: '/health', ...over }];
        expect(errKind(await p.setProbeEndpoint(a.id, ep({ host: 'bad host!' })))).toBe('InvalidInput');
        expect(errKind(await p.setProbeEndpoint(a.id, ep({ port: 0 })))).toBe('InvalidInput');
        expect(errKind(await p.setProbeEndpoint(a.id, ep({ scheme: { Tcp: null } })))).toBe('InvalidInput');
        expect(errKind(await p.setProbeEndpoint(a.id, ep({ path: 'no-slash' })))).toBe('InvalidInput');
        expect(errKind(await w.as(tenant).setProbeEndpoint(a.id, ep()))).toBe('Unauthorized');
        ok(await p.setProbeEndpoint(a.id, ep({ host: 'SRV1.example.com' })));
        ok(await p.setProbeEndpoint(b.id, ep({ scheme: { Tcp: null }, host: '2001:db8::7', port: 22, path: '' })));
        for (const who of [stranger, tenant, provider]) expect(errKind(await w.as(who).probeTargets(0, 10))).toBe('Unauthorized');
        const page1 = ok<any>(await w.as(monitorA).probeTargets(0, 1));
        expect(page1.total).toBe(2);
        expect(page1.next).toEqual([1]);
        expect(page1.items[0]).toMatchObject({ contractId: a.id, url: 'https://srv1.example.com:443/health', endpoint: { host: 'srv1.example.com', port: 443 } });
        const page2 = ok<any>(await w.as(relay).probeTargets(1, 1));
        expect(page2.items[0]).toMatchObject({ contractId: b.id, url: 'tcp://[2001:db8::7]:22' });
        expect(page2.next).toEqual([]);
        // Closed: no longer probed. Billing (paused too): still probed, and the endpoint can be moved, not withdrawn.
        ok(await w.as(tenant).cancelContract(a.id, 'done'));
        expect(errKind(await p.setProbeEndpoint(b.id, []))).toBe('InvalidState');
        ok(await p.pauseContract(b.id, 'maintenance'));
        expect(ok<any>(await w.as(monitorA).probeTargets(0, 10)).items.map((x: any) => [x.contractId, Object.keys(x.status)[0]])).toEqual([[b.id, 'Paused']]);
        ok(await p.setProbeEndpoint(b.id, ep()));
        await w.upgrade();
        expect(ok<any>(await w.as(monitorA).probeTargets(0, 10)).items.map((x: any) => x.contractId)).toEqual([b.id]);
    });

    it('30-day uptime chart: one entry per UTC day, oldest first, in contract signals and the provider profile', async () => {
        const w = await world();
        await registerReporters(w);
        const c = await provisioned(w, 720);
        await w.pic.advanceTime(2 * HOUR_MS);
        const now = w.nowNs();
        const probes = minutes(now - 60n * MIN_NS, now, (m) => m < now - 50n * MIN_NS);
        ok(await w.as(monitorA).submitUptime(uptimeBatch('u', c.id, probes)));
        const sig = (await w.as(tenant).contractSignals(c.id))[0];
        const daily = sig.uptime.daily;
        expect(daily).toHaveLength(30);
        const day = 86_400n * NS;
        expect(daily[29].dayStart).toBe((now / day) * day);
        expect(daily[0].dayStart).toBe((now / day) * day - 29n * day);
        const observed = daily.reduce((a: number, d: any) => a + d.upMinutes + d.downMinutes, 0);
        expect(observed).toBe(probes.length);
        const withData = daily.filter((d: any) => d.ratio.length === 1);
        expect(withData.reduce((a: number, d: any) => a + d.downMinutes, 0)).toBe(probes.filter((x) => x.down > 0).length);
        expect(daily.filter((d: any) => d.upMinutes + d.downMinutes === 0).every((d: any) => d.ratio.length === 0)).toBe(true);
        const prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.uptime.daily).toEqual(daily);
    });
});
