// What the escrow's planners may read: a read-only view of its storage. Only apply.ts builds it
// (and writes); planners get this interface and cannot change anything.
import type { Books, TokenTotals } from './domain/books';
import { TERMINAL } from './domain/settlement';
import { PROBED } from './domain/probe';
import { STATUSES, type Account, type Config, type Contract, type JournalEntry, type Offering, type Provider, type Status, type TokenConfig, type Transfer } from '../kernel/records';
import type { Item, Lists } from '../kernel/lists';
import type { ReadTable } from '../kernel/kv';

export interface EscrowView {
    config(): Config;
    contract(id: bigint): Contract | undefined;
    offering(id: bigint): Offering | undefined;
    provider(id: string): Provider | undefined;
    /** A provider's payout account (kept beside the profile so a withdrawal does not decode the profile). */
    payout(provider: string): Account | undefined;
    transfer(id: bigint): Transfer | undefined;
    /** The contract an ICPay payment id was credited to. */
    payment(paymentId: string): bigint | undefined;
    /** Contract ids issued so far (stored records + removed never-paid ones). */
    contractCount(): number;
    offeringCount(): number;
    /** Entries in one of the kernel's lists. */
    listCount(list: string): number;
    transferCount(): number;
    /** A quota counter (`rt|tenant`: a tenant's unpaid requests). */
    counter(key: string): number;
    balance(account: string, token: string): bigint;
    totals(token: string): TokenTotals;
    /** Up to `max` contract ids due at `now`, earliest first. */
    dueIds(now: bigint, max: number): bigint[];
    /** A ledger call for this key (`pull:id`, `transfer:id`) is outstanding (heap mark, expires). */
    isBusy(key: string): boolean;
}

export const tokenOf = (v: EscrowView, symbol: string): TokenConfig | undefined => v.config().tokens.find((t) => t.symbol === symbol);

/** List names (kernel/lists). */
export const L = {
    byTenant: (p: string) => `ct|${p}`,
    byProvider: (p: string) => `cp|${p}`,
    openTenant: (p: string) => `ot|${p}`,
    openProvider: (p: string) => `op|${p}`,
    closedTenant: (p: string) => `xt|${p}`,
    closedProvider: (p: string) => `xp|${p}`,
    journalContract: (id: bigint) => `jc|${id}`,
    journalAccount: (a: string) => `ja|${a}`,
    transfersAccount: (a: string) => `ta|${a}`,
    probed: 'probed',
    inFlight: 'inflight'
} as const;

/** A contract is open until it is closed and no pull of unknown outcome hangs on it. */
export const isOpen = (c: Contract): boolean => !(TERMINAL.has(c.status) && c.pendingPull === null);
export const isProbed = (c: Contract): boolean => c.probe !== undefined && c.probe !== null && PROBED.has(c.status);
export const statusItem = (c: Contract): Item => [Number(c.id), STATUSES.indexOf(c.status)];
export const holdsStock = (s: Status): boolean => s === 'Accepted' || s === 'Provisioning' || s === 'Provisioned' || s === 'Active' || s === 'Paused';

/** Read-only tables, lists and books for the queries (reads.ts, audit.ts). */
export interface Records {
    contracts: ReadTable<bigint, Contract>;
    /** Contract ids issued so far: ids are 1..n, a removed never-paid contract leaves a gap. */
    contractIds(): number;
    transfers: ReadTable<bigint, Transfer>;
    journal: ReadTable<bigint, JournalEntry>;
    lists: Pick<Lists, 'page' | 'count'>;
    books: Pick<Books, 'balance' | 'inFlightOf' | 'token' | 'tokens' | 'balances'>;
    negatives(): number;
    config(): Config;
}
