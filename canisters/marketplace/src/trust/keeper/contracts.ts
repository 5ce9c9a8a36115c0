import { applyStatusChange, countPaidRequest, tenantWeight } from '../domain/contracts';
import { emptyPayer, MONTH, type StatusChange, type TrustStatus } from '../domain/contract_records';
import { emptyHistory, monthsAt, moveHistory } from '../domain/independence';
import { windowUptime } from '../domain/uptime/aggregate';
import { closeWait, withVoice } from '../domain/silence';
import type { ContractView } from '../ports';
import type { Draft } from './effects';
import { markServed } from './market';
import { countedHistory, moveVouch } from './circles';

const ENDED: readonly TrustStatus[] = ['completed', 'cancelled', 'expired', 'rejected', 'provisioning_failed'];

/** The share of a contract's downtime budget measured used (1 = at its target; a 100 % target's budget is 0). */
const budgetUsed = (down: number, allowed: number): number => (down <= 0 ? 0 : allowed <= 0 ? 1 : down / allowed);

/**
 * Applies a contract status change to the provider's counters. Unpaid contracts change nothing
 * (money at risk is the only evidence). Counters move from the status last seen here, so a missed
 * change cannot unbalance them.
 */
export function onStatusChange(ctx: Draft, view: ContractView): void {
    // Unpaid contracts are not even stored: free requests cannot grow the trust tables.
    if (!view.paid) return;
    const ct = ctx.contractTrust(view);
    const newlyPaid = ct.paidSeen !== true;
    if (ct.status === view.status && !newlyPaid) return;
    ctx.saveContract({ ...ct, status: view.status, paidSeen: true });
    const p0 = ctx.provider(view.provider);
    const stats = newlyPaid ? countPaidRequest(p0.contracts) : p0.contracts;
    const payerKey = `${view.provider}|${view.tenant}`;
    const payer = ctx.get('payers', payerKey);
    const history = ctx.get('histories', view.tenant) ?? emptyHistory();
    // The tenant's history elsewhere: its paid months with every provider but this one.
    const here = payer === undefined ? 0 : tenantWeight(payer, ctx.now);
    const measured = windowUptime(ct.uptime, ctx.now, '30d');
    const change: StatusChange = {
        contractId: view.id,
        tenant: view.tenant,
        // Paid inside one trust status (Requested → Pending): counts as the contract's first paid step.
        from: newlyPaid && ct.status === view.status ? null : ct.status,
        to: view.status,
        at: ctx.now,
        paid: true,
        startedAt: view.startedAt,
        plannedStart: view.plannedStart,
        plannedEnd: view.plannedEnd,
        value: view.total,
        monthlyTokens: view.monthlyTokens,
        elsewhereMonths: Math.max(0, monthsAt(history, ctx.now, MONTH) - here),
        countedElsewhereMonths: countedHistory(ctx, history, view.provider),
        // Counted up minutes of the contract's last 30 days: the platform's measure of its service.
        measuredSeconds: measured.upMinutes * 60,
        budgetUsed: budgetUsed(measured.downMinutes, measured.allowedDownMinutes)
    };
    const serving = ctx.get('serving', view.id) ?? undefined;
    const out = applyStatusChange(stats, change, serving, payer);
    const next = out?.stats ?? stats;
    if (out?.serving !== undefined) ctx.put('serving', view.id, out.serving);
    if (out?.payer !== undefined) {
        ctx.put('payers', payerKey, out.payer);
        const moved = moveVouch(ctx, history, view.provider, out.payer, out.serving, serving);
        ctx.put('histories', view.tenant, moveHistory(moved, payer ?? emptyPayer(), out.payer));
    }
    let p = { ...p0, contracts: next };
    if (ENDED.includes(view.status)) p = { ...p, waits: closeWait(p.waits, view.id), waitVoices: withVoice(p.waitVoices, view.id, null) };
    ctx.saveProvider(p);
    // A provisioned paid contract brings its offering into the price index.
    if (next.provisioned > p0.contracts.provisioned) markServed(ctx, view.offeringId, out?.payer?.independence ?? 0);
}
