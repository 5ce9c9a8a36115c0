import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { prepared } from '../outbox/prepared.js';
import type { ChatwootClient } from './client.js';

/**
 * The relay's own posts (help-bot answers, escalation notices) are never provider replies, whatever
 * sender Chatwoot gives them (with the API token they arrive as `user`). Each post is noted *before*
 * it is sent, by conversation and content, because its webhook can arrive before the API answers
 * with the message id.
 */
const hash = (content: string): string => createHash('sha256').update(content.trim()).digest('hex');

export async function postAsRelay(db: Database.Database, chatwoot: ChatwootClient, now: number, accountId: number, conversationId: number, content: string): Promise<number> {
    const row = prepared(db, 'INSERT INTO own_messages (account_id, conversation_id, content_hash, created_at) VALUES (?, ?, ?, ?)').run(accountId, conversationId, hash(content), now);
    const messageId = await chatwoot.postMessage(accountId, conversationId, content, true);
    prepared(db, 'UPDATE own_messages SET message_id = ? WHERE id = ? AND message_id IS NULL').run(messageId, row.lastInsertRowid);
    return messageId;
}

/** Is this message one the relay posted? A match by content claims the note for this message id. */
export function isOwnMessage(db: Database.Database, accountId: number, m: { id: number; conversationId: number; content: string }): boolean {
    if (prepared(db, 'SELECT 1 FROM own_messages WHERE account_id = ? AND message_id = ?').get(accountId, m.id)) return true;
    const claimed = prepared(db,
        `UPDATE own_messages SET message_id = @id
         WHERE id = (SELECT id FROM own_messages WHERE account_id = @a AND conversation_id = @c AND content_hash = @h AND message_id IS NULL ORDER BY id LIMIT 1)`
    ).run({ id: m.id, a: accountId, c: m.conversationId, h: hash(m.content) });
    return claimed.changes > 0;
}

export function pruneOwnMessages(db: Database.Database, before: number): number {
    return prepared(db, 'DELETE FROM own_messages WHERE created_at < ?').run(before).changes;
}
