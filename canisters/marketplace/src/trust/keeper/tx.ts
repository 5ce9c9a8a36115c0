import type { Table } from '../ports';

/**
 * Buffers writes so that a batch either applies completely or not at all: reads see the batch's
 * own writes, and nothing reaches the underlying table before `commit`.
 */
export class StagedTable<K, V> implements Table<K, V> {
    private readonly writes = new Map<string, [K, V]>();
    private readonly reads = new Map<string, V | undefined>();
    private added = 0;

    constructor(private readonly base: Table<K, V>) {}

    get(key: K): V | undefined {
        const k = String(key);
        const w = this.writes.get(k);
        if (w !== undefined) return w[1];
        if (!this.reads.has(k)) this.reads.set(k, this.base.get(key));
        return this.reads.get(k);
    }

    put(key: K, value: V): void {
        const k = String(key);
        if (!this.writes.has(k) && this.get(key) === undefined) this.added++;
        this.writes.set(k, [key, value]);
    }

    len(): number {
        return this.base.len() + this.added;
    }

    commit(): void {
        for (const [key, value] of this.writes.values()) this.base.put(key, value);
        this.writes.clear();
        this.reads.clear();
        this.added = 0;
    }
}

export type Staged<S> = { [K in keyof S]: S[K] extends Table<infer A, infer B> ? StagedTable<A, B> : never };

const opened = new WeakMap<object, StagedTable<unknown, unknown>[]>();

/** Stages each table on its first use: a message touches a few of the eighteen. */
export function stage<S extends object>(store: S): Staged<S> {
    const out = {} as Staged<S>;
    const made: StagedTable<unknown, unknown>[] = [];
    for (const [name, table] of Object.entries(store) as [string, Table<unknown, unknown>][]) {
        let t: StagedTable<unknown, unknown> | undefined;
        Object.defineProperty(out, name, {
            get: () => {
                if (t === undefined) made.push((t = new StagedTable(table)));
                return t;
            }
        });
    }
    opened.set(out, made);
    return out;
}

export function commitAll<S>(staged: Staged<S>): void {
    for (const t of opened.get(staged as object) ?? []) t.commit();
}
