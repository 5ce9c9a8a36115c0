// Monitors assigned to a contract: the platform's (Monitor role) and those its provider or tenant
// declared. Declaring is free, so it is bounded: paid, open contracts only, a few per contract.
import { ok, type Result } from '../../kernel/result';
import { invalid, notEligible, notFound, unauthorized } from '../../kernel/error';
import { MAX_DECLARED_MONITORS } from '../domain/validate';
import type { Draft } from './effects';
import type { DeclaredMonitor, MonitorSide } from './state';

const ANONYMOUS = '2vxsx-fae';

function sideOf(ctx: Draft, caller: string, contractId: string): Result<MonitorSide> {
    const v = ctx.contractView(contractId);
    if ('Err' in v) return v;
    if (caller === v.Ok.provider) return ok('provider');
    if (caller === v.Ok.tenant) return ok('tenant');
    return unauthorized('declareMonitor', 'only the contract’s provider or tenant declares its monitors');
}

export function declareMonitor(ctx: Draft, caller: string, contractId: string, monitor: string): Result<DeclaredMonitor[]> {
    const side = sideOf(ctx, caller, contractId);
    if ('Err' in side) return side;
    const view = ctx.market.contract(contractId)!;
    if (!view.paid || view.closedAt !== null) return notEligible('monitors are declared for paid, open contracts');
    if (monitor === ANONYMOUS) return invalid('monitor', 'the anonymous principal cannot report');
    if (ctx.market.reporterRoles(monitor).includes('monitor')) return invalid('monitor', 'platform monitors are assigned to every contract already');
    const list = ctx.get('monitors', contractId) ?? [];
    if (list.some((m) => m.principal === monitor)) return ok(list);
    if (list.length >= MAX_DECLARED_MONITORS) return invalid('monitor', `at most ${MAX_DECLARED_MONITORS} declared monitors per contract`);
    const next = [...list, { principal: monitor, side: side.Ok, declaredAt: ctx.now }];
    ctx.put('monitors', contractId, next);
    return ok(next);
}

export function removeMonitor(ctx: Draft, caller: string, contractId: string, monitor: string): Result<DeclaredMonitor[]> {
    const side = sideOf(ctx, caller, contractId);
    if ('Err' in side) return side;
    const list = ctx.get('monitors', contractId) ?? [];
    const m = list.find((x) => x.principal === monitor);
    if (m === undefined) return notFound('declared monitor', monitor);
    if (m.side !== side.Ok) return unauthorized('removeMonitor', `declared by the ${m.side}; only the ${m.side} removes it`);
    const next = list.filter((x) => x !== m);
    ctx.put('monitors', contractId, next);
    return ok(next);
}
