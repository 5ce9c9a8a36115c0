import { addMeasurement, applyEvent, DEFAULT_RESPONSE_TARGET } from '../domain/responsiveness';
import { ok, type Result } from '../../kernel/result';
import { inconsistent, notEligible } from '../../kernel/error';
import { DAY } from '../domain/time';
import type { ContractView } from '../ports';
import { closeWait, openWait, withVoice } from '../domain/silence';
import { contractTokens, MEASURE_MIN_VOICE, voice } from '../domain/voice';
import { CHAT_GRACE_AFTER_CLOSE, checkConversationEvent, type ConversationEventReport } from '../domain/validate';
import type { BatchSpec, ItemOutcome } from './batch';
import type { Draft } from './effects';
import type { MarketReads } from './view';
import { seqKey } from './state';

export function responseTarget(market: MarketReads, offeringId: string): number {
    const s = market.offering(offeringId)?.responseTargetSeconds ?? 0;
    return s > 0 ? s : DEFAULT_RESPONSE_TARGET;
}

/** Chat signals only for paid contracts while they are open (and the last reply within the grace). */
export function chatEligible(view: ContractView, e: ConversationEventReport, waiting: boolean): Result<true> {
    if (!view.paid) return notEligible(`contract ${view.id} is not paid: its chat is no evidence`);
    if (view.closedAt === null) return ok(true);
    if (e.kind === 'provider_reply' && waiting && e.at <= view.closedAt + CHAT_GRACE_AFTER_CLOSE) return ok(true);
    return notEligible(`contract ${view.id} closed at ${view.closedAt}: only the provider's reply to a waiting message counts, within ${CHAT_GRACE_AFTER_CLOSE / DAY} days`);
}

function applyConversationEvent(ctx: Draft, e: ConversationEventReport, reporter: string): Result<ItemOutcome> {
    const v = ctx.contractView(e.contractId);
    if ('Err' in v) return v;
    const view = v.Ok;
    if (e.at < view.createdAt) return inconsistent(`event at ${e.at} precedes the contract's creation at ${view.createdAt}`);
    const ct = ctx.contractTrust(view);
    const eligible = chatEligible(view, e, ct.conversation.waitingSince !== null);
    if ('Err' in eligible) return eligible;
    const target = responseTarget(ctx.market, view.offeringId);
    const step = applyEvent(ct.conversation, { kind: e.kind, at: e.at }, target);
    if ('Err' in step) return step;
    const { conversation, measurement, wait } = step.Ok;
    let p = ctx.noteSignal(ctx.provider(view.provider));
    let r = ct.responsiveness;
    // The tenant's voice: its silence flag and its part in the provider's response figures.
    const said = voice(ctx.get('payers', `${view.provider}|${view.tenant}`)?.independence ?? 0, contractTokens(view));
    if (measurement !== null) {
        r = addMeasurement(r, measurement);
        if (said >= MEASURE_MIN_VOICE) p = { ...p, responsiveness: addMeasurement(p.responsiveness, measurement) };
    }
    if (e.kind === 'provider_reply') {
        const last = Math.max(p.responsiveness.lastReplyAt ?? e.at, e.at);
        p = { ...p, responsiveness: { ...p.responsiveness, lastReplyAt: last } };
        r = { ...r, lastReplyAt: e.at };
    }
    if (wait === 'opened' || wait === 'restarted') p = { ...p, waits: openWait(p.waits, view.id, conversation.waitingSince! + target), waitVoices: withVoice(p.waitVoices, view.id, said) };
    if (wait === 'closed') p = { ...p, waits: closeWait(p.waits, view.id), waitVoices: withVoice(p.waitVoices, view.id, null) };
    ctx.put('events', seqKey(view.id, ct.events), { kind: e.kind, sourceId: e.id, at: e.at, reporter, receivedAt: ctx.now });
    ctx.saveContract({ ...ct, conversation, responsiveness: r, events: ct.events + 1, lastSignalAt: ctx.now });
    ctx.saveProvider(p);
    return ok('applied');
}

export const conversationBatch: BatchSpec<ConversationEventReport> = {
    kind: 'conversation',
    role: 'relay',
    dedupeKey: (e) => e.id,
    validate: checkConversationEvent,
    apply: (ctx, e, reporter) => applyConversationEvent(ctx, e, reporter)
};
