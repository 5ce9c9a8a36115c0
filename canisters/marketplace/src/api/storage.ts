// Stable storage of the market half (catalog, escrow, reporters: one store, written by the one
// apply, since escrow changes offering stock and catalog lists share the index memory). Records,
// indexes, books and due times all live in StableBTreeMaps and survive upgrades; each record is
// under its layout version (kernel/record.ts).
//
// Memory ids (one place; the trust module uses ids from 20 up):
//   0  config        0 → Config (tokens/ledgers, request timeout, fee bps, relays, fee account)
//   1  providers     principal text → Provider
//   2  offerings     id → Offering
//   3  contracts     id → Contract (one record per contract: segments, money, status history)
//   4  transfers     id → Transfer (outgoing icrc1_transfer, in flight / done / failed)
//   5  journal       seq → JournalEntry (append-only book of every movement)
//   6  payments      ICPay payment id → contract id (each payment credited at most once)
//   7  index         the kernel's lists (contracts by tenant/provider/status, journal and transfers
//                    by contract and account, offerings by provider and search facet), quotas
//   8  balances      account|token → withdrawable balance (kept on every write)
//   9  totals        token → per-token totals; '~neg' → count of negative balances
//  10  due order     (due time, contract id) keys: the first are the earliest due
//  11  due at        contract id → its current due time
// Nothing is derived in the heap: postUpgrade reads nothing but the config.
import { candidEncode, performanceCounter, StableBTreeMap } from 'azle';

import type { KV } from '../kernel/kv';
import { cachedTable } from '../kernel/cache';
import { claim } from '../kernel/memory';
import type { Config, Contract, JournalEntry, Offering, Provider, Transfer } from '../kernel/records';
import type { BooksStore, SortedKeys, Store, Table, TokenTotals } from '../escrow/exports';
import { bigintValue, configCodec, frameText, unframeText, contractCodec, idKey, journalCodec, offeringCodec, providerCodec, setTextFramer, textKey, transferCodec, type Serializable } from './codec';

// Strings become bytes through the runtime's native Candid encoder: a Candid text literal is
// encoded in Rust, where a JS loop over the characters would cost thousands of instructions each.
// The result is the frame `unframeText` reads ("DIDL" 00 01 71 len bytes). Only JSON output goes
// through it (no raw control characters); keys use the portable encoder.
setTextFramer((s) => candidEncode(`("${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}")`));

const IDS = { config: 0, providers: 1, offerings: 2, contracts: 3, transfers: 4, journal: 5, payments: 6, index: 7, balances: 8, totals: 9, dueOrder: 10, dueAt: 11 } as const;
export const MEMORY = Object.fromEntries(Object.entries(IDS).map(([name, id]) => [name, claim('market', name, id)])) as typeof IDS;

const textValue: Serializable<string> = { toBytes: (s) => frameText(s), fromBytes: (b) => unframeText(b) };
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
function messageWatch(): () => boolean {
    let last = 0n;
    return () => {
        const n = performanceCounter(0);
        const fresh = n < last;
        last = n;
        return fresh;
    };
}
const empty: Serializable<null> = { toBytes: () => new Uint8Array(0), fromBytes: () => null };

function stableKV(memoryId: number): KV & { keys(): string[]; items(): [string, string][] } {
    const map = new StableBTreeMap<string, string>(memoryId, framedKey, textValue);
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
            const v = map.get(k);
            remember(k, v ?? null);
            return v;
        },
        put: (k, v) => {
            if (newMessage()) cache.clear();
            map.insert(k, v);
            remember(k, v);
        },
        remove: (k) => {
            if (newMessage()) cache.clear();
            map.remove(k);
            remember(k, null);
        },
        keys: () => map.keys(),
        items: () => map.items()
    };
}

function stableSorted(memoryId: number): SortedKeys {
    const map = new StableBTreeMap<string, null>(memoryId, framedKey, empty);
    return {
        add: (k) => void map.insert(k, null),
        remove: (k) => void map.remove(k),
        first: (n) => map.keys(0, n),
        size: () => Number(map.len())
    };
}

const TOTAL_FIELDS = ['escrowHeld', 'withdrawable', 'inFlight', 'feesUnwithdrawn', 'deposited', 'paidOut', 'pulling'] as const;

function stableBooks(): BooksStore {
    const balances = stableKV(MEMORY.balances);
    const totals = stableKV(MEMORY.totals);
    return {
        balance: (k) => {
            const v = balances.get(k);
            return v === undefined ? undefined : BigInt(v);
        },
        setBalance: (k, v) => (v === null ? balances.remove(k) : balances.put(k, v.toString())),
        balanceEntries: () => balances.items().map(([k, v]) => [k, BigInt(v)] as [string, bigint]),
        totals: (token) => {
            const v = totals.get(`t|${token}`);
            if (v === undefined) return undefined;
            const a = JSON.parse(v) as string[];
            const t = { token } as TokenTotals;
            TOTAL_FIELDS.forEach((f, i) => (t[f] = BigInt(a[i]!)));
            return t;
        },
        setTotals: (t) => totals.put(`t|${t.token}`, JSON.stringify(TOTAL_FIELDS.map((f) => t[f].toString()))),
        tokenList: () => totals.keys().filter((k) => k.startsWith('t|')).map((k) => k.slice(2)),
        negatives: () => Number(totals.get('~neg') ?? '0'),
        setNegatives: (n) => totals.put('~neg', String(n))
    };
}

class StableTable<K, V> implements Table<K, V> {
    private readonly map: StableBTreeMap<K, V>;
    constructor(memoryId: number, key: Serializable<K>, value: Serializable<V>) {
        this.map = new StableBTreeMap<K, V>(memoryId, key, value);
    }
    get(key: K): V | undefined {
        return this.map.get(key);
    }
    put(key: K, value: V): void {
        this.map.insert(key, value);
    }
    len(): number {
        return Number(this.map.len());
    }
    values(offset = 0, limit?: number): V[] {
        return this.map.values(offset, limit);
    }
}

export function stableStore(): Store {
    const config = new StableTable<bigint, Config>(MEMORY.config, idKey, configCodec);
    return {
        config: { get: () => config.get(0n), put: (c) => config.put(0n, c) },
        providers: cachedTable(new StableTable<string, Provider>(MEMORY.providers, textKey, providerCodec), messageWatch()),
        offerings: cachedTable(new StableTable<bigint, Offering>(MEMORY.offerings, idKey, offeringCodec), messageWatch()),
        contracts: cachedTable(new StableTable<bigint, Contract>(MEMORY.contracts, idKey, contractCodec), messageWatch()),
        transfers: cachedTable(new StableTable<bigint, Transfer>(MEMORY.transfers, idKey, transferCodec), messageWatch()),
        journal: new StableTable<bigint, JournalEntry>(MEMORY.journal, idKey, journalCodec),
        payments: new StableTable<string, bigint>(MEMORY.payments, textKey, bigintValue),
        index: stableKV(MEMORY.index),
        books: stableBooks(),
        dueOrder: stableSorted(MEMORY.dueOrder),
        dueAt: stableKV(MEMORY.dueAt)
    };
}
