import type Database from 'better-sqlite3';
import type { Clock } from '../util/clock.js';

export interface NewJob {
    kind: string;
    /** Unique across all jobs ever stored (until pruned): a second insert is a no-op. */
    dedupeKey: string;
    payload: unknown;
    runAt?: number;
    maxAttempts?: number;
}

export interface Job<T = unknown> {
    id: number;
    kind: string;
    dedupeKey: string;
    payload: T;
    attempts: number;
    maxAttempts: number;
    runAt: number;
    lastError: string | null;
}

export interface JobRow {
    id: number;
    kind: string;
    dedupe_key: string;
    payload: string;
    state: 'pending' | 'done' | 'dead';
    attempts: number;
    max_attempts: number;
    run_at: number;
    locked_until: number | null;
    locked_by: string | null;
    last_error: string | null;
}

export interface StateCount {
    kind: string;
    state: string;
    count: number;
}

/**
 * The outbox, graphile-worker style: one statement per state change (insert, claim, complete,
 * fail), a worker only touches jobs it holds (locked_by), claims carry a lease that expires if
 * the holder dies, failures record attempts and the last error and move `run_at` forward.
 * All methods are synchronous and run inside the caller's transaction when there is one.
 */
export class OutboxStore {
    private readonly stmts;

    constructor(
        readonly db: Database.Database,
        private readonly clock: Clock,
        private readonly defaultMaxAttempts = 25
    ) {
        this.stmts = prepare(db);
    }

    /** Returns false when a job with this dedupe key already exists. */
    insert(job: NewJob): boolean {
        const now = this.clock.now();
        const info = this.stmts.insert.run({
            kind: job.kind,
            dedupe_key: job.dedupeKey,
            payload: JSON.stringify(job.payload, bigintReplacer),
            max_attempts: job.maxAttempts ?? this.defaultMaxAttempts,
            run_at: job.runAt ?? now,
            now
        });
        return info.changes === 1;
    }

    /** Records that a delivery was received; false when it was received before. */
    receipt(source: string, key: string): boolean {
        return this.stmts.receipt.run(source, key, this.clock.now()).changes === 1;
    }

    hasReceipt(source: string, key: string): boolean {
        return this.stmts.hasReceipt.get(source, key) !== undefined;
    }

    claim<T = unknown>(kind: string, limit: number, leaseMs: number, worker: string): Job<T>[] {
        const now = this.clock.now();
        const rows = this.stmts.claim.all({ kind, limit, now, lease: now + leaseMs, worker }) as JobRow[];
        return rows.sort((a, b) => a.run_at - b.run_at || a.id - b.id).map((r) => toJob<T>(r));
    }

    complete(ids: readonly number[], worker: string): void {
        const now = this.clock.now();
        for (const id of ids) this.stmts.complete.run({ id, worker, now });
    }

    /** A retryable failure: back to pending at `runAt`, or dead once attempts are used up. */
    fail(id: number, worker: string, error: string, runAt: number): void {
        this.stmts.fail.run({ id, worker, error: error.slice(0, 1000), run_at: runAt, now: this.clock.now() });
    }

    /** A permanent failure: kept as dead with its error, never retried. */
    kill(id: number, worker: string, error: string): void {
        this.stmts.kill.run({ id, worker, error: error.slice(0, 1000), now: this.clock.now() });
    }

    /** At start-up: this process owns the database, so leases held by a dead process are void. */
    releaseAllLeases(): number {
        return this.db.prepare(`UPDATE jobs SET locked_until = NULL, locked_by = NULL WHERE locked_by IS NOT NULL AND state = 'pending'`).run().changes;
    }

    counts(): StateCount[] {
        return this.db.prepare(`SELECT kind, state, COUNT(*) AS count FROM jobs GROUP BY kind, state`).all() as StateCount[];
    }

    /** Dead jobs by kind, with the error of the latest one. */
    deadSummary(): { kind: string; count: number; lastError: string | null }[] {
        return this.db
            .prepare(
                `SELECT kind, COUNT(*) AS count,
                        (SELECT last_error FROM jobs j2 WHERE j2.kind = jobs.kind AND j2.state = 'dead' ORDER BY updated_at DESC, id DESC LIMIT 1) AS lastError
                 FROM jobs WHERE state = 'dead' GROUP BY kind ORDER BY kind`
            )
            .all() as { kind: string; count: number; lastError: string | null }[];
    }

    oldestPendingAgeMs(): number {
        const row = this.db.prepare(`SELECT MIN(created_at) AS t FROM jobs WHERE state = 'pending'`).get() as { t: number | null };
        return row.t === null ? 0 : Math.max(0, this.clock.now() - row.t);
    }

    row(dedupeKey: string): JobRow | undefined {
        return this.db.prepare(`SELECT * FROM jobs WHERE dedupe_key = ?`).get(dedupeKey) as JobRow | undefined;
    }

    rows(kind?: string): JobRow[] {
        const sql = kind ? `SELECT * FROM jobs WHERE kind = ? ORDER BY id` : `SELECT * FROM jobs ORDER BY id`;
        return (kind ? this.db.prepare(sql).all(kind) : this.db.prepare(sql).all()) as JobRow[];
    }

    /** Drops finished jobs and receipts older than the retention window. */
    prune(retentionMs: number): number {
        const before = this.clock.now() - retentionMs;
        const jobs = this.db.prepare(`DELETE FROM jobs WHERE state = 'done' AND updated_at < ?`).run(before).changes;
        const receipts = this.db.prepare(`DELETE FROM receipts WHERE received_at < ?`).run(before).changes;
        return jobs + receipts;
    }
}

function prepare(db: Database.Database) {
    return {
        insert: db.prepare(
            `INSERT INTO jobs (kind, dedupe_key, payload, max_attempts, run_at, created_at, updated_at)
             VALUES (@kind, @dedupe_key, @payload, @max_attempts, @run_at, @now, @now)
             ON CONFLICT (dedupe_key) DO NOTHING`
        ),
        receipt: db.prepare(`INSERT INTO receipts (source, key, received_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING`),
        hasReceipt: db.prepare(`SELECT 1 FROM receipts WHERE source = ? AND key = ?`),
        claim: db.prepare(
            `UPDATE jobs SET locked_until = @lease, locked_by = @worker, attempts = attempts + 1, updated_at = @now
             WHERE id IN (
                 SELECT id FROM jobs
                 WHERE kind = @kind AND state = 'pending' AND run_at <= @now
                   AND (locked_until IS NULL OR locked_until < @now)
                 ORDER BY run_at, id LIMIT @limit)
             RETURNING *`
        ),
        complete: db.prepare(
            `UPDATE jobs SET state = 'done', locked_until = NULL, locked_by = NULL, last_error = NULL, updated_at = @now
             WHERE id = @id AND locked_by = @worker`
        ),
        fail: db.prepare(
            `UPDATE jobs SET state = CASE WHEN attempts >= max_attempts THEN 'dead' ELSE 'pending' END,
                 run_at = @run_at, last_error = @error, locked_until = NULL, locked_by = NULL, updated_at = @now
             WHERE id = @id AND locked_by = @worker`
        ),
        kill: db.prepare(
            `UPDATE jobs SET state = 'dead', last_error = @error, locked_until = NULL, locked_by = NULL, updated_at = @now
             WHERE id = @id AND locked_by = @worker`
        )
    };
}

function toJob<T>(r: JobRow): Job<T> {
    return {
        id: r.id,
        kind: r.kind,
        dedupeKey: r.dedupe_key,
        payload: JSON.parse(r.payload) as T,
        attempts: r.attempts,
        maxAttempts: r.max_attempts,
        runAt: r.run_at,
        lastError: r.last_error
    };
}

function bigintReplacer(_key: string, value: unknown): unknown {
    return typeof value === 'bigint' ? value.toString() : value;
}
