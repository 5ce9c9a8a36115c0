// Double-entry view of the escrow, derived from contracts and transfers.
//
// Balances are not stored separately: a principal's withdrawable balance per token is
//   Σ (released − fee) of contracts it provides + Σ refunded of contracts it rents
//   − Σ amount of its transfers that are in flight or done,
// and the platform's fee balance is Σ fee − Σ fee withdrawals. `Books` keeps these sums and is
// updated by replacing a contract or transfer (old contribution out, new in), so it can be built
// from scratch by a scan (postUpgrade, audit) and kept incrementally (every save).
import { held } from './settlement';
import { FEE_ACCOUNT, TERMINAL, type Contract, type Transfer } from '../../kernel/records';

export interface TokenTotals {
    token: string;
    /** Σ deposited − released − refunded over contracts. */
    escrowHeld: bigint;
    /** Σ balances of principals (provider earnings and tenant refunds not yet paid out). */
    withdrawable: bigint;
    inFlight: bigint;
    feesUnwithdrawn: bigint;
    deposited: bigint;
    paidOut: bigint;
    /** Σ ICRC-2 pulls whose outcome is not known yet: money that may have arrived unbooked. */
    pulling: bigint;
}

export function liabilities(t: TokenTotals): bigint {
    return t.escrowHeld + t.withdrawable + t.inFlight + t.feesUnwithdrawn;
}

const key = (account: string, token: string): string => `${account}|${token}`;
const TOTALS = ['escrowHeld', 'withdrawable', 'inFlight', 'feesUnwithdrawn', 'deposited', 'paidOut', 'pulling'] as const;
const changed = (a: TokenTotals, b: TokenTotals): boolean => TOTALS.some((f) => a[f] !== b[f]);

/** Where the books live: heap maps (tests, recomputation) or the canister's stable maps. */
export interface BooksStore {
    balance(key: string): bigint | undefined;
    setBalance(key: string, v: bigint | null): void;
    balanceEntries(): Iterable<[string, bigint]>;
    totals(token: string): TokenTotals | undefined;
    setTotals(t: TokenTotals): void;
    tokenList(): string[];
    /** Count of negative balances (kept on write, so `books` needs no scan). */
    negatives(): number;
    setNegatives(n: number): void;
}

export function memoryBooksStore(): BooksStore {
    const balances = new Map<string, bigint>();
    const totals = new Map<string, TokenTotals>();
    let neg = 0;
    return {
        balance: (k) => balances.get(k),
        setBalance: (k, v) => (v === null ? balances.delete(k) : balances.set(k, v)),
        balanceEntries: () => balances.entries(),
        totals: (t) => {
            const x = totals.get(t);
            return x === undefined ? undefined : { ...x };
        },
        setTotals: (t) => totals.set(t.token, { ...t }),
        tokenList: () => [...totals.keys()],
        negatives: () => neg,
        setNegatives: (n) => (neg = n)
    };
}

export class Books {
    constructor(readonly store: BooksStore = memoryBooksStore()) {}

    private tot(token: string): TokenTotals {
        return this.store.totals(token) ?? { token, escrowHeld: 0n, withdrawable: 0n, inFlight: 0n, feesUnwithdrawn: 0n, deposited: 0n, paidOut: 0n, pulling: 0n };
    }

    /** Balance changes of one replacement, summed per key first: each changed key is read and written once. */
    private credit(t: TokenTotals, deltas: Map<string, bigint>, account: string, amount: bigint): void {
        if (amount === 0n) return;
        const k = key(account, t.token);
        deltas.set(k, (deltas.get(k) ?? 0n) + amount);
        if (account === FEE_ACCOUNT) t.feesUnwithdrawn += amount;
        else t.withdrawable += amount;
    }

    private flush(deltas: Map<string, bigint>): void {
        for (const [k, d] of deltas) {
            if (d === 0n) continue;
            const before = this.store.balance(k) ?? 0n;
            const v = before + d;
            this.store.setBalance(k, v === 0n ? null : v);
            if (!k.includes('~inflight') && (before < 0n) !== (v < 0n)) this.store.setNegatives(this.store.negatives() + (v < 0n ? 1 : -1));
        }
    }

    private contract(t: TokenTotals, deltas: Map<string, bigint>, c: Contract, sign: bigint): void {
        t.escrowHeld += sign * held(c);
        t.deposited += sign * c.deposited;
        if (c.pendingPull !== null) t.pulling += sign * c.pendingPull.amount;
        this.credit(t, deltas, c.provider, sign * (c.released - c.fee));
        this.credit(t, deltas, FEE_ACCOUNT, sign * c.fee);
        this.credit(t, deltas, c.tenant, sign * c.refunded);
    }

    private transfer(t: TokenTotals, deltas: Map<string, bigint>, x: Transfer, sign: bigint): void {
        // A return is money that arrived with it (no contract holds it): deposited by the transfer
        // itself, and owed to its payer (withdrawable) if the ledger refused to send it back.
        if (x.kind === 'Return') {
            t.deposited += sign * x.amount;
            if (x.status === 'Failed') {
                this.credit(t, deltas, x.account, sign * x.amount);
                return;
            }
            this.credit(t, deltas, x.account, sign * x.amount);
        }
        if (x.status === 'Failed') return;
        this.credit(t, deltas, x.account, -sign * x.amount);
        if (x.status === 'InFlight') {
            t.inFlight += sign * x.amount;
            const k = key(`${x.account}~inflight`, x.token);
            deltas.set(k, (deltas.get(k) ?? 0n) + sign * x.amount);
        } else t.paidOut += sign * x.amount;
    }

    replaceContract(before: Contract | undefined, after: Contract): void {
        const t = this.tot(after.token);
        const was = { ...t };
        const deltas = new Map<string, bigint>();
        if (before !== undefined) this.contract(t, deltas, before, -1n);
        this.contract(t, deltas, after, 1n);
        this.flush(deltas);
        if (changed(was, t)) this.store.setTotals(t);
    }

    replaceTransfer(before: Transfer | undefined, after: Transfer): void {
        const t = this.tot(after.token);
        const was = { ...t };
        const deltas = new Map<string, bigint>();
        if (before !== undefined) this.transfer(t, deltas, before, -1n);
        this.transfer(t, deltas, after, 1n);
        this.flush(deltas);
        if (changed(was, t)) this.store.setTotals(t);
    }

    balance(account: string, token: string): bigint {
        return this.store.balance(key(account, token)) ?? 0n;
    }

    /** Σ of the account's transfers in flight in `token`. */
    inFlightOf(account: string, token: string): bigint {
        return this.store.balance(key(`${account}~inflight`, token)) ?? 0n;
    }

    get balances(): Iterable<[string, bigint]> {
        return this.store.balanceEntries();
    }

    token(token: string): TokenTotals {
        return { ...this.tot(token) };
    }

    tokens(): TokenTotals[] {
        return this.store.tokenList().map((t) => this.tot(t));
    }

    static build(contracts: Iterable<Contract>, transfers: Iterable<Transfer>): Books {
        const b = new Books();
        for (const c of contracts) b.replaceContract(undefined, c);
        for (const x of transfers) b.replaceTransfer(undefined, x);
        return b;
    }
}

/** Per-contract invariants (README.md of the marketplace, Invariants 1–3). Returns the violated ones, named. */
export function contractViolations(c: Contract): string[] {
    const v: string[] = [];
    const h = held(c);
    if (h < 0n) v.push(`contract ${c.id}: held ${h} < 0 (deposited ${c.deposited}, released ${c.released}, refunded ${c.refunded})`);
    if (c.released < 0n || c.refunded < 0n || c.deposited < 0n) v.push(`contract ${c.id}: negative amount`);
    if (c.released > c.total) v.push(`contract ${c.id}: released ${c.released} > total ${c.total}`);
    if (c.fee < 0n || c.fee > c.released) v.push(`contract ${c.id}: fee ${c.fee} outside [0, released]`);
    let sum = 0n;
    for (const s of c.segments) sum += s.amount;
    if (sum !== c.total) v.push(`contract ${c.id}: Σ segments ${sum} ≠ total ${c.total}`);
    const closed = TERMINAL.has(c.status);
    if (closed && h !== 0n && c.pendingPull === null) v.push(`contract ${c.id}: closed (${c.status}) but escrow holds ${h}`);
    return v;
}

export interface TokenAudit extends TokenTotals {
    liabilities: bigint;
    ledgerBalance: bigint;
    /** ledgerBalance − liabilities: ≥ 0 once every in-flight transfer is resolved. */
    surplus: bigint;
    /**
     * ledgerBalance ≥ liabilities − inFlight. An in-flight transfer whose outcome is unknown may
     * already have left the account (a lost reply), so until it is resolved the shortfall can be
     * at most the in-flight amount; anything beyond that is money missing.
     */
    ok: boolean;
}

export function auditToken(t: TokenTotals, ledgerBalance: bigint): TokenAudit {
    const l = liabilities(t);
    return { ...t, liabilities: l, ledgerBalance, surplus: ledgerBalance - l, ok: ledgerBalance + t.inFlight >= l };
}

/** Differences between two sets of books (incremental vs. rebuilt): empty when they agree. */
export function booksDiff(a: Books, b: Books): string[] {
    const out: string[] = [];
    const am = new Map(a.balances);
    const bm = new Map(b.balances);
    const keys = new Set([...am.keys(), ...bm.keys()]);
    for (const k of keys) {
        const x = am.get(k) ?? 0n;
        const y = bm.get(k) ?? 0n;
        if (x !== y) out.push(`balance ${k}: ${x} ≠ ${y}`);
    }
    const tokens = new Set([...a.tokens().map((t) => t.token), ...b.tokens().map((t) => t.token)]);
    for (const tk of tokens) {
        const x = a.token(tk);
        const y = b.token(tk);
        for (const f of ['escrowHeld', 'withdrawable', 'inFlight', 'feesUnwithdrawn', 'deposited', 'paidOut', 'pulling'] as const) {
            if (x[f] !== y[f]) out.push(`${tk}.${f}: ${x[f]} ≠ ${y[f]}`);
        }
    }
    return out;
}
