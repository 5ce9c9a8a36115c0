// The escrow's queries: balances computed to now, and cursor pages over the indexes.
import { MAX_PAGE, type Page } from '../kernel/lists';
import { BILLING, TERMINAL, earnedAt, held, settle } from './domain/settlement';
import { FEE_ACCOUNT, STATUSES, type Contract, type JournalEntry, type Status, type Transfer } from '../kernel/records';
import { itemId, scanDense, type Item } from '../kernel/lists';
import { L, type Records } from './view';

/** Open contracts a balance query settles to now for its `accruing` part. */
export const ACCRUE_IN_BALANCE = 20;

export interface ContractBalance {
    contractId: bigint;
    token: string;
    total: bigint;
    deposited: bigint;
    released: bigint;
    fee: bigint;
    refunded: bigint;
    held: bigint;
    earnedNow: bigint;
    releasableNow: bigint;
    unearnedNow: bigint;
    due: bigint;
}

export interface AccountBalance {
    account: string;
    token: string;
    /** Withdrawable now: released earnings and refunds, plus what settling to now would release. */
    withdrawable: bigint;
    /** Part of `withdrawable` not yet released by a settlement. */
    accruing: bigint;
    inFlight: bigint;
    /** Σ escrow held for contracts this principal rents. */
    escrowAsTenant: bigint;
}

const clampPage = (limit: number): number => Math.max(0, Math.min(limit, MAX_PAGE));

export function contractBalance(r: Records, id: bigint, now: bigint): ContractBalance | null {
    const c = r.contracts.get(id);
    if (c === undefined) return null;
    const s = settle(c, now);
    return {
        contractId: id, token: c.token, total: c.total, deposited: c.deposited, released: c.released, fee: c.fee, refunded: c.refunded, held: held(c),
        earnedNow: BILLING.has(c.status) ? earnedAt(c, now) : c.released, releasableNow: s.released, unearnedNow: held(s.contract), due: c.quote?.amount ?? 0n
    };
}

/**
 * The principal's balance: booked (kept on every write) plus what settling its first
 * ACCRUE_IN_BALANCE open contracts (as provider) would release now; escrow held for the first
 * ACCRUE_IN_BALANCE it rents.
 */
export function accountBalance(r: Records, account: string, token: string, now: bigint): AccountBalance {
    let accruing = 0n;
    let escrowAsTenant = 0n;
    const get = (i: Item) => r.contracts.get(BigInt(itemId(i)))!;
    for (const c of r.lists.page(L.openProvider(account), 0, ACCRUE_IN_BALANCE).items.map(get)) {
        if (c.token !== token) continue;
        const s = settle(c, now);
        accruing += s.released - s.fee;
    }
    for (const c of r.lists.page(L.openTenant(account), 0, ACCRUE_IN_BALANCE).items.map(get)) if (c.token === token) escrowAsTenant += held(settle(c, now).contract);
    return { account, token, withdrawable: r.books.balance(account, token) + accruing, accruing, inFlight: r.books.inFlightOf(account, token), escrowAsTenant };
}

export const feeBalance = (r: Records, token: string): bigint => r.books.balance(FEE_ACCOUNT, token);

/** Journal page: all (controllers), one contract's, or one account's entries; cursor order = seq order. */
export function journalPage(r: Records, cursor: number, limit: number, contractId: bigint | null, account: string | null): Page<JournalEntry> {
    const lim = clampPage(limit);
    const g = contractId !== null ? L.journalContract(contractId) : account !== null ? L.journalAccount(account) : null;
    if (g === null) return scanDense(r.journal.len(), cursor, lim, (seq) => r.journal.get(seq - 1n), () => true);
    const page = r.lists.page(g, cursor, lim);
    return { items: page.items.map((i) => r.journal.get(BigInt(itemId(i)))!), total: page.total, next: page.next };
}

/** Contracts of a tenant or provider (all, open or closed), or all in id order (privileged callers). */
export function contractPage(r: Records, by: { tenant?: string; provider?: string; status?: Status }, cursor: number, limit: number): Page<Contract> {
    const lim = clampPage(limit);
    const who = by.tenant ?? by.provider;
    // Removed never-paid contracts leave ids in the tenant's and provider's lists: skipped.
    const get = (i: Item) => r.contracts.get(BigInt(itemId(i)));
    const kept = (c: Contract | undefined): c is Contract => c !== undefined;
    if (who === undefined) return scanDense(r.contractIds(), cursor, lim, (id) => r.contracts.get(id), (c) => by.status === undefined || c.status === by.status);
    const asTenant = by.tenant !== undefined;
    if (by.status === undefined) {
        const page = r.lists.page(asTenant ? L.byTenant(who) : L.byProvider(who), cursor, lim);
        return { items: page.items.map(get).filter(kept).filter((c) => by.provider === undefined || c.provider === by.provider), total: page.total, next: page.next };
    }
    const st = STATUSES.indexOf(by.status);
    const g = TERMINAL.has(by.status) ? (asTenant ? L.closedTenant(who) : L.closedProvider(who)) : asTenant ? L.openTenant(who) : L.openProvider(who);
    const page = r.lists.page(g, cursor, lim, (i) => (i as number[])[1] === st);
    const items = page.items.map(get).filter(kept).filter((c) => c.status === by.status && (by.provider === undefined || c.provider === by.provider));
    return { items, total: page.total, next: page.next };
}

/** Transfers of one account (or all, in id order). */
export function transferPage(r: Records, account: string | null, cursor: number, limit: number, inFlightOnly: boolean): Page<Transfer> {
    const lim = clampPage(limit);
    const get = (i: Item) => r.transfers.get(BigInt(itemId(i)))!;
    if (inFlightOnly) {
        const page = r.lists.page(L.inFlight, cursor, lim, (i) => account === null || get(i).account === account);
        return { items: page.items.map(get), total: page.total, next: page.next };
    }
    if (account === null) return scanDense(r.transfers.len(), cursor, lim, (id) => r.transfers.get(id), () => true);
    const page = r.lists.page(L.transfersAccount(account), cursor, lim);
    return { items: page.items.map(get), total: page.total, next: page.next };
}

/** Probe targets: Provisioned/Active contracts with an endpoint, in id order. */
export function probePage(r: Records, offset: number, limit: number): Page<Contract> {
    const page = r.lists.page(L.probed, offset, Math.max(0, Math.min(limit, 200)));
    return { items: page.items.map((i) => r.contracts.get(BigInt(itemId(i)))!), total: page.total, next: page.next };
}
