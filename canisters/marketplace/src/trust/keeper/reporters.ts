import { err, ok, type Result } from '../domain/result';
import type { Table } from '../ports';
import type { Reporter, ReporterRole } from './state';

const KEY = 'reporters';

export function allReporters(t: Table<string, Record<string, Reporter>>): Record<string, Reporter> {
    return t.get(KEY) ?? {};
}

export function requireRole(t: Table<string, Record<string, Reporter>>, caller: string, role: ReporterRole): Result<true> {
    const r = allReporters(t)[caller];
    if (r === undefined) return err({ kind: 'Unauthorized', reason: `caller ${caller} is not a registered ${role}` });
    if (r.role !== role) return err({ kind: 'Unauthorized', reason: `caller is registered as ${r.role}, this needs a ${role}` });
    return ok(true);
}

/** Adds, changes (role) or removes (role null) a reporter. Only controllers may call it. */
export function setReporter(
    t: Table<string, Record<string, Reporter>>,
    by: { caller: string; isController: boolean },
    principal: string,
    role: ReporterRole | null,
    now: number
): Result<Record<string, Reporter>> {
    if (!by.isController) return err({ kind: 'Unauthorized', reason: 'only controllers manage reporters' });
    if (principal === '2vxsx-fae') return err({ kind: 'InvalidInput', field: 'principal', reason: 'the anonymous principal cannot report' });
    const all = { ...allReporters(t) };
    if (role === null) delete all[principal];
    else all[principal] = { role, addedAt: now, addedBy: by.caller };
    t.put(KEY, all);
    return ok(all);
}
