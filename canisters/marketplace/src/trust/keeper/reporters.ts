// Reporter authorization. The list itself is the market's (one list for both domains, in the
// market config): the trust domain reads roles and asks the market to change them.
import { ok, type Result } from '../../kernel/result';
import { invalid, unauthorized } from '../../kernel/error';
import type { Draft } from './effects';
import type { ReporterRole } from './state';
import type { MarketReads } from './view';

export function requireRole(market: MarketReads, caller: string, role: ReporterRole): Result<true> {
    const roles = market.reporterRoles(caller);
    if (roles.length === 0) return unauthorized(`report as a ${role}`, `caller ${caller} is not a registered ${role}`);
    if (!roles.includes(role)) return unauthorized(`report as a ${role}`, `caller is registered as ${roles.join(' and ')}, this needs a ${role}`);
    return ok(true);
}

/** Sets a principal's roles (empty = removed). Only controllers may call it. */
export function planSetReporter(ctx: Draft, by: { caller: string; isController: boolean }, principal: string, roles: readonly ReporterRole[]): Result<true> {
    if (!by.isController) return unauthorized('setTrustReporter', 'only controllers manage reporters');
    if (principal === '2vxsx-fae') return invalid('principal', 'the anonymous principal cannot report');
    ctx.setReporterRoles(principal, [...roles], by.caller);
    return ok(true);
}

/** Moves a reporter table of the earlier layout (trust's own list, one role each) into the market's list, then empties it. */
export function planMigration(ctx: Draft): Result<true> {
    const legacy = ctx.get('reporters', 'reporters');
    if (legacy === undefined || Object.keys(legacy).length === 0) return ok(true);
    for (const [p, r] of Object.entries(legacy)) {
        const roles = ctx.market.reporterRoles(p);
        if (!roles.includes(r.role)) ctx.setReporterRoles(p, [...roles, r.role], r.addedBy);
    }
    ctx.put('reporters', 'reporters', {});
    return ok(true);
}
