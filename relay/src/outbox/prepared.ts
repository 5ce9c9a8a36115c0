import type Database from 'better-sqlite3';

const cache = new WeakMap<Database.Database, Map<string, Database.Statement>>();

/** A prepared statement, compiled once per database and SQL text. */
export function prepared(db: Database.Database, sql: string): Database.Statement {
    let byText = cache.get(db);
    if (!byText) cache.set(db, (byText = new Map()));
    let stmt = byText.get(sql);
    if (!stmt) byText.set(sql, (stmt = db.prepare(sql)));
    return stmt;
}
