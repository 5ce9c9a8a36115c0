// Stable storage of the marketplace. Every authoritative record lives in a StableBTreeMap and
// survives upgrades; the keeper's indexes (books, due times, open contracts, in-flight set) are
// derived from these maps and rebuilt in postUpgrade.
//
// Memory ids (one place; the trust domain uses ids from 20 up):
//   0  config        0 → Config (tokens/ledgers, request timeout, fee bps, relays, fee account)
//   1  providers     principal text → Provider
//   2  offerings     id → Offering
//   3  contracts     id → Contract (one record per contract: segments, money, status history)
//   4  transfers     id → Transfer (outgoing icrc1_transfer, in flight / done / failed)
//   5  journal       seq → JournalEntry (append-only book of every movement)
//   6  payments      ICPay payment id → contract id (each payment credited at most once)
import { candidEncode, StableBTreeMap } from 'azle';

import type { Config, Contract, JournalEntry, Offering, Provider, Transfer } from '../domain/types';
import type { Store, Table } from '../keeper/ports';
import { bigintValue, configCodec, contractCodec, idKey, journalCodec, offeringCodec, providerCodec, setTextFramer, textKey, transferCodec, type Serializable } from './codec';

// Strings become bytes through the runtime's native Candid encoder: a Candid text literal is
// encoded in Rust, where a JS loop over the characters would cost thousands of instructions each.
// The result is the frame `unframeText` reads ("DIDL" 00 01 71 len bytes). Only JSON output goes
// through it (no raw control characters); keys use the portable encoder.
setTextFramer((s) => candidEncode(`("${s.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}")`));

export const MEMORY = { config: 0, providers: 1, offerings: 2, contracts: 3, transfers: 4, journal: 5, payments: 6 } as const;

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
        providers: new StableTable<string, Provider>(MEMORY.providers, textKey, providerCodec),
        offerings: new StableTable<bigint, Offering>(MEMORY.offerings, idKey, offeringCodec),
        contracts: new StableTable<bigint, Contract>(MEMORY.contracts, idKey, contractCodec),
        transfers: new StableTable<bigint, Transfer>(MEMORY.transfers, idKey, transferCodec),
        journal: new StableTable<bigint, JournalEntry>(MEMORY.journal, idKey, journalCodec),
        payments: new StableTable<string, bigint>(MEMORY.payments, textKey, bigintValue)
    };
}
