import type Database from 'better-sqlite3';
import type { Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { OutboxStore } from '../outbox/store.js';
import type { Clock } from '../util/clock.js';
import type { ChatwootClient } from './client.js';
import { postAsRelay } from './own_messages.js';
import { singleLane } from './provisioning.js';

/** A message from the relay to the customer in a conversation (never counted as a reply). */
export interface ChatwootNotice {
    accountId: number;
    conversationId: number;
    content: string;
}

export function queueNotice(store: OutboxStore, dedupeKey: string, notice: ChatwootNotice): void {
    store.insert({ kind: JobKind.chatwootNotice, dedupeKey: `notice:${dedupeKey}`, payload: notice, maxAttempts: 10 });
}

/** `chatwoot.notice`: posts the notice as the bot. */
export function noticeLane(db: Database.Database, chatwoot: ChatwootClient, clock: Clock): Lane<ChatwootNotice> {
    return singleLane<ChatwootNotice>(JobKind.chatwootNotice, async (n) => {
        await postAsRelay(db, chatwoot, clock.now(), n.accountId, n.conversationId, n.content);
        return { status: 'done' };
    });
}
