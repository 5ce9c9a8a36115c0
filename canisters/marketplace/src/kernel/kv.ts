// The storage shapes the platform's stable structures implement and the modules use: key-value
// text, typed tables and ordered key sets (StableBTreeMaps in the canister, Maps in tests).
export interface KV {
    get(key: string): string | undefined;
    put(key: string, value: string): void;
    remove(key: string): void;
}

/** The one table interface: records by key (a stable map in the canister, a Map in tests), for every module. */
export interface Table<K, V> {
    get(key: K): V | undefined;
    put(key: K, value: V): void;
    /** Removes the record (only never-paid contracts are ever removed). */
    remove(key: K): void;
    len(): number;
    /** Values in key order, from position `offset`. */
    values(offset?: number, limit?: number): V[];
}

/** A table as the queries read it. */
export type ReadTable<K, V> = Pick<Table<K, V>, 'get' | 'len' | 'values'>;

/** A table as planners read it: by key. */
export type Rows<V, K = string> = Pick<Table<K, V>, 'get'>;

/** An ordered set of fixed-width text keys; `first(n)` are the smallest. */
export interface SortedKeys {
    add(k: string): void;
    remove(k: string): void;
    first(n: number): string[];
    size(): number;
}

export class MemoryKV implements KV {
    readonly m = new Map<string, string>();
    get(key: string): string | undefined {
        return this.m.get(key);
    }
    put(key: string, value: string): void {
        this.m.set(key, value);
    }
    remove(key: string): void {
        this.m.delete(key);
    }
}
