// The aggregates behind history elsewhere that stands on its own (domain/circles.ts): each
// provider's standing (memory 72), each pair's circular vouch (memory 73) and each tenant's tracked
// providers (in its history, memory 70). Reading a tenant's counted history reads at most
// TRACKED_PROVIDERS standings and circles; a write moves at most 2 × TRACKED_PROVIDERS records.
import { circleKey, countedElsewhere, planVouch, standingShare } from '../domain/circles';
import { MONTH, type Payer, type Serving } from '../domain/contract_records';
import { plannedMonths } from '../domain/contracts';
import type { TenantHistory } from '../domain/independence';
import { notFound, unauthorized } from '../../kernel/error';
import { ok, type Result } from '../../kernel/result';
import type { Standing } from '../domain/circles';
import type { Draft } from './effects';

/** The tenant's history with its tracked providers but `provider`, each counted by its standing without `provider`'s circle. */
export function countedHistory(ctx: Draft, history: TenantHistory, provider: string): number {
    const share = (q: string): number => standingShare(ctx.get('standing', q), ctx.get('circles', circleKey(q, provider)) ?? 0);
    return countedElsewhere(history.entries ?? [], provider, ctx.now, MONTH, share);
}

/**
 * The tenant's record with `provider` became `payer` (its contract's serving record `serving`,
 * `before` the change): moves the provider's standing and the circles, returns the history's entries.
 */
export function moveVouch(ctx: Draft, history: TenantHistory, provider: string, payer: Payer, serving: Serving | null | undefined, before: Serving | undefined): TenantHistory {
    const plan = planVouch(history.entries ?? [], provider, payer, plannedMonths(serving, before));
    if (plan.standing !== null) {
        const s = ctx.get('standing', provider) ?? { vouch: 0, months: 0 };
        ctx.put('standing', provider, { ...s, vouch: s.vouch + plan.standing.vouch, months: s.months + plan.standing.months });
    }
    for (const c of plan.circles) ctx.put('circles', c.key, (ctx.get('circles', c.key) ?? 0) + c.delta);
    return { ...history, entries: plan.entries };
}

/** Names a provider an anchor, or no longer one. Only controllers may: it is the platform's own word. */
export function planAnchor(ctx: Draft, by: { caller: string; isController: boolean }, provider: string, anchor: boolean): Result<Standing> {
    if (!by.isController) return unauthorized('setAnchorProvider', 'only controllers name anchor providers');
    if (ctx.market.provider(provider) === undefined) return notFound('provider', provider);
    const s: Standing = { vouch: 0, months: 0, ...ctx.get('standing', provider), anchor };
    ctx.put('standing', provider, s);
    return ok(s);
}
