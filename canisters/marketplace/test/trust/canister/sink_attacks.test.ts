// The silence and feedback sinks of issue 19 (bench/attacks/found.ts) and the certified summary
// following time-raised flags (bench/attacks/freshness.ts), against the compiled canister on the
// attack catalogue's market. Figures are logged as "attack figure | …" (before the fix, on this
// fixture: 5 sybils with 16 days at a rival, 8.06 ICP, raised matched_low, rent_again_low and
// reputation_90d with 10 one-hour "no" answers; a 3-hour sybil, 0.017 ICP, raised the critical
// `silent` flag and a warning before checkout; the certified summary lacked `silent` 3 h on).
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { attacks as found } from '../../../../../bench/attacks/found';
import { attacks as freshness } from '../../../../../bench/attacks/freshness';
import type { AttackOutcome } from '../../../../../bench/attacks/attack';
import { attackMarket, relay } from '../../../../../bench/attacks/fixture/market';
import { ok } from '../../canister/fixture';
import { event } from './trust_fixture';

const figure = (name: string, o: AttackOutcome) =>
    console.log(`attack figure | ${name}: cost ${o.costBaseUnits} e8s, score ${o.score?.before} → ${o.score?.after}, flags [${o.flagsRaised?.join(',') ?? ''}], ${o.effect}`);

const run = async (list: typeof found, name: string): Promise<AttackOutcome> => {
    const a = list.find((x) => x.name.startsWith(name));
    if (a === undefined) throw new Error(`no attack ${name}`);
    const o = await a.run();
    figure(name, o);
    return o;
};

const MIN_NS = 60_000_000_000n;

describe('sinks weighed by the tenant’s voice, against the compiled canister', () => {
    it('feedback sink: 6 one-hour sybils answering "no" move nothing', async () => {
        const o = await run(found, 'feedback sink');
        expect(o.effect).toMatch(/, 0 counted "no" answers/);
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(Math.abs(o.score!.after - o.score!.before)).toBeLessThanOrEqual(2);
        expect(o.targetMet).toBe(true);
    }, 600_000);

    it('an early-cancellation swarm of 6 tenants with history elsewhere, of a server measured up, moves nothing against the market left alone', async () => {
        const o = await run(found, 'early-cancellation swarm');
        expect(o.score!.after).toBeGreaterThanOrEqual(o.score!.before);
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.targetMet).toBe(true);
        expect(o.effect).toMatch(/early_cancellation 0 raw points/);
    }, 900_000);

    // A tenant with bought history (1.73 tokens) switches off its own 1-day server; both platform
    // monitors measure it down. The provider's score dropped 79 → 75 with uptime_target: the probes
    // cannot tell a server its tenant stopped from one its provider let fail. The score now counts
    // the downtime the median tenant (by reach) saw, at most the minutes' own.
    it('a tenant switching off its own server moves its provider by at most 2 points and raises no flag', async () => {
        const o = await run(found, 'tenant switches off its own server');
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.score!.before - o.score!.after).toBeLessThanOrEqual(2);
    }, 900_000);

    it('three tenants with a month elsewhere each (9.39 tokens) switching off their servers stay outweighed by the provider\'s tenants', async () => {
        const o = await run(found, 'tenants switch off their own servers');
        expect(o.costBaseUnits).toBeLessThan(10n * 100_000_000n);
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.score!.before - o.score!.after).toBeLessThanOrEqual(2);
        expect(o.targetMet).toBe(true);
    }, 900_000);

    let withHistory: Promise<AttackOutcome> | undefined;
    const sinkWithHistory = () => (withHistory ??= run(found, 'feedback sink with history'));

    it('feedback sink with history elsewhere: "no" about an hour weighs an hour', async () => {
        const o = await sinkWithHistory();
        expect(o.effect).toMatch(/, 10 counted "no" answers/);
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.moneyMoved ?? 0n).toBe(0n);
        expect(o.costBaseUnits).toBeLessThan(10n * 100_000_000n);
    }, 600_000);

    // The ten one-hour contracts used to make five more tenants with history elsewhere, lifting the
    // breadth cap on counted months (3.0 → 3.8; score 79 → 82): a tenant now widens the breadth only
    // with a week of paid time here (BREADTH_MIN_MONTHS), so the evidence stays as it was.
    it('the same sink moves the score by at most 2 points', async () => {
        const o = await sinkWithHistory();
        expect(Math.abs(o.score!.after - o.score!.before)).toBeLessThanOrEqual(2);
        expect(o.targetMet).toBe(true);
    }, 600_000);

    it('silence sink: a 3-hour sybil messaging at night raises no flag and no warning', async () => {
        const o = await run(found, 'silence sink');
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.effect).toMatch(/warning before checkout false/);
        expect(o.targetMet).toBe(true);
    }, 600_000);

    it('a customer of a month with history elsewhere left unanswered still makes the provider silent (critical), certified at the deadline by the timer', async () => {
        const m = await attackMarket();
        const contract = m.running()[0]!;
        const sent = m.w.nowNs();
        ok(await m.w.as(relay).submitConversationEvents([event('wake-q', contract, 'CustomerMessage', sent)]));
        // The offering's response target is 60 minutes; nothing else reaches the victim meanwhile.
        await m.advance(62 * 60_000);
        const live = await m.standing();
        expect(live.flags).toContain('silent');
        expect(live.warnBeforeCheckout).toBe(true);
        const c = JSON.parse((await m.w.as(Principal.anonymous()).certifiedTrustSummary(m.victim))[0].summary) as { flags: string[]; asOf: string };
        expect(c.flags).toContain('silent');
        // Written by a timer run after the deadline (localnet runs due timers once the clock jumped).
        const asOf = BigInt(c.asOf);
        expect(asOf).toBeGreaterThan(sent + 60n * MIN_NS);
        expect(asOf).toBeLessThanOrEqual(sent + 62n * MIN_NS);
    }, 600_000);

    it('the freshness attack: the certified summary carries the time-raised flags of the live profile', async () => {
        const o = await run(freshness as typeof found, 'certified summary lags');
        expect(o.targetMet).toBe(true);
    }, 600_000);
});
