// Uptime Kuma notifications are state transitions, not samples: a monitor is down from its DOWN
// notification until the next UP. While down, Kuma resends every `resendInterval` beats; when
// resends are configured and stop coming, the down state is no longer vouched for and stops
// producing down minutes (Kuma itself may be gone).
import type Database from 'better-sqlite3';
import { prepared } from '../outbox/prepared.js';
import { MINUTE_MS, minuteStart } from '../util/clock.js';
import { insertSample } from './sample.js';

/** A resend counts as late after 1.5 × the expected interval. */
const RESEND_SLACK = 1.5;
/** Down minutes older than the canister keeps (24 h) are not emitted. */
const MAX_BACKFILL_MS = 23 * 60 * MINUTE_MS;

export type KumaStatus = 'up' | 'down' | 'maintenance';

export interface KumaNotification {
    contractId: string;
    monitorId: number;
    status: KumaStatus;
    at: number;
    /** Kuma's resendInterval (beats) × interval (s), in ms; 0 = no resends. */
    resendMs: number;
    latencyMs: number | null;
}

interface Row {
    contract_id: string;
    monitor_id: number;
    state: KumaStatus;
    since: number;
    last_notified: number;
    resend_ms: number;
    emitted_until: number;
}

export function ensureKumaTables(db: Database.Database): void {
    db.exec(`CREATE TABLE IF NOT EXISTS kuma_states (
        contract_id    TEXT    NOT NULL,
        monitor_id     INTEGER NOT NULL,
        state          TEXT    NOT NULL,
        since          INTEGER NOT NULL,
        last_notified  INTEGER NOT NULL,
        resend_ms      INTEGER NOT NULL,
        emitted_until  INTEGER NOT NULL,
        PRIMARY KEY (contract_id, monitor_id)
    ) WITHOUT ROWID`);
}

const get = (db: Database.Database, c: string, m: number): Row | undefined =>
    prepared(db, `SELECT * FROM kuma_states WHERE contract_id = ? AND monitor_id = ?`).get(c, m) as Row | undefined;

function put(db: Database.Database, r: Row): void {
    prepared(db, `INSERT OR REPLACE INTO kuma_states (contract_id, monitor_id, state, since, last_notified, resend_ms, emitted_until) VALUES (?, ?, ?, ?, ?, ?, ?)`).run(
        r.contract_id, r.monitor_id, r.state, r.since, r.last_notified, r.resend_ms, r.emitted_until
    );
}

/** Down minutes [from, to) of one monitor, stopping where an expected resend did not come. */
function emitDown(db: Database.Database, r: Row, to: number): number {
    const vouched = r.resend_ms > 0 ? r.last_notified + RESEND_SLACK * r.resend_ms : Number.POSITIVE_INFINITY;
    const end = Math.min(to, minuteStart(vouched) + MINUTE_MS);
    let m = Math.max(r.emitted_until, minuteStart(to - MAX_BACKFILL_MS));
    for (; m < end; m += MINUTE_MS) insertSample(db, { contractId: r.contract_id, source: 'uptime_kuma', at: m + MINUTE_MS / 2, up: false, latencyMs: null });
    return Math.max(r.emitted_until, m);
}

/** Applies one notification; returns false for a repeat (same state, no news). */
export function applyKumaNotification(db: Database.Database, n: KumaNotification): boolean {
    ensureKumaTables(db);
    const prev = get(db, n.contractId, n.monitorId);
    if (n.status === 'down') {
        if (prev?.state === 'down') {
            put(db, { ...prev, last_notified: Math.max(prev.last_notified, n.at), resend_ms: n.resendMs });
            return true;
        }
        put(db, { contract_id: n.contractId, monitor_id: n.monitorId, state: 'down', since: n.at, last_notified: n.at, resend_ms: n.resendMs, emitted_until: minuteStart(n.at) });
        return true;
    }
    // Up (or maintenance) ends a down state: its remaining minutes up to now are down.
    const until = prev?.state === 'down' ? emitDown(db, prev, minuteStart(n.at)) : minuteStart(n.at);
    put(db, { contract_id: n.contractId, monitor_id: n.monitorId, state: n.status, since: n.at, last_notified: n.at, resend_ms: n.resendMs, emitted_until: until });
    if (n.status === 'up') insertSample(db, { contractId: n.contractId, source: 'uptime_kuma', at: Math.max(n.at, until), up: true, latencyMs: n.latencyMs });
    return true;
}

/** Turns open down states into one down sample per closed minute (called by the roll-up). */
export function emitKumaMinutes(db: Database.Database, cutoff: number): void {
    ensureKumaTables(db);
    const rows = prepared(db, `SELECT * FROM kuma_states WHERE state = 'down' AND emitted_until < ?`).all(cutoff) as Row[];
    for (const r of rows) put(db, { ...r, emitted_until: emitDown(db, r, cutoff) });
}
