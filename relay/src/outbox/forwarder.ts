import { randomBytes } from 'node:crypto';
import type { Metrics } from '../metrics.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, type Logger } from '../util/log.js';
import { backoffMs } from './backoff.js';
import type { Job, OutboxStore } from './store.js';

/** What happened to one job; jobs a handler does not mention are done. */
export type JobResult = { status: 'done' } | { status: 'retry'; error: string } | { status: 'dead'; error: string };

export interface Lane<T = unknown> {
    kind: string;
    batchSize: number;
    /** Throwing fails the whole batch: permanent if `isPermanent(error)`, otherwise retried. */
    handle(jobs: Job<T>[]): Promise<Map<number, JobResult> | void>;
    isPermanent?(error: unknown): boolean;
}

export interface ForwarderOptions {
    leaseMs: number;
    pollMs: number;
    /** How long to wait after a wake-up so a batch can fill. */
    lingerMs: number;
    backoffBaseMs: number;
    backoffCapMs: number;
}

export interface ForwarderStats {
    batches: number;
    jobs: number;
    failures: number;
}

/** Runs one loop per lane: claim a batch under a lease, hand it over, record the outcome. */
export class Forwarder {
    readonly worker = `relay-${process.pid}-${randomBytes(4).toString('hex')}`;
    readonly stats = new Map<string, ForwarderStats>();
    private readonly lanes = new Map<string, LaneLoop>();
    private stopped = true;

    constructor(
        private readonly store: OutboxStore,
        private readonly clock: Clock,
        private readonly options: ForwarderOptions,
        private readonly log: Logger,
        private readonly metrics?: Metrics
    ) {}

    register<T>(lane: Lane<T>): void {
        this.lanes.set(lane.kind, new LaneLoop(lane as unknown as Lane, this));
        this.stats.set(lane.kind, { batches: 0, jobs: 0, failures: 0 });
    }

    start(): void {
        this.stopped = false;
        for (const loop of this.lanes.values()) loop.wake(0);
    }

    async stop(): Promise<void> {
        this.stopped = true;
        await Promise.all([...this.lanes.values()].map((l) => l.idle()));
    }

    /** Nudges a lane after new work was stored. */
    wake(kind: string): void {
        if (!this.stopped) this.lanes.get(kind)?.wake(this.options.lingerMs);
    }

    get running(): boolean {
        return !this.stopped;
    }

    /** Claims and handles one batch; returns how many jobs it claimed. */
    async runOnce(lane: Lane): Promise<number> {
        const jobs = this.store.claim(lane.kind, lane.batchSize, this.options.leaseMs, this.worker);
        if (jobs.length === 0) return 0;
        const stats = this.stats.get(lane.kind) ?? { batches: 0, jobs: 0, failures: 0 };
        stats.batches++;
        stats.jobs += jobs.length;
        let results: Map<number, JobResult>;
        try {
            results = (await lane.handle(jobs)) ?? new Map();
        } catch (e) {
            const status = lane.isPermanent?.(e) ? 'dead' : 'retry';
            results = new Map(jobs.map((j) => [j.id, { status, error: errorMessage(e) }]));
            this.log.warn('batch failed', { kind: lane.kind, size: jobs.length, status, error: errorMessage(e) });
        }
        const failures = this.record(jobs, results);
        stats.failures += failures;
        this.metrics?.inc('relay_forward_batches_total', { kind: lane.kind }, 1, 'Batches handed to a lane (one canister call for canister.* kinds)');
        this.metrics?.inc('relay_forward_jobs_total', { kind: lane.kind }, jobs.length, 'Jobs handed to a lane');
        this.metrics?.inc('relay_forward_failures_total', { kind: lane.kind }, failures, 'Jobs that failed in a batch (retried or dead)');
        return jobs.length;
    }

    private record(jobs: Job[], results: Map<number, JobResult>): number {
        let failures = 0;
        this.store.db.transaction(() => {
            const done: number[] = [];
            for (const job of jobs) {
                const r = results.get(job.id) ?? { status: 'done' };
                if (r.status === 'done') done.push(job.id);
                else if (r.status === 'dead') this.store.kill(job.id, this.worker, r.error);
                else this.store.fail(job.id, this.worker, r.error, this.retryAt(job.attempts));
                if (r.status !== 'done') failures++;
            }
            this.store.complete(done, this.worker);
        })();
        return failures;
    }

    private retryAt(attempts: number): number {
        return this.clock.now() + backoffMs(attempts, this.options.backoffBaseMs, this.options.backoffCapMs);
    }

    onLoopError(kind: string, e: unknown): void {
        this.log.error('lane loop error', { kind, error: errorMessage(e) });
    }

    get pollMs(): number {
        return this.options.pollMs;
    }
}

/** One lane's loop: runs batches back to back while full, otherwise sleeps until poll or wake. */
class LaneLoop {
    private timer: NodeJS.Timeout | null = null;
    private running: Promise<void> | null = null;
    private dueAt = Infinity;

    constructor(
        private readonly lane: Lane,
        private readonly fwd: Forwarder
    ) {}

    wake(delayMs: number): void {
        const due = Date.now() + delayMs;
        if (this.running || due >= this.dueAt) return;
        if (this.timer) clearTimeout(this.timer);
        this.dueAt = due;
        this.timer = setTimeout(() => void this.tick(), delayMs);
        this.timer.unref();
    }

    idle(): Promise<void> {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        return this.running ?? Promise.resolve();
    }

    private async tick(): Promise<void> {
        this.timer = null;
        this.dueAt = Infinity;
        if (!this.fwd.running) return;
        this.running = this.drain();
        await this.running;
        this.running = null;
        if (this.fwd.running) this.wake(this.fwd.pollMs);
    }

    private async drain(): Promise<void> {
        try {
            while (this.fwd.running && (await this.fwd.runOnce(this.lane)) >= this.lane.batchSize);
        } catch (e) {
            this.fwd.onLoopError(this.lane.kind, e);
        }
    }
}
