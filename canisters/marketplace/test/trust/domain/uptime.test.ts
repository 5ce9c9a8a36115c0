import { describe, expect, it } from 'vitest';
import { addDownMinute, incidentSummary, removeDownMinute, type Incident } from '../../../src/trust/domain/uptime/incidents';
import { applyMinuteChange, dailySeries, emptyUptime, evaluate, windowUptime, type UptimeAggregate } from '../../../src/trust/domain/uptime/aggregate';
import { mergeMinute, verdictOf, type Probe } from '../../../src/trust/domain/uptime/minute';
import { addToRing, emptyRing, sumWindow } from '../../../src/trust/domain/ring';

const up: Probe = { up: 6, down: 0, latencyMs: 20 };
const down: Probe = { up: 0, down: 6, latencyMs: 0 };
const M = 60;

describe('monitor verdict and majority', () => {
    it.each([
        { p: { up: 5, down: 1, latencyMs: 1 }, want: 'up' },
        { p: { up: 3, down: 3, latencyMs: 1 }, want: 'down' },
        { p: { up: 0, down: 1, latencyMs: 1 }, want: 'down' }
    ])('verdict of $p is $want', ({ p, want }) => expect(verdictOf(p)).toBe(want));

    it.each<{ name: string; probes: Record<string, Probe>; merged: string; disputed: boolean; minority: string[] }>([
        { name: 'no monitors', probes: {}, merged: 'none', disputed: false, minority: [] },
        { name: 'one up', probes: { a: up }, merged: 'up', disputed: false, minority: [] },
        { name: 'unanimous down', probes: { a: down, b: down }, merged: 'down', disputed: false, minority: [] },
        { name: 'two up one down', probes: { a: up, b: up, c: down }, merged: 'up', disputed: true, minority: ['c'] },
        { name: 'one up two down', probes: { a: up, b: down, c: down }, merged: 'down', disputed: true, minority: ['a'] },
        { name: 'tie', probes: { a: up, b: down }, merged: 'tie', disputed: true, minority: [] },
        // One principal, one vote: a Monitor key's Probe and Kuma reports are one vote, its probe first.
        { name: 'one key under two sources ties an honest monitor', probes: { 'a/Probe': down, 'a/Kuma': down, 'b/Probe': up }, merged: 'tie', disputed: true, minority: [] },
        { name: "a key's probe outranks its own notifier", probes: { 'a/Probe': up, 'a/Kuma': down }, merged: 'up', disputed: true, minority: ['a/Kuma'] },
        { name: 'without probes a notifier saying down makes the vote down', probes: { 'a/Kuma': down, 'a/Alertmanager': up, 'b/Probe': down }, merged: 'down', disputed: true, minority: ['a/Alertmanager'] },
        { name: 'records of the earlier layout: lower-case sources', probes: { 'a/probe': up, 'a/kuma': down, 'b/probe': up }, merged: 'up', disputed: true, minority: ['a/kuma'] },
        // Declared monitors and push heartbeats never decide a minute, alone or together.
        { name: "the provider's monitor alone", probes: { p: { ...up, cls: 'provider' } }, merged: 'none', disputed: false, minority: [] },
        { name: 'provider up, tenant down, no platform vote', probes: { p: { ...up, cls: 'provider' }, t: { ...down, cls: 'tenant' } }, merged: 'none', disputed: true, minority: [] },
        { name: 'tenant push down against a platform up', probes: { 'a/Push': { ...down, cls: 'tenant' }, 'a/Probe': up }, merged: 'up', disputed: true, minority: ['a/Push'] },
        { name: 'two declared down cannot outvote one platform up', probes: { p: { ...down, cls: 'provider' }, t: { ...down, cls: 'tenant' }, 'a/Probe': up }, merged: 'up', disputed: true, minority: ['p', 't'] }
    ])('$name', ({ probes, merged, disputed, minority }) => {
        expect(mergeMinute(probes)).toEqual({ merged, disputed, minority });
    });
});

describe('incidents', () => {
    const add = (l: Incident[], ms: number[]): { l: Incident[]; count: number } =>
        ms.reduce(({ l, count }, m) => { const r = addDownMinute(l, m); return { l: r.incidents, count: count + r.countDelta }; }, { l, count: 0 });

    it.each([
        { name: 'one minute', ms: [0], want: [[0, 0]], count: 1 },
        { name: 'consecutive minutes', ms: [0, M, 2 * M], want: [[0, 2 * M]], count: 1 },
        { name: 'a gap makes two', ms: [0, 2 * M], want: [[0, 0], [2 * M, 2 * M]], count: 2 },
        { name: 'filling the gap joins them', ms: [0, 2 * M, M], want: [[0, 2 * M]], count: 1 },
        { name: 'out of order extends backwards', ms: [2 * M, M], want: [[M, 2 * M]], count: 1 },
        { name: 'repeated minute is a no-op', ms: [0, 0], want: [[0, 0]], count: 1 }
    ])('add: $name', ({ ms, want, count }) => {
        const r = add([], ms);
        expect(r.l).toEqual(want);
        expect(r.count).toBe(count);
    });

    it.each([
        { name: 'middle splits', m: M, want: [[0, 0], [2 * M, 2 * M]], delta: 1 },
        { name: 'start shrinks', m: 0, want: [[M, 2 * M]], delta: 0 },
        { name: 'end shrinks', m: 2 * M, want: [[0, M]], delta: 0 },
        { name: 'outside is a no-op', m: 9 * M, want: [[0, 2 * M]], delta: 0 }
    ])('remove: $name', ({ m, want, delta }) => {
        const r = removeDownMinute([[0, 2 * M]], m);
        expect(r.incidents).toEqual(want);
        expect(r.countDelta).toBe(delta);
    });

    it('removing the only minute drops the incident', () => {
        expect(removeDownMinute([[0, 0]], 0)).toEqual({ incidents: [], countDelta: -1 });
    });

    it('summarises longest and average', () => {
        expect(incidentSummary([[0, 2 * M], [10 * M, 10 * M]])).toEqual({ longestMinutes: 3, averageMinutes: 2 });
    });
});

describe('rings and windows', () => {
    it('recycles slots and ignores data older than the ring', () => {
        let r = emptyRing(10, 3);
        r = addToRing(r, 0, [1]);
        r = addToRing(r, 35, [2]);
        r = addToRing(r, 5, [7]);
        expect(sumWindow(r, 35, 30, 1)).toEqual([2]);
        r = addToRing(r, 12, [3]);
        expect(sumWindow(r, 35, 30, 1)).toEqual([5]);
    });

    const minuteChange = (agg: UptimeAggregate, minute: number, probes: Record<string, Probe>, added: string, target = 9990): UptimeAggregate => {
        const before = mergeMinute(Object.fromEntries(Object.entries(probes).filter(([m]) => m !== added)));
        return applyMinuteChange(agg, { minute, before, after: mergeMinute(probes), targetBps: target, latencyMs: probes[added]!.latencyMs }, 0);
    };

    it('computes uptime, error budget and compliance per window', () => {
        let agg = emptyUptime();
        const now = 30 * 86_400;
        for (let i = 0; i < 1000; i++) agg = minuteChange(agg, now - i * M, { a: i < 2 ? down : up }, 'a');
        const w = windowUptime(agg, now, '24h');
        expect(w.upMinutes).toBe(998);
        expect(w.downMinutes).toBe(2);
        expect(w.uptime).toBeCloseTo(0.998);
        expect(w.targetBps).toBeCloseTo(9990);
        expect(w.allowedDownMinutes).toBeCloseTo(1);
        expect(w.remainingBudgetMinutes).toBeCloseTo(-1);
        expect(w.compliant).toBe(false);
        expect(windowUptime(agg, now + 40 * 86_400, '30d').uptime).toBeNull();
    });

    it('follows the majority when a second monitor disagrees, and records who was outvoted', () => {
        let agg = emptyUptime();
        agg = minuteChange(agg, 0, { a: down }, 'a');
        agg = minuteChange(agg, 0, { a: down, b: up }, 'b');
        agg = minuteChange(agg, 0, { a: down, b: up, c: up }, 'c');
        const w = windowUptime(agg, 0, '24h');
        expect([w.upMinutes, w.downMinutes, w.tiedMinutes, w.disputedMinutes]).toEqual([1, 0, 0, 1]);
        expect(agg.outvoted).toEqual({ a: 1 });
    });

    it.each([
        { name: 'no data', sums: [0, 0, 0, 0, 0, 0, 0], uptime: null, compliant: null },
        { name: 'exactly at budget', sums: [999, 1, 0, 0, 1000 * 10, 0, 0], uptime: 0.999, compliant: true },
        { name: 'over budget', sums: [998, 2, 0, 0, 1000 * 10, 0, 0], uptime: 0.998, compliant: false }
    ])('evaluate: $name', ({ sums, uptime, compliant }) => {
        const w = evaluate(sums);
        expect(w.uptime === null ? null : Number(w.uptime.toFixed(6))).toBe(uptime);
        expect(w.compliant).toBe(compliant);
    });
});

describe('30-day daily series (chart)', () => {
    const D = 86_400;
    const day = (agg: UptimeAggregate, t: number, up: number, down: number): UptimeAggregate => ({
        ...agg,
        days: addToRing(agg.days, t, [up, down, 0, 0, 0, 0, 0])
    });
    it('one entry per UTC day, oldest first, gaps as zero with a null ratio, nothing older than 30 days', () => {
        const now = 100 * D + 3_600;
        let agg = emptyUptime();
        agg = day(agg, now, 50, 10);
        agg = day(agg, now - 2 * D, 1_440, 0);
        agg = day(agg, now - 29 * D, 0, 5);
        agg = day(agg, now - 31 * D, 7, 7); // recycled slot or outside the window
        const s = dailySeries(agg, now);
        expect(s).toHaveLength(30);
        expect(s[29]).toEqual({ dayStart: 100 * D, upMinutes: 50, downMinutes: 10, ratio: 50 / 60 });
        expect(s[27]).toEqual({ dayStart: 98 * D, upMinutes: 1_440, downMinutes: 0, ratio: 1 });
        expect(s[0]).toEqual({ dayStart: 71 * D, upMinutes: 0, downMinutes: 5, ratio: 0 });
        expect(s[28]).toEqual({ dayStart: 99 * D, upMinutes: 0, downMinutes: 0, ratio: null });
        expect(s.every((d, i) => i === 0 || d.dayStart - s[i - 1]!.dayStart === D)).toBe(true);
    });
});
