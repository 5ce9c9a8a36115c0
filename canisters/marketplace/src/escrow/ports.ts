// The keeper's edges: storage, ledgers and the clock. The canister implements them with
// StableBTreeMaps, inter-canister calls and ic0 time; tests use the in-memory versions.
import type { LedgerOutcome } from './domain/transfers';
import type { IcpayTx, LedgerTransfer } from './domain/icpay';
import { memoryBooksStore, type BooksStore } from './domain/books';
import { MemorySortedKeys } from './domain/due_index';
import { MemoryKV, type KV, type SortedKeys, type Table } from '../kernel/kv';
import type { Account, Config, Contract, JournalEntry, Offering, Provider, TokenConfig, Transfer } from '../kernel/records';

export type { Table };

export interface Store {
    config: { get(): Config | undefined; put(c: Config): void };
    providers: Table<string, Provider>;
    offerings: Table<bigint, Offering>;
    contracts: Table<bigint, Contract>;
    transfers: Table<bigint, Transfer>;
    journal: Table<bigint, JournalEntry>;
    /** ICPay payment id → credited contract id (each payment id credited at most once). */
    payments: Table<string, bigint>;
    /** The indexes (kernel/lists), open/probed/in-flight sets, counters and quotas. */
    index: KV;
    /** Balances and per-token totals, kept on every write. */
    books: BooksStore;
    /** Due times: ordered (due, id) keys and each contract's current due time. */
    dueOrder: SortedKeys;
    dueAt: KV;
}

export interface LedgerGateway {
    transferFrom(
        token: TokenConfig,
        /** `to`: the canister's own account unless given (the listing fee goes to the fee account). */
        args: { from: Account; to?: Account; amount: bigint; createdAtTime: bigint; memo: Uint8Array }
    ): Promise<LedgerOutcome>;
    transfer(
        token: TokenConfig,
        args: { to: Account; amount: bigint; fee: bigint; createdAtTime: bigint; memo: Uint8Array }
    ): Promise<LedgerOutcome>;
    /**
     * Looks a transfer of the canister with this memo and created_at_time up in the ledger's blocks:
     * its outgoing transfer, or with `pulledFrom` its ICRC-2 pull from that account (to itself, or
     * to `to`). Found (its
     * block), absent (the blocks around that time are known and it is not there), or unknown (the
     * ledger did not answer, or the search did not reach that time).
     */
    findTransfer(token: TokenConfig, args: { memo: Uint8Array; createdAtTime: bigint; pulledFrom?: Account; to?: Account }): Promise<TransferLookup>;
    /** The canister's own balance on the token's ledger; throws when the ledger cannot answer. */
    balanceOfSelf(token: TokenConfig): Promise<bigint>;
}

/** ICPay's canister and the ledgers' blocks, read to verify an ICPay payment (throws when unreachable). */
export interface IcpayGateway {
    transaction(canister: string, id: bigint): Promise<IcpayTx | null>;
    /** The transfers in these blocks (ICRC-3, archives followed); a block that is no transfer is absent. */
    transfers(ledger: string, blocks: bigint[]): Promise<Map<bigint, LedgerTransfer>>;
    /** The account's most recent completed transactions (at most `limit`), for the audit. */
    recent(canister: string, account: bigint, limit: number): Promise<IcpayTx[]>;
}

export const unwiredIcpay: IcpayGateway = {
    transaction: () => Promise.reject(new Error('no ICPay gateway')),
    transfers: () => Promise.reject(new Error('no ICPay gateway')),
    recent: () => Promise.reject(new Error('no ICPay gateway'))
};

export type TransferLookup = { kind: 'found'; block: bigint } | { kind: 'absent' } | { kind: 'unknown'; message: string };

export class MemoryTable<K, V> implements Table<K, V> {
    private readonly m = new Map<string, [K, V]>();
    constructor(private readonly clone: (v: V) => V = (v) => structuredClone(v)) {}
    get(key: K): V | undefined {
        const e = this.m.get(String(key));
        return e === undefined ? undefined : this.clone(e[1]);
    }
    put(key: K, value: V): void {
        this.m.set(String(key), [key, this.clone(value)]);
    }
    remove(key: K): void {
        this.m.delete(String(key));
    }
    len(): number {
        return this.m.size;
    }
    values(offset = 0, limit = Number.MAX_SAFE_INTEGER): V[] {
        const all = [...this.m.values()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
        return all.slice(offset, offset + limit).map((e) => this.clone(e[1]));
    }
}

export function memoryStore(): Store {
    let config: Config | undefined;
    return {
        config: { get: () => (config === undefined ? undefined : structuredClone(config)), put: (c) => (config = structuredClone(c)) },
        providers: new MemoryTable(),
        offerings: new MemoryTable(),
        contracts: new MemoryTable(),
        transfers: new MemoryTable(),
        journal: new MemoryTable(),
        payments: new MemoryTable(),
        index: new MemoryKV(),
        books: memoryBooksStore(),
        dueOrder: new MemorySortedKeys(),
        dueAt: new MemoryKV()
    };
}
