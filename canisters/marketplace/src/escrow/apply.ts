// The only writer of the escrow's storage: every state change is planned as Effects and written
// here, in a fixed order (config, providers, lists, then the planned records through the kernel's
// writeTables: offerings, contracts with their books and indexes, transfers; then purged contracts,
// payments, journal, due times), then the status hooks fire and the timer is re-armed.
import { Books } from './domain/books';
import { DueIndex } from './domain/due_index';
import type { Account, Config, Contract, NewJournalEntry, Offering, Status, Transfer } from '../kernel/records';
import type { Lists } from '../kernel/lists';
import { writeTables, type Derive } from '../kernel/unit_of_work';
import type { Store } from './ports';
import type { Effects, EscrowRows } from './effects';
import { isOpen, isProbed, L, statusItem, type EscrowView } from './view';

export type StatusHook = (contract: Contract, from: Status | null) => void;

export interface Storage {
    store: Store;
    lists: Lists;
    books: Books;
    due: DueIndex;
    hooks: StatusHook[];
    offeringHooks: ((o: Offering) => void)[];
    /** Heap copy of the stored config (a trap rolls the heap back with the store, so they agree). */
    cache: { config: Config | null };
    /** The timer must come back at this time (the canister arms it). */
    wake(at: bigint): void;
}

export function readView(s: Storage, isBusy: (key: string) => boolean): EscrowView {
    const { store, books, due } = s;
    return {
        config: () => configOf(s),
        contract: (id) => store.contracts.get(id),
        offering: (id) => store.offerings.get(id),
        provider: (id) => store.providers.get(id),
        payout: (id) => {
            const v = store.index.get(payoutKey(id));
            return v === undefined ? store.providers.get(id)?.payout : accountFrom(v);
        },
        transfer: (id) => store.transfers.get(id),
        payment: (p) => store.payments.get(p),
        contractCount: () => contractIds(store),
        offeringCount: () => store.offerings.len(),
        listCount: (g) => s.lists.count(g),
        transferCount: () => store.transfers.len(),
        counter: (k) => Number(store.index.get(`n|${k}`) ?? '0'),
        balance: (a, t) => books.balance(a, t),
        totals: (t) => books.token(t),
        dueIds: (now, max) => due.peekDue(now, max),
        isBusy
    };
}

const payoutKey = (p: string): string => `po|${p}`;
const hex = (b: Uint8Array): string => Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
const accountText = (a: Account): string => (a.subaccount === null ? a.owner : `${a.owner}.${hex(a.subaccount)}`);
function accountFrom(s: string): Account {
    const [owner, sub] = s.split('.');
    return { owner: owner!, subaccount: sub === undefined ? null : Uint8Array.from(sub.match(/../g)!, (x) => parseInt(x, 16)) };
}

export function configOf(s: Storage): Config {
    if (s.cache.config !== null) return s.cache.config;
    const c = s.store.config.get();
    if (c === undefined) throw new Error('marketplace not initialised');
    return (s.cache.config = c);
}

/** The planned records: offerings, then contracts (with their books and indexes), then transfers. */
const TABLE_ORDER = ['offerings', 'contracts', 'transfers'] as const;
const DERIVE: Derive<EscrowRows, Storage> = {
    contracts: (s, before, after) => {
        s.books.replaceContract(before, after);
        indexContract(s, before, after);
    },
    transfers: indexTransfer
};

/**
 * Writes a plan's effects. Returns the earliest due time it set; with `peek` false the caller
 * wakes the timer for it itself (a timer run applies one contract at a time and wakes once).
 * Most parts are empty in most plans: each is checked before it is walked (a for-of costs ≈ 3k
 * instructions even over an empty array in the canister's JS engine).
 */
export function applyEffects(s: Storage, e: Effects, peek = true): bigint | null {
    const { store } = s;
    if (e.config !== null) {
        store.config.put(e.config);
        s.cache.config = e.config;
    }
    if (e.providers.length > 0)
        for (const p of e.providers) {
            store.providers.put(p.id, p);
            store.index.put(payoutKey(p.id), accountText(p.payout));
        }
    if (e.lists.length > 0)
        for (const l of e.lists) {
            if (l.op === 'add') s.lists.add(l.list, l.item, l.removable);
            else if (l.op === 'remove') s.lists.remove(l.list, l.id);
            else s.lists.replace(l.list, l.item);
        }
    writeTables(store, e.writes, TABLE_ORDER, DERIVE, s);
    if (e.purged.length > 0)
        for (const c of e.purged) {
            // Ids stay unique: the next id counts the removed ones too (view.contractCount).
            store.contracts.remove(c.id);
            bump(s, 'purged', 1);
        }
    if (e.payments.length > 0) for (const [p, id] of e.payments) store.payments.put(p, id);
    if (e.journal.length > 0) for (const j of e.journal) appendJournal(s, j);
    let earliest: bigint | null = null;
    if (e.dueTimes.size > 0) {
        const first = peek ? s.due.peek() : null;
        e.dueTimes.forEach((at, id) => {
            s.due.set(id, at);
            if (at !== null && (earliest === null || at < earliest)) earliest = at;
            if (peek && at !== null && (first === null || at < first)) s.wake(at);
        });
    }
    if (e.hooks.length > 0) for (const { contract, from } of e.hooks) if (contract.status !== from) for (const h of s.hooks) h(contract, from);
    if (e.offeringHooks.length > 0) for (const o of e.offeringHooks) for (const h of s.offeringHooks) h(o);
    if (e.wake.length > 0) for (const at of e.wake) s.wake(at);
    return earliest;
}

/** Journal append, indexed by contract and account (the trust domain appends through it too). */
export function appendJournal(s: Storage, e: NewJournalEntry): bigint {
    const seq = BigInt(s.store.journal.len());
    s.store.journal.put(seq, { ...e, seq });
    if (e.contractId !== null) s.lists.add(L.journalContract(e.contractId), Number(seq), false);
    if (e.account !== '') s.lists.add(L.journalAccount(e.account), Number(seq), false);
    return seq;
}

/** Contract ids issued so far: the stored records plus the never-paid ones removed (ids are never reused). */
export const contractIds = (store: Store): number => store.contracts.len() + Number(store.index.get('n|purged') ?? '0');

function bump(s: Storage, key: string, by: number): void {
    const v = Number(s.store.index.get(`n|${key}`) ?? '0') + by;
    if (v <= 0) s.store.index.remove(`n|${key}`);
    else s.store.index.put(`n|${key}`, String(v));
}

/** Keeps every index of a contract in step with its saved record: only what changed is written. */
function indexContract(s: Storage, before: Contract | undefined, c: Contract): void {
    const { lists } = s;
    const id = Number(c.id);
    const wasProbed = before !== undefined && isProbed(before);
    if (isProbed(c) !== wasProbed) {
        if (wasProbed) lists.remove(L.probed, id);
        else lists.add(L.probed, id, true);
    }
    if (before === undefined) {
        lists.add(L.byTenant(c.tenant), id, false);
        lists.add(L.byProvider(c.provider), id, false);
    }
    const wasOpen = before !== undefined && isOpen(before);
    const open = isOpen(c);
    if (open !== wasOpen || (open && before!.status !== c.status)) {
        moveSide(lists, L.openTenant(c.tenant), L.closedTenant(c.tenant), c, open, wasOpen);
        moveSide(lists, L.openProvider(c.provider), L.closedProvider(c.provider), c, open, wasOpen);
    }
    const wasRequest = before !== undefined && before.status === 'Requested';
    if ((c.status === 'Requested') !== wasRequest) {
        const by = c.status === 'Requested' ? 1 : -1;
        bump(s, `rt|${c.tenant}`, by);
    }
}

/** One side's (tenant's or provider's) open and closed lists after an open contract's status changed or it opened or closed. */
function moveSide(lists: Lists, openList: string, closedList: string, c: Contract, open: boolean, wasOpen: boolean): void {
    if (open && !wasOpen) lists.add(openList, statusItem(c), true);
    else if (open) lists.replace(openList, statusItem(c));
    else {
        lists.remove(openList, Number(c.id));
        lists.add(closedList, statusItem(c), false);
    }
}

function indexTransfer(s: Storage, before: Transfer | undefined, after: Transfer): void {
    s.books.replaceTransfer(before, after);
    const id = Number(after.id);
    if (before === undefined) s.lists.add(L.transfersAccount(after.account), id, false);
    const was = before?.status === 'InFlight';
    if (after.status === 'InFlight' && !was) s.lists.add(L.inFlight, id, true);
    if (after.status !== 'InFlight' && was) s.lists.remove(L.inFlight, id);
}
