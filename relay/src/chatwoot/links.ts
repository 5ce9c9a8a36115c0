import type Database from 'better-sqlite3';
import { prepared } from '../outbox/prepared.js';

/** Local id (provider, tenant, contract) → Chatwoot id (agent, contact, conversation). */
export type LinkKind = 'agent' | 'contact' | 'conversation';

export function getLink(db: Database.Database, kind: LinkKind, localId: string): number | null {
    const row = prepared(db, `SELECT chatwoot_id FROM chatwoot_links WHERE kind = ? AND local_id = ?`).get(kind, localId) as { chatwoot_id: number } | undefined;
    return row?.chatwoot_id ?? null;
}

export function setLink(db: Database.Database, kind: LinkKind, localId: string, chatwootId: number): void {
    prepared(db, `INSERT INTO chatwoot_links (kind, local_id, chatwoot_id) VALUES (?, ?, ?) ON CONFLICT DO UPDATE SET chatwoot_id = excluded.chatwoot_id`).run(kind, localId, chatwootId);
}
