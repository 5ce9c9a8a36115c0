// The one reporter list (relays and monitors) in the config: market and trust read it here.
import { ANONYMOUS, ok, type Config, type Reporter, type ReporterRole, type Result } from '../kernel/records';
import { invalid } from '../kernel/error';
import type { Clock } from '../kernel/time';

export interface ReporterDeps {
    config(): Config;
    putConfig(c: Config): void;
    clock: Clock;
}


export class Reporters {
    constructor(private readonly d: ReporterDeps) {}

    isRelay(p: string): boolean {
        return this.hasRole(p, 'relay');
    }

    hasRole(p: string, role: ReporterRole): boolean {
        return this.d.config().reporters.some((r) => r.principal === p && r.roles.includes(role));
    }

    reporterRoles(p: string): ReporterRole[] {
        return this.d.config().reporters.find((r) => r.principal === p)?.roles ?? [];
    }

    reporters(): Reporter[] {
        return this.d.config().reporters;
    }

    /**
     * Sets a principal's roles in the one reporter list (empty = removed). Authorization (controllers
     * only) is the caller's: `setTrustReporter`, `addRelay`, `removeRelay`.
     */
    setReporterRoles(principal: string, roles: readonly ReporterRole[], by: string): Result<Reporter[]> {
        if (principal === ANONYMOUS) return invalid('principal', 'the anonymous principal cannot report');
        const want = (['relay', 'monitor'] as const).filter((r) => roles.includes(r));
        const cfg = this.d.config();
        const old = cfg.reporters.find((r) => r.principal === principal);
        const rest = cfg.reporters.filter((r) => r.principal !== principal);
        const next = want.length === 0 ? rest : [...rest, { principal, roles: want, addedAt: old?.addedAt ?? this.d.clock(), addedBy: old?.addedBy ?? by }];
        this.d.putConfig({ ...cfg, reporters: next });
        return ok(next);
    }
}

/** The reporter list with exactly `relays` holding the relay role (monitor roles kept): the relays of an upgrade's arguments. */
export function withRelays(list: Reporter[], relays: string[], now: bigint): Reporter[] {
    const want = new Set(relays);
    const out: Reporter[] = [];
    for (const r of list) {
        const roles: ReporterRole[] = r.roles.filter((x) => x !== 'relay');
        if (want.has(r.principal)) roles.unshift('relay');
        want.delete(r.principal);
        if (roles.length > 0) out.push({ ...r, roles });
    }
    for (const principal of want) out.push({ principal, roles: ['relay'], addedAt: now, addedBy: '' });
    return out;
}
