import type Database from 'better-sqlite3';
import type { ProviderContacts } from './types.js';
import { prepared } from '../outbox/prepared.js';

export function getContacts(db: Database.Database, providerId: string): ProviderContacts | null {
    const row = prepared(db, `SELECT telegram_chat_id, email, phone FROM provider_contacts WHERE provider_id = ?`).get(providerId) as
        | { telegram_chat_id: string | null; email: string | null; phone: string | null }
        | undefined;
    return row ? { telegramChatId: row.telegram_chat_id, email: row.email, phone: row.phone } : null;
}

export function setContacts(db: Database.Database, providerId: string, c: ProviderContacts, now: number): void {
    prepared(db,
        `INSERT INTO provider_contacts (provider_id, telegram_chat_id, email, phone, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT DO UPDATE SET telegram_chat_id = excluded.telegram_chat_id, email = excluded.email, phone = excluded.phone, updated_at = excluded.updated_at`
    ).run(providerId, c.telegramChatId, c.email, c.phone, now);
}
