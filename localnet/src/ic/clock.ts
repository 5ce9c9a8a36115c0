import type { Clock } from '../types.js';

/** Test clock: time only moves when told to. */
export class ManualClock implements Clock {
    constructor(private t: bigint) {}
    nowNs(): bigint {
        return this.t;
    }
    set(t: bigint): void {
        if (t < this.t) throw new Error(`time cannot go backwards (${t} < ${this.t})`);
        this.t = t;
    }
}

/** Server clock: wall clock plus an offset moved by `set`; never goes backwards. */
export class WallClock implements Clock {
    private offset = 0n;
    private last = 0n;
    nowNs(): bigint {
        let t = BigInt(Date.now()) * 1_000_000n + this.offset;
        if (t <= this.last) t = this.last;
        this.last = t;
        return t;
    }
    set(t: bigint): void {
        const now = this.nowNs();
        if (t < now) throw new Error(`time cannot go backwards (${t} < ${now})`);
        this.offset += t - now;
        this.last = t;
    }
}

/** 2026-01-01T00:00:00Z, the default start of a test IC (deterministic). */
export const DEFAULT_START_TIME_NS = 1_767_225_600_000_000_000n;
