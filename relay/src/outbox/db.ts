import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './schema.js';

export type SyncMode = 'normal' | 'full';

/**
 * Opens the relay's SQLite database in WAL mode. With `full`, every commit is fsynced (durable
 * against power loss); with `normal`, a commit survives a process crash (kill -9) and the WAL is
 * synced at checkpoints. Writes are grouped into few transactions by `GroupCommitter`.
 */
export function openDatabase(path: string, sync: SyncMode = 'full'): Database.Database {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
}
