import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { migrate } from './schema.js';

export type SyncMode = 'normal' | 'full';

/**
 * Opens the relay's SQLite database in WAL mode. With `normal` (the default) a commit is in the
 * WAL before the 2xx and survives a crash of the process (kill -9); the WAL is fsynced at
 * checkpoints, so a power loss can undo the last commits. With `full` every commit is fsynced
 * as well (≈5 ms per commit on these disks, paid once per group by `GroupCommitter`, but on the
 * event loop).
 */
export function openDatabase(path: string, sync: SyncMode = 'normal'): Database.Database {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
}
