import { emptyPayer } from '../domain/contract_records';
import { checkFeedback, netOf, tally, type Feedback, type FeedbackAnswer } from '../domain/feedback';
import { ok, type Result } from '../../kernel/result';
import { addToRing } from '../domain/ring';
import { SCORE } from '../domain/score/constants';
import { contractTokens, voice } from '../domain/voice';
import type { Draft } from './effects';

/**
 * Only the tenant of a paid contract that ran and ended answers, once per contract. Each tenant's
 * first SCORE.feedbackPerTenant answers about a provider count with the tenant's voice (history
 * elsewhere × the contract's paid value, domain/voice.ts), "yes" and "no" alike; other answers, and
 * those of a voice 0, are kept with `counted: false` and weigh nothing.
 */
export function submitFeedback(ctx: Draft, caller: string, contractId: string, answer: FeedbackAnswer): Result<Feedback> {
    const v = ctx.contractView(contractId);
    if ('Err' in v) return v;
    const view = v.Ok;
    const allowed = checkFeedback({ id: view.id, tenant: view.tenant, phase: view.phase, startedAt: view.paid ? view.startedAt : null }, caller, ctx.get('feedback', view.id));
    if ('Err' in allowed) return allowed;
    const p = ctx.noteSignal(ctx.provider(view.provider));
    const payerKey = `${view.provider}|${caller}`;
    const payer = ctx.get('payers', payerKey) ?? emptyPayer();
    // Only tenants with history elsewhere speak for the market, as much as their contract was worth:
    // a sybil's praise, or its complaint about an hour, counts for nothing.
    const weight = payer.answers < SCORE.feedbackPerTenant ? voice(payer.independence ?? 0, contractTokens(view)) : 0;
    const counted = weight > 0;
    const fb: Feedback = { contractId: view.id, tenant: caller, at: ctx.now, ...answer, counted, weight };
    ctx.put('feedback', view.id, fb);
    ctx.put('payers', payerKey, { ...payer, answers: payer.answers + 1 });
    if (!counted) return saved(ctx, p, fb);
    return saved(ctx, { ...p, feedback: tally(p.feedback, answer, weight), feedbackDays: addToRing(p.feedbackDays, ctx.now, [netOf(answer, weight)]) }, fb);
}

function saved(ctx: Draft, p: Parameters<Draft['saveProvider']>[0], fb: Feedback): Result<Feedback> {
    ctx.saveProvider(p);
    return ok(fb);
}
