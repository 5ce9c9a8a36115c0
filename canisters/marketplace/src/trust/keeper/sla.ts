import { duePeriods, slaCredit, type Period } from '../domain/sla_credit';
import { MINUTE } from '../domain/time';
import { BPS } from '../domain/uptime/aggregate';
import type { ContractView, Table } from '../ports';
import type { Ctx } from './context';
import { describeError } from '../../kernel/error';
import { seqKey, type ContractTrust, type SlaRecord } from './state';

/** Reports for a minute may arrive a little late; a period is settled this long after it ends. */
export const SETTLE_GRACE = 15 * MINUTE;
const MAX_PERIODS_PER_CALL = 60;

/**
 * Settles the contract's finished SLA periods in order: decides each credit by the documented rule
 * and asks the market to move it from escrow to the tenant (journaled there as SlaCredit).
 */
export function settleSla(ctx: Ctx, view: ContractView): SlaRecord[] {
    if (view.startedAt === null) return [];
    const ct = ctx.contractTrust(view);
    const due = duePeriods(view.startedAt, view.plannedEnd, ctx.now - SETTLE_GRACE, ct.slaNext, MAX_PERIODS_PER_CALL);
    if (due.length === 0) return [];
    const targetBps = ctx.market.offering(view.offeringId)?.uptimeTargetBps ?? BPS;
    const periods = { ...ct.slaPeriods };
    const records = due.map((period) => {
        const counts = periods[period.index] ?? [0, 0];
        delete periods[period.index];
        const r = settlePeriod(ctx, view, counts, period, targetBps);
        ctx.tx.sla.put(seqKey(view.id, period.index), r);
        return r;
    });
    ctx.saveContract({ ...ct, slaPeriods: periods, slaNext: due[due.length - 1]!.index + 1 });
    ctx.touched.add(view.provider);
    return records;
}

function settlePeriod(ctx: Ctx, view: ContractView, [up, down]: [number, number], period: Period, targetBps: number): SlaRecord {
    const d = slaCredit({ upMinutes: up, downMinutes: down, period, contractStart: view.startedAt!, contractEnd: view.plannedEnd, contractTotal: view.total, targetBps });
    let paid = false;
    let credited = 0n;
    let note = d.outcome === 'insufficient_monitoring' ? 'less than half of the period was monitored' : '';
    if (d.credit > 0n) {
        const closed = view.phase !== 'open';
        const r = ctx.market.creditTenant(view.id, d.credit, `sla:${view.id}:${period.index}`, { start: period.start, end: period.end });
        paid = 'Ok' in r;
        credited = 'Ok' in r ? r.Ok.credited : 0n;
        if ('Err' in r) note = `not credited: ${describeError(r.Err)}`;
        else if (!closed) note = 'credited from escrow';
        else note = credited < d.credit ? `partly credited from the provider's release of the period (${credited})` : "credited from the provider's release of the period";
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
        credited: credited.toString(),
        paid,
        note,
        settledAt: ctx.now
    };
}

export function recentSla(t: Table<string, SlaRecord>, c: ContractTrust, limit: number): SlaRecord[] {
    const out: SlaRecord[] = [];
    for (let i = c.slaNext - 1; i >= 0 && out.length < limit; i--) {
        const r = t.get(seqKey(c.contractId, i));
        if (r !== undefined) out.push(r);
    }
    return out;
}
