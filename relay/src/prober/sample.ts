import type Database from 'better-sqlite3';
import type { RelaySource } from './sources.js';
import { prepared } from '../outbox/prepared.js';

export interface UptimeSample {
    contractId: string;
    source: RelaySource;
    at: number;
    up: boolean;
    latencyMs: number | null;
}

export function insertSample(db: Database.Database, s: UptimeSample): void {
    prepared(db, `INSERT INTO uptime_samples (contract_id, source, at, up, latency_ms) VALUES (?, ?, ?, ?, ?)`).run(s.contractId, s.source, s.at, s.up ? 1 : 0, s.latencyMs);
}
