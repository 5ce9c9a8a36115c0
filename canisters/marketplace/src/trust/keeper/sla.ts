import { duePeriods, periodBounds, slaCredit } from '../domain/sla_credit';
import { MINUTE } from '../domain/time';
import { BPS } from '../domain/uptime/aggregate';
import type { ContractView } from '../ports';
import type { Ctx } from './context';
import type { SlaRecord } from './state';

/** Reports for a minute may arrive a little late; a period is settled this long after it ends. */
export const SETTLE_GRACE = 15 * MINUTE;
const MAX_PERIODS_PER_CALL = 60;

/**
 * Settles the contract's finished SLA periods: decides each credit by the documented rule and asks
 * the market to move it from escrow to the tenant (journaled there as SlaCredit).
 */
export function settleSla(ctx: Ctx, view: ContractView): SlaRecord[] {
    if (view.startedAt === null) return [];
    const ct = ctx.contractTrust(view);
    const settled = ct.sla.map((r) => r.index);
    const due = duePeriods(view.startedAt, view.plannedEnd, ctx.now - SETTLE_GRACE, settled).slice(0, MAX_PERIODS_PER_CALL);
    if (due.length === 0) return [];
    const targetBps = ctx.market.offering(view.offeringId)?.uptimeTargetBps ?? BPS;
    const records = due.map((period) => settlePeriod(ctx, view, ct.slaPeriods[period.index] ?? [0, 0], periodBounds(period.index, view.startedAt!, view.plannedEnd), targetBps));
    ctx.saveContract({ ...ct, sla: [...ct.sla, ...records] });
    ctx.touched.add(view.provider);
    return records;
}

function settlePeriod(ctx: Ctx, view: ContractView, [up, down]: [number, number], period: ReturnType<typeof periodBounds>, targetBps: number): SlaRecord {
    const d = slaCredit({ upMinutes: up, downMinutes: down, period, contractStart: view.startedAt!, contractEnd: view.plannedEnd, contractTotal: view.total, targetBps });
    let paid = false;
    let note = d.outcome === 'insufficient_monitoring' ? 'less than half of the period was monitored' : '';
    if (d.credit > 0n) {
        const r = ctx.market.creditTenant(view.id, d.credit, `sla:${view.id}:${period.index}`);
        paid = r.ok;
        note = r.ok ? 'credited from escrow' : `not credited: ${r.reason}`;
    }
    return {
        index: period.index,
        start: period.start,
        end: period.end,
        outcome: d.outcome,
        uptimeBps: d.uptimeBps,
        coverageBps: d.coverageBps,
        creditBps: d.creditBps,
        credit: d.credit.toString(),
        paid,
        note,
        settledAt: ctx.now
    };
}
