import { err, ok, type Result } from '../../kernel/result';
import { inconsistent, invalid } from '../../kernel/error';
import { addToRing, emptyRing } from '../domain/ring';
import { addToPeriod, periodIndex } from '../domain/sla_credit';
import { DAY, floorTo, MINUTE } from '../domain/time';
import { applyMinuteChange, BPS, updateIncidents, windowUptime } from '../domain/uptime/aggregate';
import { moveShare, tenantShare } from '../domain/uptime/median';
import { countsDelta, mergeMinute, type Probe, type VoterClass } from '../domain/uptime/minute';
import { checkUptimeReport, type UptimeReport } from '../domain/validate';
import { sourceSpec } from '../domain/uptime/sources';
import { minuteWeight, reachMass } from '../domain/independence';
import type { BatchSpec, ItemOutcome } from './batch';
import type { Draft } from './effects';
import { minuteKey, type MinuteSlot } from './state';

const sameProbe = (a: Probe, b: Probe): boolean => a.up === b.up && a.down === b.down && a.latencyMs === b.latencyMs;

function loadMinute(ctx: Draft, contractId: string, minute: number): Result<MinuteSlot> {
    const slot = ctx.get('minutes', minuteKey(contractId, minute));
    if (slot === undefined || slot.minute < minute) return ok({ minute, probes: {}, receivedAt: {}, ids: {} });
    if (slot.minute > minute) return inconsistent(`minute ${minute} is older than the minute buckets kept`);
    return ok(slot);
}

export interface Voter {
    key: string;
    cls: VoterClass;
}

/**
 * A contract's assigned monitors: the platform's (Monitor role; its sources are kept apart under
 * `<principal>/<source>` and merged into one vote a minute, see domain/uptime/minute.ts) and the
 * monitors its provider or tenant declared. Anyone else is refused with NotAssigned.
 */
export function voterFor(ctx: Draft, caller: string, r: UptimeReport): Result<Voter> {
    const spec = sourceSpec(r.source);
    if (ctx.market.reporterRoles(caller).includes('monitor') && spec.cls !== 'declared') {
        return ok({ key: `${caller}/${r.source}`, cls: spec.cls === 'tenant' ? 'tenant' : 'platform' });
    }
    const declared = (ctx.get('monitors', r.contractId) ?? []).find((m) => m.principal === caller);
    if (declared === undefined) return err({ NotAssigned: { contractId: BigInt(r.contractId), monitor: caller } });
    if (spec.cls !== 'declared') return invalid('source', 'a declared monitor reports its own checks (source Monitor)');
    return ok({ key: caller, cls: declared.side });
}

function applyUptimeReport(ctx: Draft, r: UptimeReport, caller: string): Result<ItemOutcome> {
    const v = ctx.contractView(r.contractId);
    if ('Err' in v) return v;
    const view = v.Ok;
    const voter = voterFor(ctx, caller, r);
    if ('Err' in voter) return voter;
    const monitor = voter.Ok.key;
    if (view.startedAt === null) return inconsistent(`contract ${view.id} is not provisioned yet`);
    if (r.bucketStart < floorTo(view.startedAt, MINUTE) || r.bucketStart >= view.plannedEnd) {
        return inconsistent(`minute ${r.bucketStart} is outside the contract's service time`);
    }
    const slot = loadMinute(ctx, view.id, r.bucketStart);
    if ('Err' in slot) return slot;
    const probe: Probe = { up: r.up, down: r.down, latencyMs: r.latencyMs, cls: voter.Ok.cls };
    const prior = slot.Ok.probes[monitor];
    if (prior !== undefined) {
        if (sameProbe(prior, probe)) return ok('duplicate');
        return inconsistent(`monitor already reported minute ${r.bucketStart} with different counts (report ${slot.Ok.ids[monitor] ?? '?'})`);
    }
    const probes = { ...slot.Ok.probes, [monitor]: probe };
    const change = {
        minute: r.bucketStart,
        before: mergeMinute(slot.Ok.probes),
        after: mergeMinute(probes),
        targetBps: ctx.market.offering(view.offeringId)?.uptimeTargetBps ?? BPS,
        latencyMs: r.latencyMs
    };
    const ct = ctx.contractTrust(view);
    const inc = updateIncidents(ct.incidents, change);
    const [upD, downD] = countsDelta(change.before, change.after);
    const p = ctx.noteSignal(ctx.provider(view.provider));
    const rings = p.offeringUptime ?? {};
    // The score counts the minutes weighted by the tenant's independence (columns 4–5; a record of the
    // layout before independence counted in full, as its credit); the raw ones are shown.
    const payer = ctx.get('payers', `${view.provider}|${view.tenant}`);
    const w = payer === undefined ? 0 : minuteWeight(payer.independence ?? 1, payer.running);
    const ring = addToRing(rings[view.offeringId] ?? emptyRing(DAY, 30), r.bucketStart, [upD, downD, inc.countDelta, upD * w, downD * w]);
    const uptime = applyMinuteChange(ct.uptime, change, inc.countDelta);
    // The contract's 30-day share in its offering's tenant histogram (domain/uptime/median.ts).
    const month = windowUptime(uptime, ctx.now, '30d');
    const mass = payer === undefined ? 0 : reachMass(payer.independence ?? 1, payer.reach, payer.running);
    const share = tenantShare(month.upMinutes, month.downMinutes, mass, ctx.now, DAY);
    const shares = p.offeringShares ?? {};
    const histogram = moveShare(shares[view.offeringId] ?? emptyRing(DAY, 30), ct.share, share);
    ctx.saveProvider({ ...p, uptime: applyMinuteChange(p.uptime, change, inc.countDelta), offeringUptime: { ...rings, [view.offeringId]: ring }, offeringShares: { ...shares, [view.offeringId]: histogram } });
    ctx.saveContract({
        ...ct,
        uptime,
        share: share ?? undefined,
        incidents: inc.incidents,
        slaPeriods: addToOpenPeriod(ct.slaPeriods, ct.slaNext, periodIndex(r.bucketStart, view.startedAt), upD, downD),
        lastSignalAt: ctx.now
    });
    const s = slot.Ok;
    ctx.put('minutes', minuteKey(view.id, r.bucketStart), { minute: r.bucketStart, probes, receivedAt: { ...s.receivedAt, [monitor]: ctx.now }, ids: { ...s.ids, [monitor]: r.id } });
    return ok('applied');
}

/** Minutes of an already settled SLA period still count for uptime, not for its credit. */
function addToOpenPeriod(periods: Record<string, [number, number]>, next: number, index: number, up: number, down: number): Record<string, [number, number]> {
    return index < next ? periods : addToPeriod(periods, index, up, down);
}

/** Idempotent per (monitor, contract, minute), the report's natural key: no id table grows with every minute. */
export const uptimeBatch: BatchSpec<UptimeReport> = {
    kind: 'uptime',
    role: null,
    dedupeKey: null,
    validate: checkUptimeReport,
    apply: (ctx, r, monitor) => applyUptimeReport(ctx, r, monitor)
};
