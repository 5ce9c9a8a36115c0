// One unit of work (the kernel's engine, kernel/unit_of_work.ts): a planner reads through a Draft
// (the view with its own planned writes laid over it) and returns the Effects: the planned records
// plus the escrow's own parts (journal, due times, lists, hooks); apply.ts writes them all.
import { BILLING, nextDue } from './domain/settlement';
import { compactHistory } from './domain/state_machine';
import { newTransfer } from './domain/transfers';
import { err, ok, type Account, type Config, type Contract, type NewJournalEntry, type Offering, type Provider, type Result, type Status, type Transfer } from '../kernel/records';
import type { Item } from '../kernel/lists';
import { Overlay, type Views, type Write } from '../kernel/unit_of_work';
import { tokenOf, type EscrowView } from './view';

export type { Write };

/** A change of one of the kernel's lists (the catalog's search facets and provider lists). */
export type ListOp = { op: 'add'; list: string; item: Item; removable: boolean } | { op: 'remove'; list: string; id: number } | { op: 'replace'; list: string; item: Item };

/** The escrow's tables planned through the kernel's overlay (by id). */
export interface EscrowRows {
    offerings: Offering;
    contracts: Contract;
    transfers: Transfer;
}

export interface Effects {
    config: Config | null;
    providers: Provider[];
    /** Offerings, contracts and transfers (apply keeps the books and indexes in step). */
    writes: Overlay<EscrowRows, bigint>;
    lists: ListOp[];
    /** Never-paid closed contracts to remove (after their keeping window). */
    purged: Contract[];
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

const NOTHING: Views<EscrowRows, bigint> = { offerings: { get: () => undefined }, contracts: { get: () => undefined }, transfers: { get: () => undefined } };

export const noEffects = (view = NOTHING): Effects => ({ config: null, providers: [], writes: new Overlay(view), lists: [], offeringHooks: [], purged: [], payments: [], journal: [], dueTimes: new Map(), hooks: [], wake: [] });

/** The view's tables as the overlay reads them, made once per view (the keeper's lives as long as the canister). */
const ROWS = new WeakMap<EscrowView, Views<EscrowRows, bigint>>();
function rowsOf(view: EscrowView): Views<EscrowRows, bigint> {
    let rows = ROWS.get(view);
    if (rows === undefined) ROWS.set(view, (rows = { offerings: { get: (id) => view.offering(id) }, contracts: { get: (id) => view.contract(id) }, transfers: { get: (id) => view.transfer(id) } }));
    return rows;
}

/** When a saved contract next needs the timer. */
export function dueOf(c: Contract, timeout: bigint): bigint | null {
    return c.pendingPull !== null && !BILLING.has(c.status) ? c.statusSince + timeout : nextDue(c, timeout);
}

export class Draft {
    readonly effects: Effects;
    private readonly writes: Overlay<EscrowRows, bigint>;
    private newContracts = 0;
    private newTransfers = 0;

    constructor(readonly view: EscrowView, readonly now: bigint) {
        this.effects = noEffects(rowsOf(view));
        this.writes = this.effects.writes;
    }

    config(): Config {
        return this.effects.config ?? this.view.config();
    }

    contract(id: bigint): Contract | undefined {
        return this.writes.get('contracts', id);
    }

    load(id: bigint): Result<Contract> {
        const c = this.contract(id);
        return c === undefined ? err({ NotFound: { what: 'contract', id: String(id) } }) : ok(c);
    }

    offering(id: bigint): Offering | undefined {
        return this.writes.get('offerings', id);
    }

    transfer(id: bigint): Transfer | undefined {
        return this.writes.get('transfers', id);
    }

    nextContractId(): bigint {
        return BigInt(this.view.contractCount() + this.newContracts + 1);
    }

    /** Saves a contract (history compacted) and its due time; returns what is stored. */
    putContract(after: Contract): Contract {
        const c = compactHistory(after);
        const before = this.writes.base('contracts', c.id);
        if (before === undefined && this.writes.planned.contracts?.has(c.id) !== true) this.newContracts++;
        this.writes.put('contracts', c.id, c);
        // The due index is written only when the due time moves (or this plan already touched it):
        // a kept time may be a retry set earlier, which the timer run then re-indexes.
        const timeout = this.config().requestTimeoutNs;
        const at = dueOf(c, timeout);
        if (before === undefined || this.effects.dueTimes.has(c.id) || dueOf(before, timeout) !== at) this.setDue(c.id, at);
        return c;
    }

    nextOfferingId(): bigint {
        return BigInt(this.view.offeringCount() + [...this.writes.written('offerings').keys()].filter((id) => this.writes.base('offerings', id) === undefined).length + 1);
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
        this.writes.put('offerings', o.id, o);
    }

    putTransfer(after: Transfer): Transfer {
        this.writes.put('transfers', after.id, after);
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
