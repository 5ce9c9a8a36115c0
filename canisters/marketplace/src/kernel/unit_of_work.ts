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

const EMPTY: ReadonlyMap<unknown, unknown> = new Map();
/** A key the view does not hold (planned values are never undefined). */
const ABSENT = Symbol('absent');

export class Overlay<R, K> {
    /** table → its planned records (key → record, first-write order; the last write of a key wins) and what the view held (read once). */
    private readonly tabs = new Map<keyof R, { planned: Map<K, unknown>; read: Map<K, unknown> }>();

    constructor(private readonly view: Views<R, K>) {}

    private tab(table: keyof R): { planned: Map<K, unknown>; read: Map<K, unknown> } {
        let t = this.tabs.get(table);
        if (t === undefined) this.tabs.set(table, (t = { planned: new Map(), read: new Map() }));
        return t;
    }

    /** The record as the tables held it before this plan. */
    base<T extends keyof R>(table: T, key: K): R[T] | undefined {
        return this.stored(this.tab(table).read, table, key);
    }

    /** The record as the plan left it: its own write, else the view's. */
    get<T extends keyof R>(table: T, key: K): R[T] | undefined {
        const t = this.tab(table);
        const w = t.planned.get(key);
        return w !== undefined ? (w as R[T]) : this.stored(t.read, table, key);
    }

    private stored<T extends keyof R>(read: Map<K, unknown>, table: T, key: K): R[T] | undefined {
        const r = read.get(key);
        if (r !== undefined) return (r === ABSENT ? undefined : r) as R[T] | undefined;
        const v = this.view[table].get(key);
        read.set(key, v === undefined ? ABSENT : v);
        return v;
    }

    put<T extends keyof R>(table: T, key: K, value: R[T]): void {
        this.tab(table).planned.set(key, value);
    }

    /** The planned records of a table, in first-write order. */
    written<T extends keyof R>(table: T): ReadonlyMap<K, R[T]> {
        return (this.tabs.get(table)?.planned ?? EMPTY) as ReadonlyMap<K, R[T]>;
    }

    /** The tables the plan writes. */
    tables(): (keyof R)[] {
        return [...this.tabs].filter(([, t]) => t.planned.size > 0).map(([name]) => name);
    }

    /** The planned records with what they replace. */
    writes<T extends keyof R>(table: T): Write<R[T]>[] {
        return [...this.written(table)].map(([key, after]) => ({ before: this.base(table, key), after }));
    }
}

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
