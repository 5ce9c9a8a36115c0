// Stable state of the local ICPay canister: its configuration, the transactions, which ledger
// blocks were received (each block records one transaction), and the test-only forwarding mode.
import { StableBTreeMap } from 'azle';

import type { AccountConfig, Forwarding, LedgerConfig, Transaction } from './domain/types';

export interface Settings {
    accounts: AccountConfig[];
    ledgers: LedgerConfig[];
    testControls: boolean;
    forwarding: Forwarding;
}

export class Store {
    private readonly settings = new StableBTreeMap<'settings', Settings>(0);
    private readonly txs = new StableBTreeMap<bigint, Transaction>(1);
    /** `<ledger>:<block>` → transaction id. */
    private readonly received = new StableBTreeMap<string, bigint>(2);

    get config(): Settings {
        const s = this.settings.get('settings');
        if (s === undefined) throw new Error('the ICPay canister is not initialised');
        return s;
    }
    setConfig(s: Settings): void {
        this.settings.insert('settings', s);
    }
    tx(id: bigint): Transaction | undefined {
        return this.txs.get(id);
    }
    put(t: Transaction): void {
        this.txs.insert(t.id, t);
        if (t.index_received.length === 1) this.received.insert(`${t.ledger_canister_id}:${t.index_received[0]}`, t.id);
    }
    receivedAs(ledger: string, block: bigint): bigint | undefined {
        return this.received.get(`${ledger}:${block}`);
    }
    nextId(): bigint {
        return BigInt(this.txs.len()) + 1n;
    }
    count(): number {
        return Number(this.txs.len());
    }
    /** Transactions from id `from` upward, at most `n`. */
    page(from: bigint, n: number): Transaction[] {
        const out: Transaction[] = [];
        for (let id = from; id <= BigInt(this.txs.len()) && out.length < n; id++) {
            const t = this.txs.get(id);
            if (t !== undefined) out.push(t);
        }
        return out;
    }
}
