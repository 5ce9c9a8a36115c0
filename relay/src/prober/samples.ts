import type Database from 'better-sqlite3';
import type { UptimeMinute, UptimeSource } from '../gateway/types.js';
import { JobKind } from '../outbox/kinds.js';
import type { OutboxStore } from '../outbox/store.js';
import { MINUTE_MS, minuteStart } from '../util/clock.js';
import { prepared } from '../outbox/prepared.js';

export interface UptimeSample {
    contractId: string;
    source: UptimeSource;
    at: number;
    up: boolean;
    latencyMs: number | null;
}

export function insertSample(db: Database.Database, s: UptimeSample): void {
    prepared(db, `INSERT INTO uptime_samples (contract_id, source, at, up, latency_ms) VALUES (?, ?, ?, ?, ?)`).run(
        s.contractId,
        s.source,
        s.at,
        s.up ? 1 : 0,
        s.latencyMs
    );
}

interface Bucket {
    contract_id: string;
    minute: number;
    up: number;
    down: number;
    latency: number | null;
}

/**
 * Turns every sample of minutes that ended more than `graceMs` ago into one `uptime.minute`
 * job per (contract, minute), all sources together, and deletes those samples, in one transaction.
 */
export function rollUpMinutes(store: OutboxStore, now: number, graceMs = 5_000): number {
    const cutoff = minuteStart(now - graceMs);
    return store.db.transaction(() => {
        const buckets = prepared(store.db,
                `SELECT contract_id, (at / ${MINUTE_MS}) * ${MINUTE_MS} AS minute,
                        SUM(up) AS up, SUM(1 - up) AS down, AVG(CASE WHEN up = 1 THEN latency_ms END) AS latency
                 FROM uptime_samples WHERE at < ? GROUP BY contract_id, minute`
            )
            .all(cutoff) as Bucket[];
        for (const b of buckets) insertMinute(store, b, now);
        prepared(store.db, `DELETE FROM uptime_samples WHERE at < ?`).run(cutoff);
        return buckets.length;
    })();
}

function insertMinute(store: OutboxStore, b: Bucket, now: number): void {
    const id = `${b.contract_id}:${b.minute}`;
    const minute: UptimeMinute = {
        id,
        contractId: b.contract_id,
        minuteStart: b.minute,
        up: b.up,
        down: b.down,
        avgLatencyMs: b.latency === null ? null : Math.round(b.latency)
    };
    if (store.insert({ kind: JobKind.uptimeMinute, dedupeKey: id, payload: minute })) return;
    // Late samples for a minute already reported go out as a separate, still unique, record.
    const late = { ...minute, id: `${id}:late:${now}` };
    store.insert({ kind: JobKind.uptimeMinute, dedupeKey: late.id, payload: late });
}
