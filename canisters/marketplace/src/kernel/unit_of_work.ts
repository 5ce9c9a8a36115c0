// The one unit-of-work engine of the modules (escrow and trust): a planner reads through an
// Overlay (read-only tables with the plan's own writes laid over them, so a batch reads its earlier
// items) and returns it in its effects; the module's apply writes it with writeTables, the only
// place a planned record reaches a table, then makes the module's own calls.
import type { Rows, Table } from './kv';

export interface Write<T> {
    before: T | undefined;
    after: T;
}

/** A plan's view: table name → its rows (`R`: table name → record type), read only by key `K`. */
export type Views<R, K> = { readonly [T in keyof R]: Rows<R[T], K> };

export class Overlay<R, K> {
    /** table → key → planned record, in first-write order; the last write of a key wins. */
    private readonly planned = new Map<keyof R, Map<K, unknown>>();
    /** What the view held before the plan, read once per key. */
    private readonly read = new Map<keyof R, Map<K, unknown>>();

    constructor(private readonly view: Views<R, K>) {}

    /** The record as the tables held it before this plan. */
    base<T extends keyof R>(table: T, key: K): R[T] | undefined {
        let r = this.read.get(table);
        if (r === undefined) this.read.set(table, (r = new Map()));
        if (!r.has(key)) r.set(key, this.view[table].get(key));
        return r.get(key) as R[T] | undefined;
    }

    /** The record as the plan left it: its own write, else the view's. */
    get<T extends keyof R>(table: T, key: K): R[T] | undefined {
        const w = this.planned.get(table);
        return w?.has(key) ? (w.get(key) as R[T]) : this.base(table, key);
    }

    put<T extends keyof R>(table: T, key: K, value: R[T]): void {
        let w = this.planned.get(table);
        if (w === undefined) this.planned.set(table, (w = new Map()));
        w.set(key, value);
    }

    /** The planned records of a table, in first-write order. */
    written<T extends keyof R>(table: T): ReadonlyMap<K, R[T]> {
        return (this.planned.get(table) ?? EMPTY) as ReadonlyMap<K, R[T]>;
    }

    /** The tables the plan writes. */
    tables(): (keyof R)[] {
        return [...this.planned.keys()];
    }

    /** The planned records with what they replace. */
    writes<T extends keyof R>(table: T): Write<R[T]>[] {
        return [...this.written(table)].map(([key, after]) => ({ before: this.base(table, key), after }));
    }
}

const EMPTY: ReadonlyMap<unknown, unknown> = new Map();

export type Tables<R, K> = { [T in keyof R]: Table<K, R[T]> };
/** What a module keeps derived from a table's records (books, indexes), written after each record. */
export type Derive<R> = { [T in keyof R]?: (w: Write<R[T]>) => void };

/** The only writer of planned records: table by table in the module's order, each record then what derives from it. */
export function writeTables<R, K>(store: Tables<R, K>, plan: Overlay<R, K>, order: readonly (keyof R)[], derive: Derive<R> = {}): void {
    for (const table of order) {
        const rows = plan.written(table);
        if (rows.size === 0) continue;
        const t = store[table];
        const d = derive[table];
        for (const [key, after] of rows) {
            const before = d === undefined ? undefined : plan.base(table, key);
            t.put(key, after);
            d?.({ before, after });
        }
    }
}
