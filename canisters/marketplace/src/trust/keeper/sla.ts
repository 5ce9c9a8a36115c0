import { duePeriods, slaCredit, type Period } from '../domain/sla_credit';
import { MINUTE } from '../domain/time';
import { BPS } from '../domain/uptime/aggregate';
import type { ContractView } from '../ports';
import type { Rows } from './view';
import type { Draft } from './effects';
import { seqKey, type ContractTrust, type SlaRecord } from './state';

/** Reports for a minute may arrive a little late; a period is settled this long after it ends. */
export const SETTLE_GRACE = 15 * MINUTE;
const MAX_PERIODS_PER_CALL = 60;

/**
 * Settles the contract's finished SLA periods in order: decides each credit by the documented rule
 * and asks the market to move it from escrow to the tenant (journaled there as SlaCredit).
 */
export function settleSla(ctx: Draft, view: ContractView): SlaRecord[] {
    if (view.startedAt === null) return [];
    const ct = ctx.contractTrust(view);
    const due = duePeriods(view.startedAt, view.plannedEnd, ctx.now - SETTLE_GRACE, ct.slaNext, MAX_PERIODS_PER_CALL);
    if (due.length === 0) return [];
    const targetBps = ctx.market.offering(view.offeringId)?.uptimeTargetBps ?? BPS;
    const periods = { ...ct.slaPeriods };
    const records = due.map((period) => {
        const counts = periods[period.index] ?? [0, 0];
        delete periods[period.index];
        return settlePeriod(ctx, view, counts, period, targetBps);
    });
    ctx.saveContract({ ...ct, slaPeriods: periods, slaNext: due[due.length - 1]!.index + 1 });
    ctx.touched.add(view.provider);
    return records;
}

/** The period's record as decided; a credit is planned for the market, whose answer completes the record (apply.ts). */
function settlePeriod(ctx: Draft, view: ContractView, [up, down]: [number, number], period: Period, targetBps: number): SlaRecord {
    const d = slaCredit({ upMinutes: up, downMinutes: down, period, contractStart: view.startedAt!, contractEnd: view.plannedEnd, contractTotal: view.total, targetBps });
    const record: SlaRecord = {
        index: period.index,
        start: period.start,
        end: period.end,
        outcome: d.outcome,
        uptimeBps: d.uptimeBps,
        coverageBps: d.coverageBps,
        creditBps: d.creditBps,
        credit: d.credit.toString(),
        credited: '0',
        paid: false,
        note: d.outcome === 'insufficient_monitoring' ? 'less than half of the period was monitored' : '',
        settledAt: ctx.now
    };
    const key = seqKey(view.id, period.index);
    if (d.credit > 0n) ctx.credit({ key, contractId: view.id, amount: d.credit, ref: `sla:${view.id}:${period.index}`, period: { start: period.start, end: period.end }, closed: view.phase !== 'open', record });
    else ctx.put('sla', key, record);
    return record;
}

export function recentSla(t: Rows<SlaRecord>, c: ContractTrust, limit: number): SlaRecord[] {
    const out: SlaRecord[] = [];
    for (let i = c.slaNext - 1; i >= 0 && out.length < limit; i--) {
        const r = t.get(seqKey(c.contractId, i));
        if (r !== undefined) out.push(r);
    }
    return out;
}
