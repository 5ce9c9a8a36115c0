import { addToRing, emptyRing, sumWindow, type Ring } from '../ring';
import { DAY, HOUR } from '../time';
import { addDownMinute, removeDownMinute, type Incident } from './incidents';
import { countsDelta, minorityDelta, type MinuteState } from './minute';

export const BPS = 10_000;

/**
 * Uptime of a contract or a provider: hour buckets for 7 days, day buckets for 30 days.
 * Slot values: up, down, tied, disputed minutes, error budget (Σ (1 − target) per observed minute,
 * in basis points), latency sum (ms) and latency samples.
 */
export interface UptimeAggregate {
    hours: Ring;
    days: Ring;
    incidentCount: number;
    outvoted: Record<string, number>;
}

const ARITY = 7;

export const emptyUptime = (): UptimeAggregate => ({
    hours: emptyRing(HOUR, 168),
    days: emptyRing(DAY, 30),
    incidentCount: 0,
    outvoted: {}
});

export interface MinuteChange {
    minute: number;
    before: MinuteState;
    after: MinuteState;
    targetBps: number;
    latencyMs: number | null;
}

export function applyMinuteChange(agg: UptimeAggregate, ch: MinuteChange, incidentDelta: number): UptimeAggregate {
    const [up, down, tie, disputed] = countsDelta(ch.before, ch.after);
    const budget = (up + down) * (BPS - ch.targetBps);
    const lat = ch.latencyMs === null ? [0, 0] : [ch.latencyMs, 1];
    const delta = [up, down, tie, disputed, budget, ...lat];
    const outvoted = { ...agg.outvoted };
    for (const [m, d] of Object.entries(minorityDelta(ch.before, ch.after))) outvoted[m] = (outvoted[m] ?? 0) + d;
    return {
        hours: addToRing(agg.hours, ch.minute, delta),
        days: addToRing(agg.days, ch.minute, delta),
        incidentCount: agg.incidentCount + incidentDelta,
        outvoted
    };
}

/** Keeps a contract's incident list in step with its minute's majority. */
export function updateIncidents(list: readonly Incident[], ch: MinuteChange): { incidents: Incident[]; countDelta: number } {
    const wasDown = ch.before.merged === 'down';
    const isDown = ch.after.merged === 'down';
    if (wasDown === isDown) return { incidents: list.slice(), countDelta: 0 };
    return isDown ? addDownMinute(list, ch.minute) : removeDownMinute(list, ch.minute);
}

export interface WindowUptime {
    upMinutes: number;
    downMinutes: number;
    tiedMinutes: number;
    disputedMinutes: number;
    uptime: number | null;
    targetBps: number | null;
    allowedDownMinutes: number;
    remainingBudgetMinutes: number;
    compliant: boolean | null;
    avgLatencyMs: number | null;
}

export type UptimeWindow = '24h' | '7d' | '30d';

export function windowUptime(agg: UptimeAggregate, now: number, w: UptimeWindow): WindowUptime {
    const sums = w === '30d' ? sumWindow(agg.days, now, 30 * DAY, ARITY) : sumWindow(agg.hours, now, w === '24h' ? DAY : 7 * DAY, ARITY);
    return evaluate(sums);
}

export function evaluate(sums: readonly number[]): WindowUptime {
    const [up = 0, down = 0, tie = 0, disputed = 0, budget = 0, latSum = 0, latN = 0] = sums;
    const observed = up + down;
    const allowed = budget / BPS;
    return {
        upMinutes: up,
        downMinutes: down,
        tiedMinutes: tie,
        disputedMinutes: disputed,
        uptime: observed === 0 ? null : up / observed,
        targetBps: observed === 0 ? null : BPS - budget / observed,
        allowedDownMinutes: allowed,
        remainingBudgetMinutes: allowed - down,
        compliant: observed === 0 ? null : down <= allowed + 1e-9,
        avgLatencyMs: latN === 0 ? null : latSum / latN
    };
}

export interface DayUptime {
    /** Start of the UTC day (seconds). */
    dayStart: number;
    upMinutes: number;
    downMinutes: number;
    /** up / (up + down); null for a day without observed minutes. */
    ratio: number | null;
}

/**
 * The per-day series of the last `days` days (oldest first, today last) from the day ring: one
 * entry per UTC day, days without data included with zero minutes and a null ratio (for a chart).
 */
export function dailySeries(agg: UptimeAggregate, now: number, days = 30): DayUptime[] {
    const width = agg.days.width;
    const newest = Math.floor(now / width) * width;
    const byStart = new Map<number, number[]>();
    for (const slot of agg.days.slots) if (slot !== null) byStart.set(slot[0]!, slot);
    const out: DayUptime[] = [];
    for (let i = Math.min(days, agg.days.size) - 1; i >= 0; i--) {
        const dayStart = newest - i * width;
        const slot = byStart.get(dayStart);
        const up = slot?.[1] ?? 0;
        const down = slot?.[2] ?? 0;
        out.push({ dayStart, upMinutes: up, downMinutes: down, ratio: up + down === 0 ? null : up / (up + down) });
    }
    return out;
}
