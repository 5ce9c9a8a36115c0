import type Database from 'better-sqlite3';
import { dayKey } from '../util/clock.js';
import type { Channel } from './types.js';
import { prepared } from '../outbox/prepared.js';

/** Daily caps per provider and channel (UTC days). */
export function sentToday(db: Database.Database, providerId: string, channel: Channel, now: number): number {
    const row = prepared(db, `SELECT count FROM notify_counts WHERE provider_id = ? AND channel = ? AND day = ?`).get(providerId, channel, dayKey(now)) as { count: number } | undefined;
    return row?.count ?? 0;
}

export function countSent(db: Database.Database, providerId: string, channel: Channel, now: number): void {
    prepared(db,
        `INSERT INTO notify_counts (provider_id, channel, day, count) VALUES (?, ?, ?, 1)
         ON CONFLICT DO UPDATE SET count = count + 1`
    ).run(providerId, channel, dayKey(now));
}
