import type { Core } from '../context.js';
import { chatwootEffects, type ChatwootEffects } from '../chatwoot/signals.js';
import { withoutForeignSignals } from '../chatwoot/tenants.js';
import { applyWaiting } from '../chatwoot/waiting.js';
import { parseJson } from '../http/json.js';
import type { Handler, Reply } from '../http/router.js';
import { JobKind } from '../outbox/kinds.js';
import { verifyChatwoot } from '../verify/chatwoot.js';

export interface ChatwootWebhookOptions {
    secret: string;
    toleranceSec: number;
    accountId: number;
    helpbotEnabled: boolean;
}

/** POST /webhooks/chatwoot: verify, deduplicate by delivery id, store the derived signals, 200. */
export function chatwootWebhook(core: Core, opts: ChatwootWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        const now = core.clock.now();
        const { deliveryId } = verifyChatwoot(ctx.headers, ctx.rawBody, opts.secret, now, opts.toleranceSec);
        const parsed = chatwootEffects(parseJson(ctx.rawBody), opts.accountId, now);
        const { effects, refused } = withoutForeignSignals(core.store.db, parsed);
        if (refused > 0) {
            core.metrics.inc('relay_chat_signals_refused_total', {}, refused, "Chat signals dropped: the conversation's contact is not the contract's tenant");
            core.log.warn('chat signals refused: contact is not the tenant', { contractId: parsed.events[0]?.contractId, customer: parsed.customer });
        }
        const fresh = await core.commit.run(() => store(core, deliveryId, effects, opts.helpbotEnabled));
        core.metrics.inc('relay_webhooks_total', { source: 'chatwoot', outcome: fresh ? 'accepted' : 'duplicate' }, 1, 'Webhooks by source and outcome');
        if (!fresh) return { status: 200, body: { status: 'duplicate' } };
        if (effects.events.length > 0) core.wake(JobKind.conversationEvent);
        if (effects.helpbot && opts.helpbotEnabled) core.wake(JobKind.helpbotAnswer);
        return { status: 200, body: { status: 'accepted', signals: effects.events.length } };
    };
}

function store(core: Core, deliveryId: string, effects: ChatwootEffects, helpbotEnabled: boolean): boolean {
    if (!core.store.receipt('chatwoot', deliveryId)) return false;
    for (const e of effects.events) core.store.insert({ kind: JobKind.conversationEvent, dedupeKey: e.id, payload: e });
    if (effects.waiting) applyWaiting(core.store.db, effects.waiting);
    const h = effects.helpbot;
    if (h && helpbotEnabled) {
        core.store.insert({ kind: JobKind.helpbotAnswer, dedupeKey: `helpbot:${h.accountId}:${h.messageId}`, payload: h, maxAttempts: 5 });
    }
    return true;
}
