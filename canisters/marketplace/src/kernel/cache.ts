// A table's records read or written in the current message, kept in the heap so a message that
// touches a record several times (plan, apply, the status hooks, the reply) decodes it once.
// Cleared when a new message starts: a message's cost must not depend on what earlier messages
// left in the heap. Cached values are frozen: a reader that tried to change one would throw.
import type { Table } from './kv';

export function cachedTable<K, V>(base: Table<K, V>, newMessage: () => boolean, max = 256): Table<K, V> {
    const cache = new Map<K, V | null>();
    const remember = (k: K, v: V | null): void => {
        if (cache.size >= max) cache.clear();
        cache.set(k, v === null ? null : Object.freeze(v));
    };
    const fresh = (): void => {
        if (newMessage()) cache.clear();
    };
    return {
        get(key) {
            fresh();
            const c = cache.get(key);
            if (c !== undefined) return c ?? undefined;
            const v = base.get(key);
            remember(key, v ?? null);
            return v;
        },
        put(key, value) {
            fresh();
            base.put(key, value);
            remember(key, value);
        },
        remove(key) {
            fresh();
            base.remove(key);
            remember(key, null);
        },
        len: () => base.len(),
        values: (offset, limit) => base.values(offset, limit)
    };
}
