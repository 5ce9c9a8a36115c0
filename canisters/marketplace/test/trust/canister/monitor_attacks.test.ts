// The monitor attacks of issue 19 (bench/attacks/monitors.ts) against the compiled canister:
// one principal is one vote whatever its sources, a declared monitor never decides a minute alone,
// and a billing contract stays on the platform's probe list. Each logs its figure.
import { describe, expect, it } from 'vitest';
import { oneKeyTwoVotes, ownMonitorDecides } from '../../../../../bench/attacks/monitors';

const figure = (name: string, before: unknown, after: unknown) =>
    console.log(`attack figure | ${name}: ${JSON.stringify(before)} → ${JSON.stringify(after, (_, v) => (typeof v === 'bigint' ? v.toString() : v))}`);

describe('monitor attacks replayed against the compiled canister', () => {
    it('one monitor key reporting down under Probe and Kuma is one vote: it ties an honest monitor, moves no credit', async () => {
        const r = await oneKeyTwoVotes();
        figure('one key, two votes', { dayDownMinutes: 1433, credited: '2400000', outcome: 'credited' }, r);
        expect(r.minutes).toBeGreaterThan(1400);
        expect(r.credited).toBe(0n);
        expect(r.dayDownMinutes).toBe(0);
        expect(r.outcome).toBe('insufficient_monitoring');
    });

    it("the provider's own monitor never decides a minute, and the provider cannot take a billing contract off the probe list", async () => {
        const r = await ownMonitorDecides();
        figure("provider's own monitor decides", { outcome: 'met', profileUp: 1433, profileDown: 0, clearedFromTargets: true, pausedFromTargets: true }, r);
        expect(r.profileUp).toBe(0);
        expect(r.profileDown).toBe(0);
        expect(r.outcome).toBe('insufficient_monitoring');
        expect(r.clearedFromTargets).toBe(false);
        expect(r.pausedFromTargets).toBe(false);
    });
});
