import type { Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { ChatwootReply } from '../webhooks/telegram.js';
import type { ChatwootClient } from './client.js';
import { singleLane } from './provisioning.js';

/** `chatwoot.reply`: a provider's answer from Telegram, posted as a human message. */
export function replyLane(chatwoot: ChatwootClient): Lane<ChatwootReply> {
    return singleLane<ChatwootReply>(JobKind.chatwootReply, async (r) => {
        await chatwoot.postMessage(r.accountId, r.conversationId, r.content);
        return { status: 'done' };
    });
}
