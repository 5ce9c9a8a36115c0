import type { Clock } from '../types.js';

/**
 * Where a clock keeps its high-water mark: before the clock reports a time past the mark it
 * writes a new one, so a restart (even after a crash) resumes at or after every time reported.
 */
export interface TimeStore {
    write(mark: { highWaterNs: bigint; offsetNs: bigint }): void;
}

/** The wall clock writes its mark this far ahead, so that it writes every 5 s, not on every read. */
const WALL_LEASE_NS = 5_000_000_000n;

abstract class MarkedClock implements Clock {
    private store: TimeStore | null = null;
    private mark = 0n;

    abstract nowNs(): bigint;
    protected abstract get offsetNs(): bigint;

    /** Keeps the high-water mark in `store` from now on. */
    attachStore(store: TimeStore): void {
        this.store = store;
        this.mark = 0n;
        this.guard(this.nowNs());
    }

    protected guard(t: bigint, lease = 0n): void {
        if (this.store === null || t <= this.mark) return;
        this.mark = t + lease;
        this.store.write({ highWaterNs: this.mark, offsetNs: this.offsetNs });
    }
}

/** Test clock: time only moves when told to. */
export class ManualClock extends MarkedClock {
    constructor(private t: bigint) {
        super();
    }
    protected get offsetNs(): bigint {
        return 0n;
    }
    nowNs(): bigint {
        return this.t;
    }
    set(t: bigint): void {
        if (t < this.t) throw new Error(`time cannot go backwards (${t} < ${this.t})`);
        this.guard(t);
        this.t = t;
    }
}

/** Server clock: wall clock plus an offset moved by `set`; never goes backwards. */
export class WallClock extends MarkedClock {
    private offset = 0n;
    private last = 0n;
    protected get offsetNs(): bigint {
        return this.offset;
    }
    nowNs(): bigint {
        let t = BigInt(Date.now()) * 1_000_000n + this.offset;
        if (t <= this.last) t = this.last;
        this.guard(t, WALL_LEASE_NS);
        this.last = t;
        return t;
    }
    set(t: bigint): void {
        const now = this.nowNs();
        if (t < now) throw new Error(`time cannot go backwards (${t} < ${now})`);
        this.offset += t - now;
        this.guard(t, WALL_LEASE_NS);
        this.last = t;
    }
    /** After a restart: the saved offset, and never before `floorNs`. */
    resume(offsetNs: bigint, floorNs: bigint): void {
        this.offset = offsetNs;
        if (this.nowNs() < floorNs) this.set(floorNs);
    }
}

/** 2026-01-01T00:00:00Z, the default start of a test IC (deterministic). */
export const DEFAULT_START_TIME_NS = 1_767_225_600_000_000_000n;
