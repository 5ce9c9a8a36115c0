// Reporter authorization. The list itself is the market's (one list for both domains, in the
// market config): the trust domain reads roles and asks the market to change them.
import { ok, type Result } from '../../kernel/result';
import { invalid, unauthorized } from '../../kernel/error';
import type { MarketReader } from '../ports';
import type { LegacyReporters, Reporter, ReporterRole } from './state';

export function requireRole(market: MarketReader, caller: string, role: ReporterRole): Result<true> {
    const roles = market.reporterRoles(caller);
    if (roles.length === 0) return unauthorized(`report as a ${role}`, `caller ${caller} is not a registered ${role}`);
    if (!roles.includes(role)) return unauthorized(`report as a ${role}`, `caller is registered as ${roles.join(' and ')}, this needs a ${role}`);
    return ok(true);
}

/** Sets a principal's roles (empty = removed). Only controllers may call it. */
export function setReporter(market: MarketReader, by: { caller: string; isController: boolean }, principal: string, roles: readonly ReporterRole[]): Result<Reporter[]> {
    if (!by.isController) return unauthorized('setTrustReporter', 'only controllers manage reporters');
    if (principal === '2vxsx-fae') return invalid('principal', 'the anonymous principal cannot report');
    return ok(market.setReporterRoles(principal, roles, by.caller));
}

/** Moves a reporter table of the earlier layout (trust's own list, one role each) into the market's list. */
export function migrateLegacy(legacy: LegacyReporters | undefined, market: MarketReader): boolean {
    if (legacy === undefined || Object.keys(legacy).length === 0) return false;
    for (const [p, r] of Object.entries(legacy)) {
        const roles = market.reporterRoles(p);
        if (!roles.includes(r.role)) market.setReporterRoles(p, [...roles, r.role], r.addedBy);
    }
    return true;
}
