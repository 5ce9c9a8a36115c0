import { checkFeedback, netOf, tally, type Feedback, type FeedbackAnswer } from '../domain/feedback';
import { ok, type Result } from '../domain/result';
import { addToRing } from '../domain/ring';
import type { Ctx } from './context';

export function submitFeedback(ctx: Ctx, caller: string, contractId: string, answer: FeedbackAnswer): Result<Feedback> {
    const v = ctx.contractView(contractId);
    if (!v.ok) return v;
    const view = v.value;
    const allowed = checkFeedback({ id: view.id, tenant: view.tenant, phase: view.phase, startedAt: view.startedAt }, caller, ctx.tx.feedback.get(view.id));
    if (!allowed.ok) return allowed;
    const fb: Feedback = { contractId: view.id, tenant: caller, at: ctx.now, ...answer };
    ctx.tx.feedback.put(view.id, fb);
    const p = ctx.noteSignal(ctx.provider(view.provider));
    ctx.saveProvider({ ...p, feedback: tally(p.feedback, answer), feedbackDays: addToRing(p.feedbackDays, ctx.now, [netOf(answer)]) });
    return ok(fb);
}
