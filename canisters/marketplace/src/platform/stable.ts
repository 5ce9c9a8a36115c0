// The canister's StableBTreeMaps as the kernel's ports: key-value maps (with a per-message read
// cache), sorted key sets and record tables. The modules' storage files build their maps with these.
import { candidEncode, performanceCounter, StableBTreeMap } from 'azle';

import type { KV, SortedKeys, Table } from '../kernel/kv';
import { frameText, setTextFramer, unframeText, type Serializable } from './codec';

// Strings become bytes through the runtime's native Candid encoder: a Candid text literal is
// encoded in Rust, where a JS loop over the characters would cost thousands of instructions each.
// The result is the frame `unframeText` reads ("DIDL" 00 01 71 len bytes). Only JSON output goes
// through it (no raw control characters); keys use the portable encoder.
setTextFramer((s) => candidEncode(`("${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}")`));

const textValue: Serializable<string> = { toBytes: (s) => frameText(s), fromBytes: (b) => unframeText(b) };

/**
 * A stored value decoded only when read: Azle's `insert` returns the value it replaced, decoded by
 * the map's serializer, and a write must not pay for decoding what it overwrites (a list chunk's
 * old text cost as much as the new one: createOffering grew with the chunks' fill).
 */
type Stored<V> = { value: V } | { bytes: Uint8Array };
function lazy<V>(s: Serializable<V>): Serializable<Stored<V>> & { read(x: Stored<V> | undefined): V | undefined } {
    return {
        toBytes: (x) => ('value' in x ? s.toBytes(x.value) : x.bytes),
        fromBytes: (bytes) => ({ bytes }),
        read: (x) => (x === undefined ? undefined : 'value' in x ? x.value : s.fromBytes(x.bytes))
    };
}
const lazyText = lazy(textValue);
/**
 * Keys of the kernel's maps are framed by the native encoder too (a JS loop per character costs
 * thousands of instructions each). The frame starts with the length, so iteration order is by
 * length first: only the fixed-width due keys rely on order.
 */
const framedKey: Serializable<string> = textValue;

/**
 * Values read or written in the current message (a message's cost must not depend on what earlier
 * messages left in the heap). A new message is seen by the instruction counter starting again.
 */
const CACHE_MAX = 4096;
export function messageWatch(): () => boolean {
    let last = 0n;
    return () => {
        const n = performanceCounter(0);
        const fresh = n < last;
        last = n;
        return fresh;
    };
}
const empty: Serializable<null> = { toBytes: () => new Uint8Array(0), fromBytes: () => null };

export function stableKV(memoryId: number): KV & { keys(): string[]; items(): [string, string][] } {
    const map = new StableBTreeMap<string, Stored<string>>(memoryId, framedKey, lazyText);
    const cache = new Map<string, string | null>();
    const newMessage = messageWatch();
    const remember = (k: string, v: string | null): void => {
        if (cache.size >= CACHE_MAX) cache.clear();
        cache.set(k, v);
    };
    return {
        get: (k) => {
            if (newMessage()) cache.clear();
            const c = cache.get(k);
            if (c !== undefined) return c ?? undefined;
            const v = lazyText.read(map.get(k));
            remember(k, v ?? null);
            return v;
        },
        put: (k, v) => {
            if (newMessage()) cache.clear();
            map.insert(k, { value: v });
            remember(k, v);
        },
        remove: (k) => {
            if (newMessage()) cache.clear();
            map.remove(k);
            remember(k, null);
        },
        keys: () => map.keys(),
        items: () => map.items().map(([k, v]): [string, string] => [k, lazyText.read(v)!])
    };
}

export function stableSorted(memoryId: number): SortedKeys {
    const map = new StableBTreeMap<string, null>(memoryId, framedKey, empty);
    return {
        add: (k) => void map.insert(k, null),
        remove: (k) => void map.remove(k),
        first: (n) => map.keys(0, n),
        size: () => Number(map.len())
    };
}

export class StableTable<K, V> implements Table<K, V> {
    private readonly map: StableBTreeMap<K, Stored<V>>;
    private readonly codec: ReturnType<typeof lazy<V>>;
    constructor(memoryId: number, key: Serializable<K>, value: Serializable<V>) {
        this.codec = lazy(value);
        this.map = new StableBTreeMap<K, Stored<V>>(memoryId, key, this.codec);
    }
    get(key: K): V | undefined {
        return this.codec.read(this.map.get(key));
    }
    put(key: K, value: V): void {
        this.map.insert(key, { value });
    }
    remove(key: K): void {
        this.map.remove(key);
    }
    len(): number {
        return Number(this.map.len());
    }
    values(offset = 0, limit?: number): V[] {
        return this.map.values(offset, limit).map((v) => this.codec.read(v)!);
    }
}

