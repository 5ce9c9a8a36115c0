// The one unit-of-work engine of the modules (escrow and trust): a planner reads through an
// Overlay (read-only tables with the plan's own writes laid over them, so a batch reads its earlier
// items) and returns it in its effects; the module's apply writes it with writeTables, the only
// place a planned record reaches a table, then makes the module's own calls.
// Every plan pays for this, so it allocates only what a plan touches: a table's maps are made on
// its first read or write, and nothing is copied (in the canister's JS engine a Map costs ≈ 2k
// instructions, a for-of over a Map ≈ 4k per entry, Map.forEach ≈ 1k).
import type { Rows, Table } from './kv';

export interface Write<T> {
    before: T | undefined;
    after: T;
}

/** A plan's view: table name → its rows (`R`: table name → record type), read only by key `K`. */
export type Views<R, K> = { readonly [T in keyof R]: Rows<R[T], K> };

/** Table name → a map of that table's records (only the tables the plan touched have one). */
type ByTable<R, K, Extra = never> = { [T in keyof R]?: Map<K, R[T] | Extra> };

const EMPTY: ReadonlyMap<never, never> = new Map<never, never>();
/** A key the view does not hold (planned values are never undefined). */
const ABSENT = Symbol('absent');

export class Overlay<R, K> {
    /** table → its planned records (key → record, first-write order; the last write of a key wins). */
    readonly planned: { readonly [T in keyof R]?: ReadonlyMap<K, R[T]> } = Object.create(null);
    /** table → what the view held (read once; ABSENT: it held nothing). */
    private readonly read: ByTable<R, K, typeof ABSENT> = Object.create(null);

    constructor(private readonly view: Views<R, K>) {}

    /** The record as the tables held it before this plan. */
    base<T extends keyof R>(table: T, key: K): R[T] | undefined {
        let r = this.read[table];
        if (r === undefined) this.read[table] = r = new Map();
        else {
            const v = r.get(key);
            if (v !== undefined) return v === ABSENT ? undefined : (v as R[T]);
        }
        const v = this.view[table].get(key);
        r.set(key, v === undefined ? ABSENT : v);
        return v;
    }

    /** What a planned write replaces, for the writer: the kept read, else the view's (not kept: the plan is over). */
    replaced<T extends keyof R>(table: T, key: K): R[T] | undefined {
        const v = this.read[table]?.get(key);
        return v === undefined ? this.view[table].get(key) : v === ABSENT ? undefined : (v as R[T]);
    }

    /** The record as the plan left it: its own write, else the view's. */
    get<T extends keyof R>(table: T, key: K): R[T] | undefined {
        const w = this.planned[table]?.get(key);
        return w !== undefined ? w : this.base(table, key);
    }

    put<T extends keyof R>(table: T, key: K, value: R[T]): void {
        const planned = this.planned as ByTable<R, K>;
        const p = planned[table];
        if (p !== undefined) p.set(key, value);
        else (planned[table] = new Map<K, R[T]>()).set(key, value);
    }

    /** The planned records of a table, in first-write order. */
    written<T extends keyof R>(table: T): ReadonlyMap<K, R[T]> {
        return this.planned[table] ?? EMPTY;
    }

    /** The tables the plan writes, in first-write order. */
    tables(): (keyof R)[] {
        return Object.keys(this.planned) as (keyof R)[];
    }

    /** The planned records of a table with what they replace. */
    writes<T extends keyof R>(table: T): Write<R[T]>[] {
        const out: Write<R[T]>[] = [];
        this.written(table).forEach((after, key) => out.push({ before: this.base(table, key), after }));
        return out;
    }
}

export type Tables<R, K> = { [T in keyof R]: Table<K, R[T]> };
/** What a module keeps derived from a table's records (books, indexes), written after each record; `C` is the module's storage. */
export type Derive<R, C> = { readonly [T in keyof R]?: (ctx: C, before: R[T] | undefined, after: R[T]) => void };

/** The only writer of planned records: table by table in the module's order, each record then what derives from it. */
export function writeTables<R, K, C = never>(store: Tables<R, K>, plan: Overlay<R, K>, order: readonly (keyof R)[], derive?: Derive<R, C>, ctx?: C): void {
    for (let i = 0; i < order.length; i++) {
        const table = order[i]!;
        const rows = plan.planned[table];
        if (rows === undefined) continue;
        const t = store[table];
        const d = derive?.[table];
        if (d === undefined) rows.forEach((after, key) => t.put(key, after));
        else
            rows.forEach((after, key) => {
                const before = plan.replaced(table, key);
                t.put(key, after);
                d(ctx as C, before, after);
            });
    }
}
