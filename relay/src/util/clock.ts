/** Injectable wall clock in milliseconds, so tests can move time. */
export interface Clock {
    now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

export class ManualClock implements Clock {
    constructor(private t: number = Date.UTC(2026, 10, 21, 12, 0, 0)) {}
    now(): number {
        return this.t;
    }
    advance(ms: number): void {
        this.t += ms;
    }
    set(ms: number): void {
        this.t = ms;
    }
}

export const DAY_MS = 86_400_000;
export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

export function dayKey(ms: number): string {
    return new Date(ms).toISOString().slice(0, 10);
}

export function minuteStart(ms: number): number {
    return Math.floor(ms / MINUTE_MS) * MINUTE_MS;
}
