// Signals in → score out on the compiled canister (localnet), with the marketplace it lives in.
import { describe, expect, it } from 'vitest';
import { controller, errKind, HOUR_MS, NS, ok, provider, provisioned, refused, relay, stranger, tenant, world, type World } from '../../canister/fixture';
import { chunks, event, minuteOf, minutes, MIN_NS, monitorA, monitorB, monitorC, registerReporters, uptimeBatch } from './trust_fixture';

const H = 3_600n * NS;

async function running(): Promise<{ w: World; c: any }> {
    const w = await world();
    await registerReporters(w);
    const c = await provisioned(w, 720);
    return { w, c };
}

describe('trust on the canister', () => {
    it('conversation, uptime from three monitors and benchmarks become a profile with a breakdown', async () => {
        const { w, c } = await running();
        const t0 = w.nowNs();
        await w.pic.advanceTime(3 * HOUR_MS);
        const r = w.as(relay);
        // Offering's first-response target is 60 minutes: a reply after 2 h is a breach, and silence shows until then;
        // this tenant has no history elsewhere (no voice): its wait raises no flag and is measured on its contract only.
        ok(await r.submitConversationEvents([event('msg-1', c.id, 'CustomerMessage', t0 + H / 2n)]));
        let prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.silentSince).toEqual([t0 + H / 2n + H]);
        expect(prof.flags.map((f: any) => f.code)).not.toContain('silent');
        expect(prof.warnBeforeCheckout).toBe(false);
        ok(await r.submitConversationEvents([event('msg-2', c.id, 'ProviderReply', t0 + 2n * H + H / 2n)]));
        // Three monitors: A sees minutes 10–14 down, B and C see them up → majority up, disagreement visible.
        const span = minutes(t0, t0 + 2n * H);
        const downA = (m: bigint) => m >= minuteOf(t0) + 10n * MIN_NS && m < minuteOf(t0) + 15n * MIN_NS;
        ok(await w.as(monitorA).submitUptime(uptimeBatch('a', c.id, minutes(t0, t0 + 2n * H, downA))));
        ok(await w.as(monitorB).submitUptime(uptimeBatch('b', c.id, span)));
        ok(await w.as(monitorC).submitUptime(uptimeBatch('c', c.id, span)));
        ok(await r.submitBenchmarks([{ id: 'bench-1', target: { Offering: c.offeringId }, source: 'vpsbenchmarks.com', metric: 'ram_gib', value: 2, url: 'https://vpsbenchmarks.com/x', fetchedAt: w.nowNs() - H }]));

        prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.silentSince).toEqual([]);
        expect(prof.responsiveness.breaches).toBe(0);
        expect((await w.as(tenant).contractSignals(c.id))[0].responsiveness).toMatchObject({ breaches: 1, measured: 1 });
        expect(prof.uptime.day.downMinutes).toBe(0);
        expect(prof.uptime.day.disputedMinutes).toBe(5);
        expect(prof.outvotedMonitors).toEqual([[`${monitorA.toText()}/Probe`, 5]]);
        expect(prof.flags.map((f: any) => f.code)).toContain('claim_mismatch');
        expect(prof.offerings[0].claims[0]).toMatchObject({ metric: 'ram_gib', ok: false });
        expect(prof.tenure).toBe('new');
        expect(prof.score).toBeGreaterThan(0);
        expect(prof.score).toBeLessThan(100);
        const lines = prof.breakdown.map((l: any) => l.rule);
        expect(lines).toEqual(expect.arrayContaining(['prior', 'evidence', 'early_cancellation', 'uptime_target', 'silent', 'claim_mismatch']));
        // The published lines add up to the published score.
        expect(prof.breakdown.reduce((a: number, l: any) => a + l.points, 0)).toBe(prof.score);
        expect(prof.history.length).toBeGreaterThan(0);

        const sig = (await w.as(tenant).contractSignals(c.id))[0];
        expect(sig.recentEvents.map((e: any) => [e.sourceId, e.reporter.toText()])).toEqual([['msg-2', relay.toText()], ['msg-1', relay.toText()]]);
        expect(sig.uptime.day.upMinutes).toBe(span.length);
        const cards = await w.as(stranger).trustCards([provider, stranger]);
        expect(cards.map((x: any) => x.provider.toText())).toEqual([provider.toText()]);
        expect(cards[0].score).toBe(prof.score);
    });

    it('authorization: only registered reporters of the right kind, only controllers manage them', async () => {
        const { w, c } = await running();
        const now = w.nowNs();
        const up = uptimeBatch('x', c.id, minutes(now - 5n * MIN_NS, now));
        const ev = [event('e1', c.id, 'CustomerMessage', now)];
        expect(errKind(await w.as(stranger).submitUptime(up))).toBe('NotAssigned');
        expect(errKind(await w.as(relay).submitUptime(up))).toBe('NotAssigned');
        // Certain to fail, so inspect_message refuses them before execution (the keeper's own checks are tested in keeper/).
        expect(await refused(w.as(monitorA).submitConversationEvents(ev))).toBe(true);
        expect(await refused(w.as(tenant).submitConversationEvents(ev))).toBe(true);
        expect(await refused(w.as(provider).setTrustReporter(provider, [{ Monitor: null }]))).toBe(true);
        expect(await refused(w.as(relay).setTrustReporter(relay, [{ Monitor: null }]))).toBe(true);
        ok(await w.as(controller).setTrustReporter(monitorC, []));
        expect(errKind(await w.as(monitorC).submitUptime(up))).toBe('NotAssigned');
        expect((await w.as(stranger).trustReporters()).map((r: any) => r.principal.toText()).sort()).toEqual([relay, monitorA, monitorB].map((p) => p.toText()).sort());
    });

    it('rejects bad data with a clear error and changes nothing; duplicates are acknowledged', async () => {
        const { w, c } = await running();
        await w.pic.advanceTime(HOUR_MS);
        const now = w.nowNs();
        const good = uptimeBatch('g', c.id, minutes(now - 10n * MIN_NS, now));
        const bad = [...good, { ...good[0]!, id: 'bad', bucketStart: now + 30n }];
        const snapshot = async () => [await w.as(tenant).contractSignals(c.id), await w.as(tenant).trustProfile(provider)];
        const before = await snapshot();
        const e = await w.as(monitorA).submitUptime(bad);
        expect(e.Err.InvalidInput).toMatchObject({ field: 'bucketStart', index: [good.length] });
        expect(await snapshot()).toEqual(before);
        expect(ok(await w.as(monitorA).submitUptime(good))).toEqual({ applied: good.length, duplicates: 0 });
        expect(ok(await w.as(monitorA).submitUptime(good))).toEqual({ applied: 0, duplicates: good.length });
        const conflict = await w.as(monitorA).submitUptime([{ ...good[0]!, id: 'other', up: 0, down: 6 }]);
        expect(errKind(conflict)).toBe('Inconsistent');
        expect(errKind(await w.as(monitorA).submitUptime([{ ...good[0]!, id: 'x', contractId: 999n }]))).toBe('NotFound');
    });

    it('feedback: only the tenant, only after the end, only once', async () => {
        const { w, c } = await running();
        const answer = { matchedDescription: true, wouldRentAgain: true };
        expect(errKind(await w.as(tenant).submitFeedback(c.id, answer))).toBe('NotEligible');
        ok(await w.as(tenant).cancelContract(c.id, 'done'));
        expect(errKind(await w.as(provider).submitFeedback(c.id, answer))).toBe('Unauthorized');
        expect(errKind(await w.as(stranger).submitFeedback(c.id, answer))).toBe('NotFound'); // as for an unknown id (no existence oracle)
        // Kept, but not counted: this tenant has no paid history with other providers (keeper tests cover the counted case).
        expect(ok<any>(await w.as(tenant).submitFeedback(c.id, answer)).counted).toBe(false);
        expect(errKind(await w.as(tenant).submitFeedback(c.id, answer))).toBe('AlreadyAnswered');
        const prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.feedback).toMatchObject({ matchedYes: 0, againYes: 0, net90d: 0 });
        expect(prof.contracts).toMatchObject({ paidRequests: 1, provisioned: 1, cancelled: 1, cancelledAfterStart: 1, earlyCancelled: 1 });
    });

    it('SLA credit: a day below target credits the tenant from escrow, journaled', async () => {
        const { w, c } = await running();
        const start = c.segments.find((s: any) => s.hours > 0).start as bigint;
        await w.pic.advanceTime(24 * HOUR_MS + 5 * 60_000);
        const now = w.nowNs();
        // 30 down minutes in the day: about 97.9% against a 99.9% target → 30% of the day's price.
        const isDown = (m: bigint) => m >= start + 3n * H && m < start + 3n * H + 30n * MIN_NS;
        const day = minutes(now - 24n * H + MIN_NS, start + 24n * H, isDown);
        for (const [i, batch] of chunks(day, 500).entries()) ok(await w.as(monitorA).submitUptime(uptimeBatch(`d${i}`, c.id, batch)));
        await w.pic.advanceTime(20 * 60_000);
        const before = (await w.as(tenant).contractBalance(c.id))[0];
        const settled = ok<any[]>(await w.as(stranger).settleSla([c.id]));
        expect(settled).toHaveLength(1);
        const rec = settled[0];
        expect(rec).toMatchObject({ outcome: 'credited', creditBps: 3000, paid: true });
        expect(rec.credit).toBe((72_000_000n * 86_400n) / (720n * 3_600n) * 3_000n / 10_000n);
        const after = (await w.as(tenant).contractBalance(c.id))[0];
        expect(after.refunded - before.refunded).toBe(rec.credit);
        const journal = await w.as(tenant).journal(0, 100, [c.id]);
        expect(journal.items.filter((e: any) => 'SlaCredit' in e.kind).map((e: any) => e.amount)).toEqual([rec.credit]);
        expect(ok<any[]>(await w.as(stranger).settleSla([c.id]))).toEqual([]);
        expect((await w.as(stranger).books()).violations).toEqual([]);
    });

    it('upgrade keeps every signal, aggregate and score', async () => {
        const { w, c } = await running();
        await w.pic.advanceTime(HOUR_MS);
        const now = w.nowNs();
        ok(await w.as(relay).submitConversationEvents([event('m1', c.id, 'CustomerMessage', now - H / 2n), event('m2', c.id, 'ProviderReply', now - H / 4n)]));
        ok(await w.as(monitorA).submitUptime(uptimeBatch('u', c.id, minutes(now - 30n * MIN_NS, now, (m) => m === minuteOf(now) - 5n * MIN_NS))));
        const before = [await w.as(stranger).trustProfile(provider), await w.as(tenant).contractSignals(c.id), await w.as(stranger).trustReporters()];
        await w.upgrade();
        const after = [await w.as(stranger).trustProfile(provider), await w.as(tenant).contractSignals(c.id), await w.as(stranger).trustReporters()];
        expect(after).toEqual(before);
        expect(ok(await w.as(relay).submitConversationEvents([event('m1', c.id, 'CustomerMessage', now - H / 2n)]))).toEqual({ applied: 0, duplicates: 1 });
        // The status hook is registered again after the upgrade.
        ok(await w.as(tenant).cancelContract(c.id, 'after upgrade'));
        expect((await w.as(stranger).trustProfile(provider))[0].contracts).toMatchObject({ cancelled: 1, running: 0 });
    });
});
