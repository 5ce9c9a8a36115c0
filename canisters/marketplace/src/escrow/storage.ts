// The escrow's stable maps: config, contracts, transfers, journal, payments, the index lists
// (shared with the catalog's lists: one memory), books and due times, in the market's memory range.
import { bigintValue, configCodec, contractCodec, idKey, journalCodec, textKey, transferCodec } from '../platform/codec';
import { messageWatch, stableKV, stableSorted, StableTable } from '../platform/stable';
import { cachedTable } from '../kernel/cache';
import { claim } from '../kernel/memory';
import type { Config, Contract, JournalEntry, Transfer } from '../kernel/records';
import type { BooksStore, TokenTotals } from './domain/books';
import type { Store } from './ports';

const IDS = { config: 0, contracts: 3, transfers: 4, journal: 5, payments: 6, index: 7, balances: 8, totals: 9, dueOrder: 10, dueAt: 11 } as const;
export const ESCROW_MEMORY = Object.fromEntries(Object.entries(IDS).map(([name, id]) => [name, claim('market', name, id)])) as typeof IDS;

const TOTAL_FIELDS = ['escrowHeld', 'withdrawable', 'inFlight', 'feesUnwithdrawn', 'deposited', 'paidOut', 'pulling'] as const;

function stableBooks(): BooksStore {
    const balances = stableKV(ESCROW_MEMORY.balances);
    const totals = stableKV(ESCROW_MEMORY.totals);
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

export function escrowStorage(): Omit<Store, 'providers' | 'offerings'> {
    const config = new StableTable<bigint, Config>(ESCROW_MEMORY.config, idKey, configCodec);
    return {
        config: { get: () => config.get(0n), put: (c) => config.put(0n, c) },
        contracts: cachedTable(new StableTable<bigint, Contract>(ESCROW_MEMORY.contracts, idKey, contractCodec), messageWatch()),
        transfers: cachedTable(new StableTable<bigint, Transfer>(ESCROW_MEMORY.transfers, idKey, transferCodec), messageWatch()),
        journal: new StableTable<bigint, JournalEntry>(ESCROW_MEMORY.journal, idKey, journalCodec),
        payments: new StableTable<string, bigint>(ESCROW_MEMORY.payments, textKey, bigintValue),
        index: stableKV(ESCROW_MEMORY.index),
        books: stableBooks(),
        dueOrder: stableSorted(ESCROW_MEMORY.dueOrder),
        dueAt: stableKV(ESCROW_MEMORY.dueAt)
    };
}
