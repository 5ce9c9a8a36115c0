// One unit of work: a planner reads through a Draft (the view with its own planned writes laid
// over it) and returns the Effects; apply.ts writes them all, in one place.
import { BILLING, nextDue } from './domain/settlement';
import { compactHistory } from './domain/state_machine';
import { newTransfer } from './domain/transfers';
import { err, ok, type Account, type Config, type Contract, type NewJournalEntry, type Offering, type Provider, type Result, type Status, type Transfer } from '../kernel/records';
import type { Item } from '../kernel/lists';
import { tokenOf, type EscrowView } from './view';

export interface Write<T> {
    before: T | undefined;
    after: T;
}

/** A change of one of the kernel's lists (the catalog's search facets and provider lists). */
export type ListOp = { op: 'add'; list: string; item: Item; removable: boolean } | { op: 'remove'; list: string; id: number } | { op: 'replace'; list: string; item: Item };

export interface Effects {
    config: Config | null;
    providers: Provider[];
    offerings: Offering[];
    lists: ListOp[];
    contracts: Write<Contract>[];
    /** Never-paid closed contracts to remove (after their keeping window). */
    purged: Contract[];
    transfers: Write<Transfer>[];
    payments: [string, bigint][];
    journal: NewJournalEntry[];
    /** Contract id → its due time (null: not due), last write wins. */
    dueTimes: Map<bigint, bigint | null>;
    /** Status hooks to fire after everything is written (from null: created). */
    hooks: { contract: Contract; from: Status | null }[];
    /** Offerings created or changed: the offering hooks run after everything is written. */
    offeringHooks: Offering[];
    /** Times the timer must be armed for (a due time or a retry moved earlier). */
    wake: bigint[];
}

export interface Plan<T> {
    effects: Effects;
    value: T;
}

export const noEffects = (): Effects => ({ config: null, providers: [], offerings: [], lists: [], offeringHooks: [], contracts: [], purged: [], transfers: [], payments: [], journal: [], dueTimes: new Map(), hooks: [], wake: [] });

/** When a saved contract next needs the timer. */
export function dueOf(c: Contract, timeout: bigint): bigint | null {
    return c.pendingPull !== null && !BILLING.has(c.status) ? c.statusSince + timeout : nextDue(c, timeout);
}

export class Draft {
    readonly effects = noEffects();
    private readonly contracts = new Map<bigint, Write<Contract>>();
    private readonly transfers = new Map<bigint, Write<Transfer>>();
    private readonly offerings = new Map<bigint, Offering>();
    private newContracts = 0;
    private newTransfers = 0;

    constructor(readonly view: EscrowView, readonly now: bigint) {}

    config(): Config {
        return this.effects.config ?? this.view.config();
    }

    contract(id: bigint): Contract | undefined {
        return this.contracts.get(id)?.after ?? this.view.contract(id);
    }

    load(id: bigint): Result<Contract> {
        const c = this.contract(id);
        return c === undefined ? err({ NotFound: { what: 'contract', id: String(id) } }) : ok(c);
    }

    offering(id: bigint): Offering | undefined {
        return this.offerings.get(id) ?? this.view.offering(id);
    }

    transfer(id: bigint): Transfer | undefined {
        return this.transfers.get(id)?.after ?? this.view.transfer(id);
    }

    nextContractId(): bigint {
        return BigInt(this.view.contractCount() + this.newContracts + 1);
    }

    /** Saves a contract (history compacted) and its due time; returns what is stored. */
    putContract(after: Contract): Contract {
        const c = compactHistory(after);
        const w = this.contracts.get(c.id);
        if (w !== undefined) w.after = c;
        else {
            const before = this.view.contract(c.id);
            if (before === undefined) this.newContracts++;
            const write = { before, after: c };
            this.contracts.set(c.id, write);
            this.effects.contracts.push(write);
        }
        // The due index is written only when the due time moves (or this plan already touched it):
        // a kept time may be a retry set earlier, which the timer run then re-indexes.
        const timeout = this.config().requestTimeoutNs;
        const at = dueOf(c, timeout);
        const before = this.contracts.get(c.id)!.before;
        if (before === undefined || this.effects.dueTimes.has(c.id) || dueOf(before, timeout) !== at) this.setDue(c.id, at);
        return c;
    }

    nextOfferingId(): bigint {
        return BigInt(this.view.offeringCount() + this.effects.offerings.filter((o) => this.view.offering(o.id) === undefined).length + 1);
    }

    putProvider(p: Provider): Provider {
        this.effects.providers.push(p);
        return p;
    }

    list(op: ListOp): void {
        this.effects.lists.push(op);
    }

    notifyOffering(o: Offering): void {
        this.effects.offeringHooks.push(o);
    }

    putOffering(o: Offering): void {
        if (!this.offerings.has(o.id)) this.effects.offerings.push(o);
        else this.effects.offerings[this.effects.offerings.findIndex((x) => x.id === o.id)] = o;
        this.offerings.set(o.id, o);
    }

    putTransfer(after: Transfer): Transfer {
        const w = this.transfers.get(after.id);
        if (w !== undefined) w.after = after;
        else {
            const write = { before: this.view.transfer(after.id), after };
            this.transfers.set(after.id, write);
            this.effects.transfers.push(write);
        }
        return after;
    }

    /** Starts an outgoing transfer (debits the balance); null when the amount is dust (≤ the ledger fee). */
    startTransfer(kind: Transfer['kind'], account: string, token: string, amount: bigint, to: Account, contractId: bigint | null): Transfer | null {
        const cfg = this.config().tokens.find((t) => t.symbol === token) ?? tokenOf(this.view, token);
        if (cfg === undefined || amount <= cfg.fee) return null;
        const id = BigInt(this.view.transferCount() + this.newTransfers + 1);
        this.newTransfers++;
        return this.putTransfer(newTransfer({ id, kind, account, token, amount, ledgerFee: cfg.fee, to, contractId, now: this.now }));
    }

    record(e: Omit<NewJournalEntry, 'at'>): void {
        this.effects.journal.push({ ...e, at: this.now });
    }

    /** Records what a settlement released. */
    release(c: Contract, released: bigint, fee: bigint): void {
        if (released !== 0n) this.record({ kind: 'Release', contractId: c.id, account: c.provider, token: c.token, amount: released, fee, block: null, ref: '' });
    }

    /** Removes a never-paid closed contract (no money, no journal, no transfer refers to it). */
    purge(c: Contract): void {
        this.effects.purged.push(c);
        this.setDue(c.id, null);
    }

    setDue(id: bigint, at: bigint | null): void {
        this.effects.dueTimes.set(id, at);
    }

    wake(at: bigint): void {
        this.effects.wake.push(at);
    }

    notify(contract: Contract, from: Status | null): void {
        this.effects.hooks.push({ contract, from });
    }

    setConfig(c: Config): void {
        this.effects.config = c;
    }

    payment(paymentId: string, contractId: bigint): void {
        this.effects.payments.push([paymentId, contractId]);
    }

    done<T>(value: T): Plan<T> {
        return { effects: this.effects, value };
    }
}
