// The state-transition monitor shared by every notifying source (Uptime Kuma, Alertmanager): a
// notification is a change of state at its own time, not a sample. Transitions are stored by that
// time, so a late one (a delayed resend of an old DOWN) lands where it belongs and cannot reopen an
// outage that a later UP ended. A minute is down when a DOWN falls in it, or when the state at its
// start is DOWN and still vouched for: a DOWN vouches only until the notifier would have said it
// again (Kuma: its resend interval, or one beat without resends; Alertmanager: its repeat
// interval). Maintenance, pause, silences, or the notifier itself going away are all silence, and
// silence stops the down minutes. Tables in outbox/schema.ts (migration 4).
import type Database from 'better-sqlite3';
import { prepared } from '../outbox/prepared.js';
import { MINUTE_MS, minuteStart } from '../util/clock.js';
import { insertSample } from './sample.js';
import type { RelaySource } from './sources.js';

/** Down minutes older than the canister keeps (24 h) are not emitted. */
export const MAX_BACKFILL_MS = 23 * 60 * MINUTE_MS;
/** A DOWN counts until 1.5 × the interval at which the notifier repeats it. */
export const VOUCH_SLACK = 1.5;

export type MonitorState = 'up' | 'down' | 'maintenance';

export interface Transition {
    source: RelaySource;
    contractId: string;
    monitorId: string;
    /** The notifier's own time of the change (ms). */
    at: number;
    state: MonitorState;
    /** Until when this notification vouches for its state (ms); for a DOWN, when a repeat was due. */
    vouchedUntil: number;
    latencyMs: number | null;
}

interface Row {
    at: number;
    state: MonitorState;
    vouched_until: number;
    latency_ms: number | null;
}

interface Key {
    source: RelaySource;
    contract_id: string;
    monitor_id: string;
    emitted_until: number;
}

/** Records one notification; `late` when a newer transition of that monitor is already known. */
export function applyTransition(db: Database.Database, t: Transition): 'applied' | 'late' {
    prepared(db, `INSERT INTO monitor_transitions (source, contract_id, monitor_id, at, state, vouched_until, latency_ms) VALUES (?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (source, contract_id, monitor_id, at) DO UPDATE SET state = excluded.state, vouched_until = MAX(vouched_until, excluded.vouched_until)`).run(
        t.source, t.contractId, t.monitorId, t.at, t.state, t.vouchedUntil, t.latencyMs
    );
    // Minutes from this one on are judged again at the next roll-up (already reported ones keep their first verdict).
    prepared(db, `INSERT INTO monitor_progress (source, contract_id, monitor_id, emitted_until) VALUES (?, ?, ?, ?)
        ON CONFLICT (source, contract_id, monitor_id) DO UPDATE SET emitted_until = MIN(emitted_until, excluded.emitted_until)`).run(t.source, t.contractId, t.monitorId, minuteStart(t.at));
    const newer = prepared(db, `SELECT 1 FROM monitor_transitions WHERE source = ? AND contract_id = ? AND monitor_id = ? AND at > ? LIMIT 1`).get(t.source, t.contractId, t.monitorId, t.at);
    return newer === undefined ? 'applied' : 'late';
}

/** The state of every monitor in minutes [emitted_until, cutoff) becomes samples (called by the roll-up). */
export function emitTransitionMinutes(db: Database.Database, cutoff: number): void {
    const keys = prepared(db, `SELECT * FROM monitor_progress WHERE emitted_until < ?`).all(cutoff) as Key[];
    for (const k of keys) {
        const from = Math.max(k.emitted_until, minuteStart(cutoff - MAX_BACKFILL_MS));
        const rows = prepared(db,
            `SELECT at, state, vouched_until, latency_ms FROM monitor_transitions WHERE source = ? AND contract_id = ? AND monitor_id = ? AND at >= COALESCE(
                (SELECT MAX(at) FROM monitor_transitions WHERE source = ? AND contract_id = ? AND monitor_id = ? AND at < ?), ?) AND at < ? ORDER BY at`
        ).all(k.source, k.contract_id, k.monitor_id, k.source, k.contract_id, k.monitor_id, from, from, cutoff) as Row[];
        emitMinutes(db, k, rows, from, cutoff);
        prepared(db, `UPDATE monitor_progress SET emitted_until = ? WHERE source = ? AND contract_id = ? AND monitor_id = ?`).run(cutoff, k.source, k.contract_id, k.monitor_id);
        // What is older than the backfill window, except the state at its start, is no longer needed.
        prepared(db, `DELETE FROM monitor_transitions WHERE source = ? AND contract_id = ? AND monitor_id = ? AND at < ? AND at < (SELECT MAX(at) FROM monitor_transitions WHERE source = ? AND contract_id = ? AND monitor_id = ? AND at < ?)`).run(
            k.source, k.contract_id, k.monitor_id, from, k.source, k.contract_id, k.monitor_id, from
        );
    }
}

function emitMinutes(db: Database.Database, k: Key, rows: readonly Row[], from: number, cutoff: number): void {
    let i = 0;
    let governing: Row | undefined;
    for (let m = from; m < cutoff; m += MINUTE_MS) {
        const within: Row[] = [];
        while (i < rows.length && rows[i]!.at < m + MINUTE_MS) {
            if (rows[i]!.at >= m) within.push(rows[i]!);
            governing = rows[i++];
        }
        const sample = minuteSample(m, within, governing);
        if (sample !== null) insertSample(db, { contractId: k.contract_id, source: k.source, ...sample });
        // Nothing more to say until the next transition: skip ahead.
        if (within.length === 0 && sample === null && i < rows.length) m = Math.max(m, minuteStart(rows[i]!.at) - MINUTE_MS);
        if (sample === null && i >= rows.length && !(governing?.state === 'down' && governing.vouched_until > m)) break;
    }
}

function minuteSample(m: number, within: readonly Row[], governing: Row | undefined): { at: number; up: boolean; latencyMs: number | null } | null {
    if (within.some((r) => r.state === 'down')) return { at: m + MINUTE_MS / 2, up: false, latencyMs: null };
    const up = within.find((r) => r.state === 'up');
    if (up !== undefined) return { at: up.at, up: true, latencyMs: up.latency_ms };
    if (within.length === 0 && governing?.state === 'down' && m < governing.vouched_until) return { at: m + MINUTE_MS / 2, up: false, latencyMs: null };
    return null;
}
