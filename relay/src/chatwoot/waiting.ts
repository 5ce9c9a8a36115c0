import type Database from 'better-sqlite3';
import type { WaitingChange } from './signals.js';
import { prepared } from '../outbox/prepared.js';

/**
 * Per conversation: since when the customer has been waiting for a human answer. Tolerates
 * reordered deliveries: a reply older than the waiting start does not clear it, and a customer
 * message older than the last reply does not start a wait.
 */
export function applyWaiting(db: Database.Database, w: WaitingChange): void {
    prepared(db,
        `INSERT INTO conversations (account_id, conversation_id, contract_id) VALUES (?, ?, ?)
         ON CONFLICT DO UPDATE SET contract_id = excluded.contract_id`
    ).run(w.accountId, w.conversationId, w.contractId);
    if (w.customerAt !== undefined) {
        prepared(db,
            `UPDATE conversations SET waiting_since = MIN(COALESCE(waiting_since, @at), @at)
             WHERE account_id = @a AND conversation_id = @c AND (last_reply_at IS NULL OR last_reply_at < @at)`
        ).run({ a: w.accountId, c: w.conversationId, at: w.customerAt });
    }
    if (w.replyAt !== undefined) {
        prepared(db,
            `UPDATE conversations SET last_reply_at = MAX(COALESCE(last_reply_at, @at), @at),
                 waiting_since = CASE WHEN waiting_since <= @at THEN NULL ELSE waiting_since END,
                 silence_notified = CASE WHEN waiting_since <= @at THEN NULL ELSE silence_notified END
             WHERE account_id = @a AND conversation_id = @c`
        ).run({ a: w.accountId, c: w.conversationId, at: w.replyAt });
    }
}

export interface SilentConversation {
    accountId: number;
    conversationId: number;
    contractId: string;
    waitingSince: number;
}

/** Conversations whose customer has waited longer than `afterMs` and was not yet flagged. */
export function takeSilent(db: Database.Database, now: number, afterMs: number): SilentConversation[] {
    const rows = prepared(db,
            `UPDATE conversations SET silence_notified = @now
             WHERE waiting_since IS NOT NULL AND waiting_since < @cutoff AND silence_notified IS NULL AND contract_id IS NOT NULL
             RETURNING account_id, conversation_id, contract_id, waiting_since`
        )
        .all({ now, cutoff: now - afterMs }) as { account_id: number; conversation_id: number; contract_id: string; waiting_since: number }[];
    return rows.map((r) => ({ accountId: r.account_id, conversationId: r.conversation_id, contractId: r.contract_id, waitingSince: r.waiting_since }));
}
