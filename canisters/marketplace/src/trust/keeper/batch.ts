import { err, ok, type Result } from '../../kernel/result';
import { atIndex, inconsistent } from '../../kernel/error';
import { checkBatchSize } from '../domain/validate';
import type { Draft } from './effects';
import { requireRole } from './reporters';
import type { ReporterRole } from './state';

export interface BatchOutcome {
    applied: number;
    duplicates: number;
}

export type ItemOutcome = 'applied' | 'duplicate';

export interface BatchSpec<T> {
    kind: string;
    /** The role the whole batch needs; null when `apply` authorises each item (declared monitors). */
    role: ReporterRole | null;
    /** Key for idempotency by id, or null when the item's own content is its key (the applier detects repeats). */
    dedupeKey: ((item: T, caller: string) => string) | null;
    validate(item: T, now: number, index: number): Result<true>;
    apply(ctx: Draft, item: T, caller: string, index: number): Result<ItemOutcome>;
}

/** A stable fingerprint: a reused id with different content is an error, not a duplicate. */
export function fingerprint(x: unknown): string {
    return JSON.stringify(x, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));
}

/** Runs a whole batch in the context's staging area; the caller commits only on Ok. */
export function runBatch<T extends { id: string }>(ctx: Draft, caller: string, items: readonly T[], spec: BatchSpec<T>): Result<BatchOutcome> {
    if (spec.role !== null) {
        const auth = requireRole(ctx.market, caller, spec.role);
        if ('Err' in auth) return auth;
    }
    const size = checkBatchSize(items.length);
    if ('Err' in size) return size;
    const out = { applied: 0, duplicates: 0 };
    for (const [index, item] of items.entries()) {
        const v = spec.validate(item, ctx.now, index);
        if ('Err' in v) return v;
        const key = spec.dedupeKey === null ? null : `${spec.kind}|${spec.dedupeKey(item, caller)}`;
        const print = key === null ? '' : fingerprint(item);
        const seen = key === null ? undefined : ctx.get('seen', key);
        if (seen !== undefined) {
            if (seen !== print) return inconsistent(`id ${item.id} was already used for different content`, index);
            out.duplicates++;
            continue;
        }
        const r = spec.apply(ctx, item, caller, index);
        if ('Err' in r) return err(atIndex(r.Err, index));
        if (key !== null) ctx.put('seen', key, print);
        if (r.Ok === 'applied') out.applied++;
        else out.duplicates++;
    }
    return ok(out);
}
