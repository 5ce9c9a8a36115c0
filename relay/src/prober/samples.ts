import type Database from 'better-sqlite3';
import type { UptimeMinute } from '../gateway/types.js';
import { JobKind } from '../outbox/kinds.js';
import type { OutboxStore } from '../outbox/store.js';
import { MINUTE_MS, minuteStart } from '../util/clock.js';
import { prepared } from '../outbox/prepared.js';
import { emitTransitionMinutes } from './transitions.js';
import { isOneSample, type RelaySource } from './sources.js';
import { insertSample } from './sample.js';

export { insertSample, type UptimeSample } from './sample.js';

/** Whether a source already gave a sample for this contract in the minute of `at`. */
export function hasSampleInMinute(db: Database.Database, contractId: string, source: RelaySource, at: number): boolean {
    const from = minuteStart(at);
    return prepared(db, `SELECT 1 FROM uptime_samples WHERE contract_id = ? AND source = ? AND at >= ? AND at < ? LIMIT 1`).get(contractId, source, from, from + MINUTE_MS) !== undefined;
}

interface Bucket {
    contract_id: string;
    source: RelaySource;
    minute: number;
    up: number;
    down: number;
    latency: number | null;
}

/**
 * Turns every sample of minutes that ended more than `graceMs` ago into one `uptime.minute`
 * job per (contract, source, minute) — each source is its own vote on the canister — and deletes
 * those samples, in one transaction. Notifying monitors' states first become samples (transitions.ts).
 */
export function rollUpMinutes(store: OutboxStore, now: number, graceMs = 5_000): number {
    const cutoff = minuteStart(now - graceMs);
    return store.db.transaction(() => {
        emitTransitionMinutes(store.db, cutoff);
        const buckets = prepared(store.db,
                `SELECT contract_id, source, (at / ${MINUTE_MS}) * ${MINUTE_MS} AS minute,
                        SUM(up) AS up, SUM(1 - up) AS down, AVG(CASE WHEN up = 1 THEN latency_ms END) AS latency
                 FROM uptime_samples WHERE at < ? GROUP BY contract_id, source, minute`
            )
            .all(cutoff) as Bucket[];
        for (const b of buckets) insertMinute(store, b, now);
        prepared(store.db, `DELETE FROM uptime_samples WHERE at < ?`).run(cutoff);
        return buckets.length;
    })();
}

function insertMinute(store: OutboxStore, b: Bucket, now: number): void {
    const id = `${b.contract_id}:${b.minute}:${b.source}`;
    // Several monitors of one notifying source vote as one: a minute is down when any saw it down.
    const one = isOneSample(b.source);
    const [up, down] = one ? (b.down > 0 ? [0, 1] : [1, 0]) : [b.up, b.down];
    const minute: UptimeMinute = {
        id,
        contractId: b.contract_id,
        minuteStart: b.minute,
        up,
        down,
        avgLatencyMs: b.latency === null ? null : Math.round(b.latency),
        source: b.source
    };
    if (store.insert({ kind: JobKind.uptimeMinute, dedupeKey: id, payload: minute })) return;
    // A one-sample source's minute was reported already: the canister keeps the first verdict.
    if (one) return;
    // Late probe samples for a minute already reported go out as a separate, still unique, record.
    const late = { ...minute, id: `${id}:late:${now}` };
    store.insert({ kind: JobKind.uptimeMinute, dedupeKey: late.id, payload: late });
}
