import type { Core } from '../context.js';
import { isOwnMessage } from '../chatwoot/own_messages.js';
import { chatwootEffects, type ChatwootEffects } from '../chatwoot/signals.js';
import { withoutForeignSignals } from '../chatwoot/tenants.js';
import { applyWaiting } from '../chatwoot/waiting.js';
import { parseJson } from '../http/json.js';
import type { Handler, Reply } from '../http/router.js';
import { JobKind } from '../outbox/kinds.js';
import { CHATWOOT_SIGNING_SINCE, verifyChatwoot, type NamedSecret } from '../verify/chatwoot.js';
import { VerificationError } from '../verify/errors.js';

export interface ChatwootWebhookOptions {
    secrets: readonly NamedSecret[];
    toleranceSec: number;
    accountId: number;
    helpbotEnabled: boolean;
    /** Canister time minus this machine's time (see util/canister_clock.ts). */
    canisterOffsetMs: () => number;
}

/** POST /webhooks/chatwoot: verify, deduplicate by delivery id, store the derived signals, 200. */
export function chatwootWebhook(core: Core, opts: ChatwootWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        const now = core.clock.now();
        const delivery = verify(core, opts, ctx.headers, ctx.rawBody, now);
        const parsed = chatwootEffects(parseJson(ctx.rawBody), opts.accountId, now);
        const { effects, refused } = withoutForeignSignals(core.store.db, parsed);
        if (refused > 0) {
            core.metrics.inc('relay_chat_signals_refused_total', {}, refused, "Chat signals dropped: the conversation's contact is not the contract's tenant");
            core.log.warn('chat signals refused: contact is not the tenant', { contractId: parsed.events[0]?.contractId, customer: parsed.customer });
        }
        const offset = opts.canisterOffsetMs();
        const fresh = await core.commit.run(() => store(core, delivery.deliveryId, effects, opts, offset));
        core.metrics.inc('relay_webhooks_total', { source: 'chatwoot', outcome: fresh ? 'accepted' : 'duplicate' }, 1, 'Webhooks by source and outcome');
        core.log.info('chatwoot delivery verified', { deliveryId: delivery.deliveryId, verifiedBy: delivery.verifiedBy, fresh });
        if (!fresh) return { status: 200, body: { status: 'duplicate' } };
        if (effects.events.length > 0) core.wake(JobKind.conversationEvent);
        if (effects.bind) core.wake(JobKind.chatwootBind);
        if (effects.helpbot && opts.helpbotEnabled) core.wake(JobKind.helpbotAnswer);
        return { status: 200, body: { status: 'accepted', signals: effects.events.length, verifiedBy: delivery.verifiedBy } };
    };
}

function verify(core: Core, opts: ChatwootWebhookOptions, headers: Parameters<typeof verifyChatwoot>[0], raw: Buffer, now: number) {
    try {
        return verifyChatwoot(headers, raw, opts.secrets, now, opts.toleranceSec);
    } catch (e) {
        if (e instanceof VerificationError && e.reason === 'unsigned') {
            core.log.warn('unsigned Chatwoot delivery refused', { minimumVersion: CHATWOOT_SIGNING_SINCE, configured: opts.secrets.map((s) => s.name) });
        }
        throw e;
    }
}

function store(core: Core, deliveryId: string, parsed: ChatwootEffects, opts: ChatwootWebhookOptions, offsetMs: number): boolean {
    if (!core.store.receipt('chatwoot', deliveryId)) return false;
    const reply = parsed.events.find((e) => e.kind === 'provider_reply');
    const own = reply !== undefined && parsed.message !== null && parsed.bind !== null && isOwnMessage(core.store.db, parsed.bind.accountId, parsed.message);
    const effects = own ? { ...parsed, events: [], waiting: null } : parsed;
    for (const e of effects.events) core.store.insert({ kind: JobKind.conversationEvent, dedupeKey: e.id, payload: { ...e, at: e.at + offsetMs } });
    if (effects.waiting) applyWaiting(core.store.db, effects.waiting);
    if (effects.bind) core.store.insert({ kind: JobKind.chatwootBind, dedupeKey: `chatwoot:bind:${effects.bind.accountId}:${effects.bind.conversationId}`, payload: effects.bind, maxAttempts: 20 });
    const h = effects.helpbot;
    if (h && opts.helpbotEnabled) {
        core.store.insert({ kind: JobKind.helpbotAnswer, dedupeKey: `helpbot:${h.accountId}:${h.messageId}`, payload: h, maxAttempts: 5 });
    }
    return true;
}
