// The escrow keeper: owns the marketplace rules. Every operation loads what it needs, changes
// in-memory copies with the pure domain functions, then saves each changed record once; status
// hooks fire after the save. Around every await it debits first, records what is in flight, and
// re-reads (never trusts) state afterwards. No Azle imports: the canister supplies the ports.
import { Books, auditToken, booksDiff, contractViolations, liabilities, type TokenAudit } from '../domain/books';
import { DueIndex } from '../domain/due-index';
import { Lists, itemId, scanDense, type Item } from '../kernel/lists';
import { ANONYMOUS, Catalog, type OfferingHook } from './catalog';
import { Reporters } from './reporters';
import { QUOTAS } from '../domain/limits';
import { LIMITS, type ProfileInput } from '../domain/offering';
import { quoteFor } from '../domain/pricing';
import { normaliseProbe, PROBE_SETTABLE, PROBED, validateProbe, type ProbeEndpoint } from '../domain/probe';
import { MAX_PAGE, type OfferingFilter, type Page, type TrustScoreHook } from '../domain/search';
import {
    BILLING,
    TERMINAL,
    contractEnd,
    clawbackForSla,
    creditTenantFromEscrow,
    earnedAt,
    held,
    nextDue,
    paidHours,
    platformFee,
    refundRemainder,
    schedule,
    settle,
    unearned
} from '../domain/settlement';
import { compactHistory, transition } from '../domain/state-machine';
import { applyResolution, newTransfer, pullMemo, resolve, type LedgerOutcome } from '../domain/transfers';
import {
    STATUSES,
    FEE_ACCOUNT,
    NS_PER_HOUR,
    err,
    ok,
    type Account,
    type Actor,
    type Config,
    type Contract,
    type JournalEntry,
    type MarketError,
    type NewJournalEntry,
    type Offering,
    type OfferingSpec,
    type Provider,
    type Reporter,
    type ReporterRole,
    type Result,
    type Role,
    type Status,
    type TokenConfig,
    type Transfer
} from '../domain/types';
import type { Clock, LedgerGateway, Store, TransferLookup } from './ports';

export { ANONYMOUS } from './catalog';
export const DEFAULT_REQUEST_TIMEOUT_NS = 60n * 60n * 1_000_000_000n;
/** Contracts the timer settles per message; the rest continue in follow-up timer messages. */
export const DEFAULT_BATCH = 100;
/** Instructions a timer run may use before it stops and continues in a follow-up message (5% of the 40B limit). */
export const RUN_BUDGET = 2_000_000_000n;
/** Minimum time between automatic retries of an in-flight transfer. */
export const RETRY_AFTER_NS = 5n * 60n * 1_000_000_000n;
/**
 * A ledger call marked outstanding longer than this is taken as ended: if its callback trapped,
 * the rollback kept the mark, and it must not block the transfer or pull forever.
 */
/** Open contracts a withdrawal settles first (0: it takes what the releases booked; its cost does not grow with the provider's contracts). */
export const SETTLE_ON_WITHDRAW = 0;
/** Open contracts a balance query settles to now for its `accruing` part. */
export const ACCRUE_IN_BALANCE = 20;
export const BUSY_TIMEOUT_NS = 10n * 60n * 1_000_000_000n;

/** Called after a contract was saved: `from` is its previous status, null when it was just created. */
export type StatusHook = (contract: Contract, from: Status | null) => void;
export type { OfferingHook } from './catalog';

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

export interface DueRun {
    processed: number;
    remaining: number;
    /** Refund transfers started: send them after the run is saved. */
    transfers: bigint[];
    /** Contracts whose ICRC-2 pull has an unknown outcome: retry them. */
    pulls: bigint[];
}

export interface AuditReport {
    at: bigint;
    tokens: TokenAudit[];
    violations: string[];
    ok: boolean;
}

const notFound = (what: string, id: string | bigint): MarketError => ({ NotFound: { what, id: String(id) } });
const unauthorized = (action: string, reason: string): MarketError => ({ Unauthorized: { action, reason } });
const invalid = (field: string, reason: string): MarketError => ({ InvalidInput: { field, reason } });

function holdsStock(s: Status): boolean {
    return s === 'Accepted' || s === 'Provisioning' || s === 'Provisioned' || s === 'Active' || s === 'Paused';
}

/** A contract is open until it is closed and no pull of unknown outcome hangs on it. */
const isOpen = (c: Contract): boolean => !(TERMINAL.has(c.status) && c.pendingPull === null);
const isProbed = (c: Contract): boolean => c.probe !== undefined && c.probe !== null && PROBED.has(c.status);
const statusItem = (c: Contract): Item => [Number(c.id), STATUSES.indexOf(c.status)];

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

export class Market {
    readonly books: Books;
    readonly due: DueIndex;
    readonly lists: Lists;
    /** Transfers and pulls with a ledger call outstanding: key → when it was sent. */
    readonly busy = new Map<string, bigint>();
    trustScore: TrustScoreHook | undefined;
    batch = DEFAULT_BATCH;
    /** Instructions used by the current message (the canister supplies ic0.performance_counter). */
    instructionsUsed: () => bigint = () => 0n;
    /** Called whenever the earliest due time may have moved earlier (the canister re-arms its timer). */
    onDueChanged: (at: bigint) => void = () => {};

    constructor(
        readonly store: Store,
        readonly ledger: LedgerGateway,
        readonly clock: Clock,
        /** The canister's own principal (text): the actor of system transitions. */
        public self: string,
        /** Status hooks, shared so other domains can register before the keeper exists. */
        readonly hooks: StatusHook[] = [],
        readonly offeringHooks: OfferingHook[] = []
    ) {
        this.books = new Books(store.books);
        this.due = new DueIndex(store.dueOrder, store.dueAt);
        this.lists = new Lists(store.index);
        this.catalog = new Catalog({
            store,
            lists: this.lists,
            clock,
            tokens: () => this.config().tokens.map((t) => t.symbol),
            offeringHooks,
            trustScore: () => this.trustScore
        });
        this.reporterList = new Reporters({ config: () => this.config(), putConfig: (c) => this.putConfig(c), clock });
    }

    readonly catalog: Catalog;
    readonly reporterList: Reporters;

    isBusy(key: string): boolean {
        const since = this.busy.get(key);
        return since !== undefined && this.clock() - since < BUSY_TIMEOUT_NS;
    }

    get inFlightCount(): number {
        return this.lists.count(L.inFlight);
    }

    /** Up to `max` in-flight transfer ids, oldest first. */
    inFlightIds(max: number): bigint[] {
        return this.lists.page(L.inFlight, 0, max).items.map((i) => BigInt(itemId(i)));
    }

    private counter(key: string): number {
        return Number(this.store.index.get(`n|${key}`) ?? '0');
    }

    private bump(key: string, by: number): void {
        const v = this.counter(key) + by;
        if (v <= 0) this.store.index.remove(`n|${key}`);
        else this.store.index.put(`n|${key}`, String(v));
    }

    // ---------------------------------------------------------------- setup and derived state

    init(config: Partial<Config> & { tokens: TokenConfig[]; relays?: string[] }): void {
        const now = this.clock();
        const c: Config = {
            tokens: config.tokens,
            requestTimeoutNs: config.requestTimeoutNs ?? DEFAULT_REQUEST_TIMEOUT_NS,
            feeBps: config.feeBps ?? 0,
            reporters: config.reporters ?? [...new Set(config.relays ?? [])].map((principal) => ({ principal, roles: ['relay'], addedAt: now, addedBy: '' })),
            feeAccount: config.feeAccount ?? null,
            benchMode: config.benchMode ?? false
        };
        this.putConfig(c);
    }

    /** After an upgrade: nothing to rebuild (every index is stable); only the heap caches are dropped. */
    rebuild(): void {
        this.cfg = null;
    }

    /** Heap copy of the stored config (a trap rolls the heap back with the store, so they agree). */
    private cfg: Config | null = null;

    config(): Config {
        if (this.cfg !== null) return this.cfg;
        const c = this.store.config.get();
        if (c === undefined) throw new Error('marketplace not initialised');
        this.cfg = c;
        return c;
    }

    private putConfig(c: Config): void {
        this.store.config.put(c);
        this.cfg = c;
    }

    tokenConfig(symbol: string): TokenConfig | undefined {
        return this.config().tokens.find((t) => t.symbol === symbol);
    }

    /** Keeps every index of a contract in step with its saved record: only what changed is written. */
    private indexContract(before: Contract | undefined, c: Contract, timeout: bigint): void {
        const id = Number(c.id);
        const wasProbed = before !== undefined && isProbed(before);
        if (isProbed(c) !== wasProbed) {
            if (wasProbed) this.lists.remove(L.probed, id);
            else this.lists.add(L.probed, id, true);
        }
        if (before === undefined) {
            this.lists.add(L.byTenant(c.tenant), id, false);
            this.lists.add(L.byProvider(c.provider), id, false);
        }
        const wasOpen = before !== undefined && isOpen(before);
        const open = isOpen(c);
        const sides: [string, string][] = [[L.openTenant(c.tenant), L.closedTenant(c.tenant)], [L.openProvider(c.provider), L.closedProvider(c.provider)]];
        for (const [o, x] of sides) {
            if (open && !wasOpen) this.lists.add(o, statusItem(c), true);
            else if (open && before!.status !== c.status) this.lists.replace(o, statusItem(c));
            else if (!open && wasOpen) {
                this.lists.remove(o, id);
                this.lists.add(x, statusItem(c), false);
            }
        }
        const wasRequest = before !== undefined && before.status === 'Requested';
        if ((c.status === 'Requested') !== wasRequest) {
            const by = c.status === 'Requested' ? 1 : -1;
            this.bump(`rt|${c.tenant}`, by);
            this.bump(`ro|${c.offeringId}`, by);
        }
        this.indexDue(c, timeout);
    }

    private indexDue(c: Contract, timeout: bigint): void {
        const at = c.pendingPull !== null && !BILLING.has(c.status) ? c.statusSince + timeout : nextDue(c, timeout);
        const before = this.due.peek();
        this.due.set(c.id, at);
        if (at !== null && (before === null || at < before)) this.onDueChanged(at);
    }

    // ---------------------------------------------------------------- saving

    private journal: NewJournalEntry[] = [];

    private record(e: Omit<NewJournalEntry, 'at'>, now: bigint): void {
        this.journal.push({ ...e, at: now });
    }

    /** Appends the message's journal entries. */
    private flushJournal(): void {
        for (const e of this.journal) this.appendJournal(e);
        this.journal = [];
    }

    /** Journal append (indexed by contract and account); other domains use it too. Returns the seq. */
    appendJournal(e: NewJournalEntry): bigint {
        const seq = BigInt(this.store.journal.len());
        this.store.journal.put(seq, { ...e, seq });
        if (e.contractId !== null) this.lists.add(L.journalContract(e.contractId), Number(seq), false);
        if (e.account !== '') this.lists.add(L.journalAccount(e.account), Number(seq), false);
        return seq;
    }

    private saveContract(before: Contract | undefined, after: Contract): void {
        const c = compactHistory(after);
        this.store.contracts.put(c.id, c);
        this.books.replaceContract(before, c);
        this.indexContract(before, c, this.config().requestTimeoutNs);
    }

    private saveTransfer(before: Transfer | undefined, after: Transfer): void {
        this.store.transfers.put(after.id, after);
        this.books.replaceTransfer(before, after);
        const id = Number(after.id);
        if (before === undefined) this.lists.add(L.transfersAccount(after.account), id, false);
        const was = before?.status === 'InFlight';
        if (after.status === 'InFlight' && !was) this.lists.add(L.inFlight, id, true);
        if (after.status !== 'InFlight' && was) this.lists.remove(L.inFlight, id);
    }

    private fireHooks(changes: [Contract, Status][]): void {
        for (const [c, from] of changes) if (c.status !== from) for (const h of this.hooks) h(c, from);
    }

    /** Records what a settlement released. */
    private journalRelease(c: Contract, released: bigint, fee: bigint, now: bigint): void {
        if (released === 0n) return;
        this.record({ kind: 'Release', contractId: c.id, account: c.provider, token: c.token, amount: released, fee, block: null, ref: '' }, now);
    }

    // ---------------------------------------------------------------- providers and offerings (the catalog)

    registerProvider = (caller: string, input: ProfileInput): Result<Provider> => this.catalog.registerProvider(caller, input);
    updateProvider = (caller: string, input: ProfileInput): Result<Provider> => this.catalog.updateProvider(caller, input);
    createOffering = (caller: string, spec: OfferingSpec, notify = true): Result<Offering> => this.catalog.createOffering(caller, spec, notify);
    updateOffering = (caller: string, id: bigint, spec: OfferingSpec): Result<Offering> => this.catalog.updateOffering(caller, id, spec);
    setOfferingActive = (caller: string, id: bigint, active: boolean): Result<Offering> => this.catalog.setOfferingActive(caller, id, active);
    searchOfferings = (filter: OfferingFilter, cursor: number, limit: number): Page<Offering> => this.catalog.searchOfferings(filter, cursor, limit);
    listProviders = (cursor: number, limit: number): Page<Provider> => this.catalog.listProviders(cursor, limit);

    // ---------------------------------------------------------------- contracts

    requestContract(caller: string, offeringId: bigint, hours: number): Result<Contract> {
        if (caller === ANONYMOUS) return err(unauthorized('requestContract', 'anonymous caller'));
        const o = this.store.offerings.get(offeringId);
        if (o === undefined) return err(notFound('offering', offeringId));
        if (!o.active) return err({ InvalidState: { status: 'inactive offering', operation: 'requestContract' } });
        if (o.provider === caller) return err(unauthorized('requestContract', 'a provider cannot rent its own offering'));
        if (!Number.isInteger(hours) || hours < o.minHours || hours > o.maxHours) {
            return err(invalid('hours', `must be an integer in [${o.minHours}, ${o.maxHours}]`));
        }
        if (o.inUse >= o.stock) return err({ OutOfStock: { offeringId, stock: o.stock } });
        if (this.tokenConfig(o.token) === undefined) return err({ UnknownToken: { token: o.token } });
        if (this.counter(`rt|${caller}`) >= QUOTAS.openRequestsPerTenant) {
            return err({ QuotaExceeded: { what: 'unpaid requests per tenant', limit: QUOTAS.openRequestsPerTenant } });
        }
        if (this.counter(`ro|${offeringId}`) >= QUOTAS.openRequestsPerOffering) {
            return err({ QuotaExceeded: { what: 'unpaid requests per offering', limit: QUOTAS.openRequestsPerOffering } });
        }
        const now = this.clock();
        const cfg = this.config();
        const c: Contract = {
            id: BigInt(this.store.contracts.len()) + 1n,
            offeringId,
            provider: o.provider,
            tenant: caller,
            token: o.token,
            status: 'Requested',
            statusSince: now,
            createdAt: now,
            feeBps: cfg.feeBps,
            quote: quoteFor(o, hours, true),
            pendingPull: null,
            segments: [],
            total: 0n,
            deposited: 0n,
            released: 0n,
            fee: 0n,
            refunded: 0n,
            lastSettled: now,
            connection: '',
            probe: null,
            history: [{ status: 'Requested', actor: caller, role: 'tenant', at: now, note: '' }],
            historyOmitted: 0
        };
        this.saveContract(undefined, c);
        for (const h of this.hooks) h(c, null);
        return ok(c);
    }

    /** Resolves the caller's role on a contract for an action that needs one of `roles`. */
    private actorFor(c: Contract, caller: string, roles: readonly Role[], action: string): Result<Actor> {
        if (roles.includes('tenant') && caller === c.tenant) return ok({ principal: caller, role: 'tenant' });
        if (roles.includes('provider') && caller === c.provider) return ok({ principal: caller, role: 'provider' });
        return err(unauthorized(action, `caller is not the contract's ${roles.join(' or ')}`));
    }

    private load(id: bigint): Result<Contract> {
        const c = this.store.contracts.get(id);
        return c === undefined ? err(notFound('contract', id)) : ok(c);
    }

    /**
     * A plain status change (no money moves other than settling to now). Settles first so that a
     * billing contract never loses accrued time across the change.
     */
    private move(caller: string, id: bigint, to: Status, roles: readonly Role[], action: string, note = '', edit?: (c: Contract, now: bigint) => Result<Contract>): Result<Contract> {
        if (note.length > LIMITS.note) return err(invalid('note', `longer than ${LIMITS.note} characters`));
        const r = this.load(id);
        if ('Err' in r) return r;
        const a = this.actorFor(r.Ok, caller, roles, action);
        if ('Err' in a) return a;
        const now = this.clock();
        const before = r.Ok;
        const s = settle(before, now);
        const t = transition(s.contract, to, a.Ok, now, note.slice(0, LIMITS.note));
        if ('Err' in t) return t;
        let c = t.Ok;
        if (edit !== undefined) {
            const e = edit(c, now);
            if ('Err' in e) return e;
            c = e.Ok;
        }
        this.journalRelease(c, s.released, s.fee, now);
        this.saveContract(before, c);
        this.flushJournal();
        this.fireHooks([[c, before.status]]);
        return ok(c);
    }

    acceptContract(caller: string, id: bigint): Result<Contract> {
        const r = this.load(id);
        if ('Err' in r) return r;
        const o = this.store.offerings.get(r.Ok.offeringId);
        if (o === undefined) return err(notFound('offering', r.Ok.offeringId));
        if (caller === r.Ok.provider && o.inUse >= o.stock && (r.Ok.status === 'Requested' || r.Ok.status === 'Pending')) {
            return err({ OutOfStock: { offeringId: o.id, stock: o.stock } });
        }
        const res = this.move(caller, id, 'Accepted', ['provider'], 'acceptContract');
        if ('Ok' in res) this.store.offerings.put(o.id, { ...o, inUse: o.inUse + 1 });
        return res;
    }

    startProvisioning(caller: string, id: bigint): Result<Contract> {
        return this.move(caller, id, 'Provisioning', ['provider'], 'startProvisioning', '', (c) =>
            c.segments.length === 0 || c.quote !== null || c.pendingPull !== null
                ? err({ InvalidState: { status: 'Accepted (not fully paid)', operation: 'startProvisioning' } })
                : ok(c)
        );
    }

    reportProvisioned(caller: string, id: bigint, connection: string): Result<Contract> {
        if (connection.length > LIMITS.connection) return err(invalid('connection', `longer than ${LIMITS.connection} characters`));
        const r = this.load(id);
        if ('Err' in r) return r;
        const first = r.Ok.status === 'Provisioning';
        return this.move(caller, id, 'Provisioned', ['provider'], 'reportProvisioned', '', (c, now) => {
            if (!first) return ok({ ...c, connection });
            // Billing starts now: lay the paid segments out from this moment, then settle the setup fee.
            const k: Contract = { ...c, connection, segments: schedule(c.segments, now), lastSettled: now };
            const s = settle(k, now);
            this.journalRelease(s.contract, s.released, s.fee, now);
            return ok(s.contract);
        });
    }

    /**
     * The provider declares (or clears, null) where monitors probe the server: with the
     * provisioning report or later (Accepted..Paused). Validated; no status change, no settlement.
     */
    setProbeEndpoint(caller: string, id: bigint, probe: ProbeEndpoint | null): Result<Contract> {
        const r = this.load(id);
        if ('Err' in r) return r;
        const c = r.Ok;
        const a = this.actorFor(c, caller, ['provider'], 'setProbeEndpoint');
        if ('Err' in a) return a;
        if (!PROBE_SETTABLE.has(c.status)) return err({ InvalidState: { status: c.status, operation: 'setProbeEndpoint' } });
        if (probe !== null) {
            const e = validateProbe(probe);
            if (e !== null) return err(e);
        }
        const k: Contract = { ...c, probe: probe === null ? null : normaliseProbe(probe) };
        this.saveContract(c, k);
        return ok(k);
    }

    /** Probe targets for registered monitors and relays: Provisioned/Active contracts with an endpoint, in id order. */
    probeTargets(caller: string, offset: number, limit: number): Result<Page<Contract>> {
        if (!this.hasRole(caller, 'monitor') && !this.hasRole(caller, 'relay')) return err(unauthorized('probeTargets', 'registered monitors and relays only'));
        const page = this.lists.page(L.probed, offset, Math.max(0, Math.min(limit, 200)));
        return ok({ items: page.items.map((i) => this.store.contracts.get(BigInt(itemId(i)))!), total: page.total, next: page.next });
    }

    confirmActive(caller: string, id: bigint): Result<Contract> {
        return this.move(caller, id, 'Active', ['tenant'], 'confirmActive');
    }

    pauseContract(caller: string, id: bigint, note: string): Result<Contract> {
        return this.move(caller, id, 'Paused', ['tenant', 'provider'], 'pauseContract', note);
    }

    resumeContract(caller: string, id: bigint): Result<Contract> {
        return this.move(caller, id, 'Active', ['tenant', 'provider'], 'resumeContract');
    }

    extendContract(caller: string, id: bigint, hours: number): Result<Contract> {
        const r = this.load(id);
        if ('Err' in r) return r;
        const c = r.Ok;
        const a = this.actorFor(c, caller, ['tenant'], 'extendContract');
        if ('Err' in a) return a;
        if (!BILLING.has(c.status)) return err({ InvalidState: { status: c.status, operation: 'extendContract' } });
        if (c.pendingPull !== null) return err({ FundingInProgress: { contractId: id } });
        if (c.segments.length >= QUOTAS.segmentsPerContract) return err({ QuotaExceeded: { what: 'paid segments per contract (extensions)', limit: QUOTAS.segmentsPerContract } });
        const o = this.store.offerings.get(c.offeringId);
        if (o === undefined) return err(notFound('offering', c.offeringId));
        const paid = paidHours(c);
        if (!Number.isInteger(hours) || hours < 1 || paid + hours > o.maxHours) {
            return err(invalid('hours', `must be an integer in [1, ${o.maxHours - paid}]`));
        }
        if (this.clock() >= contractEnd(c)) return err({ InvalidState: { status: 'ended', operation: 'extendContract' } });
        const k: Contract = { ...c, quote: quoteFor(o, hours, false) };
        this.saveContract(c, k);
        return ok(k);
    }

    /**
     * Closes a contract (Rejected, Cancelled, Expired, ProvisioningFailed): settles to now, moves the
     * remainder of escrow to the tenant's balance and starts the refund transfer. Saves; returns the
     * refund transfer to send (null if nothing or less than the ledger fee is left).
     */
    private close(before: Contract, to: Status, actor: Actor, now: bigint, note: string): Result<{ contract: Contract; refund: Transfer | null }> {
        const s = settle(before, now);
        const t = transition(s.contract, to, actor, now, note.slice(0, LIMITS.note));
        if ('Err' in t) return t;
        // Nothing accrues after closing: the unpaid quote is dropped, the remainder refunded.
        const rr = refundRemainder({ ...t.Ok, quote: null });
        // A closed contract keeps a compact record: the connection details (up to 2,000
        // characters, secret) have no use once the server is gone.
        const c = { ...rr.contract, connection: '' };
        this.journalRelease(c, s.released, s.fee, now);
        if (rr.refund > 0n) {
            this.record({ kind: 'Refund', contractId: c.id, account: c.tenant, token: c.token, amount: rr.refund, fee: 0n, block: null, ref: to }, now);
        }
        this.saveContract(before, c);
        if (holdsStock(before.status)) {
            const o = this.store.offerings.get(c.offeringId);
            if (o !== undefined && o.inUse > 0) this.store.offerings.put(o.id, { ...o, inUse: o.inUse - 1 });
        }
        const refund = rr.refund > 0n ? this.startTransfer('Refund', c.tenant, c.token, rr.refund, { owner: c.tenant, subaccount: null }, c.id, now) : null;
        return ok({ contract: c, refund });
    }

    private async closeAndRefund(caller: string, id: bigint, to: Status, roles: readonly Role[], action: string, note: string): Promise<Result<{ contract: Contract; refund: Transfer | null }>> {
        if (note.length > LIMITS.note) return err(invalid('note', `longer than ${LIMITS.note} characters`));
        const r = this.load(id);
        if ('Err' in r) return r;
        const a = this.actorFor(r.Ok, caller, roles, action);
        if ('Err' in a) return a;
        const res = this.close(r.Ok, to, a.Ok, this.clock(), note);
        this.flushJournal();
        if ('Err' in res) return res;
        this.fireHooks([[res.Ok.contract, r.Ok.status]]);
        const refund = res.Ok.refund === null ? null : await this.sendTransfer(res.Ok.refund.id);
        return ok({ contract: this.store.contracts.get(id) ?? res.Ok.contract, refund });
    }

    cancelContract(caller: string, id: bigint, note: string) {
        return this.closeAndRefund(caller, id, 'Cancelled', ['tenant'], 'cancelContract', note);
    }

    rejectContract(caller: string, id: bigint, note: string) {
        return this.closeAndRefund(caller, id, 'Rejected', ['provider'], 'rejectContract', note);
    }

    reportProvisioningFailed(caller: string, id: bigint, note: string) {
        return this.closeAndRefund(caller, id, 'ProvisioningFailed', ['provider'], 'reportProvisioningFailed', note);
    }

    // ---------------------------------------------------------------- funding

    /** Books a payment. A payment reaching a closed contract is refunded at once; an overpayment's excess goes to the tenant's balance. */
    private applyDeposit(before: Contract, amount: bigint, actor: Actor, block: bigint | null, ref: string, now: bigint): { contract: Contract; refund: Transfer | null } {
        let c: Contract = { ...before, pendingPull: null, deposited: before.deposited + amount };
        this.record({ kind: 'Deposit', contractId: c.id, account: c.tenant, token: c.token, amount, fee: 0n, block, ref }, now);
        const q = c.quote;
        if (TERMINAL.has(c.status) || q === null) {
            // Paid after closing (e.g. cancelled while the pull was in flight): everything left is
            // refunded; paid when nothing is due (an open contract): exactly this payment is.
            const rr = TERMINAL.has(c.status) ? refundRemainder({ ...c, quote: null }) : { contract: { ...c, refunded: c.refunded + amount }, refund: amount };
            c = rr.contract;
            this.record({ kind: 'Refund', contractId: c.id, account: c.tenant, token: c.token, amount: rr.refund, fee: 0n, block: null, ref: TERMINAL.has(c.status) ? 'payment after close' : 'payment with nothing due' }, now);
            this.saveContract(before, c);
            // Refunded to the payer at once (dust at or below the ledger fee stays in its balance).
            const refund = this.startTransfer('Refund', c.tenant, c.token, rr.refund, { owner: c.tenant, subaccount: null }, c.id, now);
            return { contract: c, refund };
        }
        const segs = [...c.segments];
        if (BILLING.has(c.status)) {
            // Extension: appended after the current end (or from now if the end has passed).
            const end = contractEnd(c);
            const start = end > now ? end : now;
            segs.push({ hours: q.hours, amount: q.amount, start, end: start + BigInt(q.hours) * NS_PER_HOUR });
        } else {
            if (q.setupFee > 0n) segs.push({ hours: 0, amount: q.setupFee, start: 0n, end: 0n });
            segs.push({ hours: q.hours, amount: q.amount - q.setupFee, start: 0n, end: 0n });
        }
        c = { ...c, quote: null, segments: segs, total: c.total + q.amount };
        if (amount > q.amount) {
            const excess = amount - q.amount;
            c = { ...c, refunded: c.refunded + excess };
            this.record({ kind: 'Refund', contractId: c.id, account: c.tenant, token: c.token, amount: excess, fee: 0n, block: null, ref: 'overpayment' }, now);
        }
        if (c.status === 'Requested') {
            const t = transition(c, 'Pending', actor, now, ref);
            if ('Ok' in t) c = t.Ok;
        }
        this.saveContract(before, c);
        return { contract: c, refund: null };
    }

    private fundable(c: Contract): MarketError | null {
        if (TERMINAL.has(c.status)) return { InvalidState: { status: c.status, operation: 'fund' } };
        if (c.quote === null) return { NothingDue: { contractId: c.id } };
        return null;
    }

    /**
     * ICRC-2 funding: pulls what is due from the tenant's default account (the tenant approved the
     * canister for due + ledger fee). The pull is recorded before the await and retried with the
     * same created_at_time and memo if its outcome is unknown.
     */
    async fund(caller: string, id: bigint): Promise<Result<Contract>> {
        const r = this.load(id);
        if ('Err' in r) return r;
        const c0 = r.Ok;
        const a = this.actorFor(c0, caller, ['tenant'], 'fund');
        if ('Err' in a) return a;
        if (this.isBusy(`pull:${id}`)) return err({ FundingInProgress: { contractId: id } });
        if (c0.pendingPull === null) {
            const e = this.fundable(c0);
            if (e !== null) return err(e);
            // k = how many quotes this contract has paid: unique per pull.
            const k = c0.history.filter((h) => h.status === 'Pending').length + (c0.historyOmitted ?? 0) + c0.segments.length;
            const pull = { amount: c0.quote!.amount, createdAtTime: this.clock(), memo: pullMemo(id, k), uncertain: false };
            this.saveContract(c0, { ...c0, pendingPull: pull });
        }
        return this.pull(id, a.Ok);
    }

    /** Executes (or retries) the contract's recorded pull and books its outcome. */
    async pull(id: bigint, actor: Actor): Promise<Result<Contract>> {
        const c0 = this.store.contracts.get(id)!;
        const pull = c0.pendingPull;
        const busyKey = `pull:${id}`;
        if (pull === null) return err({ NothingDue: { contractId: id } });
        if (this.isBusy(busyKey)) return err({ FundingInProgress: { contractId: id } });
        const token = this.tokenConfig(c0.token);
        if (token === undefined) return err({ UnknownToken: { token: c0.token } });
        this.busy.set(busyKey, this.clock());
        let outcome: LedgerOutcome;
        try {
            outcome = await this.ledger.transferFrom(token, { from: { owner: c0.tenant, subaccount: null }, amount: pull.amount, createdAtTime: pull.createdAtTime, memo: pull.memo });
        } catch (e) {
            outcome = { kind: 'unknown', message: String(e) };
        } finally {
            this.busy.delete(busyKey);
        }
        // Re-read: other messages may have run during the await.
        const now = this.clock();
        const c1 = this.store.contracts.get(id)!;
        if (c1.pendingPull === null || c1.pendingPull.createdAtTime !== pull.createdAtTime) {
            return err({ FundingInProgress: { contractId: id } });
        }
        const res = resolve(outcome, c1.pendingPull.uncertain);
        if (res.status === 'Done') {
            const d = this.applyDeposit(c1, pull.amount, actor, res.block, `icrc2:${res.block}`, now);
            this.flushJournal();
            this.fireHooks([[d.contract, c1.status]]);
            if (d.refund !== null) await this.sendTransfer(d.refund.id);
            return ok(this.store.contracts.get(id)!);
        }
        if (res.status === 'Failed') {
            // The ledger refused the pull (e.g. InsufficientAllowance): nothing moved.
            this.saveContract(c1, { ...c1, pendingPull: null });
            return err({ LedgerError: { operation: 'icrc2_transfer_from', message: res.reason } });
        }
        if (outcome.kind === 'error' && outcome.code === 'TooOld') {
            // Out of the dedup window: a first attempt that reached the ledger would have answered
            // Duplicate within it, and every attempt so far had an unknown outcome. Give up the pull;
            // a payment that did land shows up as audit surplus for reconciliation.
            this.saveContract(c1, { ...c1, pendingPull: null });
        } else if (outcome.kind === 'unknown' && !c1.pendingPull.uncertain) {
            this.saveContract(c1, { ...c1, pendingPull: { ...c1.pendingPull, uncertain: true } });
        }
        if (res.status === 'InFlight') {
            // Outcome unknown or transient: the timer retries the pull (same created_at_time and memo).
            this.due.set(id, now + RETRY_AFTER_NS);
            this.onDueChanged(now + RETRY_AFTER_NS);
        }
        return err({ LedgerError: { operation: 'icrc2_transfer_from', message: `${res.reason}; call fund again to retry` } });
    }

    // ---------------------------------------------------------------- reporters (the one list)

    isRelay = (p: string): boolean => this.reporterList.isRelay(p);
    hasRole = (p: string, role: ReporterRole): boolean => this.reporterList.hasRole(p, role);
    reporterRoles = (p: string): ReporterRole[] => this.reporterList.reporterRoles(p);
    reporters = (): Reporter[] => this.reporterList.reporters();
    setReporterRoles = (principal: string, roles: readonly ReporterRole[], by: string): Result<Reporter[]> => this.reporterList.setReporterRoles(principal, roles, by);

    /**
     * ICPay funding through a registered relay: credits a verified payment at most once, and only if
     * the canister's ledger balance covers every booked liability plus this payment.
     */
    async creditPayment(caller: string, id: bigint, paymentId: string, amount: bigint): Promise<Result<Contract>> {
        if (!this.isRelay(caller)) return err(unauthorized('creditPayment', 'caller is not a registered relay'));
        if (paymentId.length === 0 || paymentId.length > 200) return err(invalid('paymentId', 'must be 1 to 200 characters'));
        const check = (): Result<Contract> => {
            const prior = this.store.payments.get(paymentId);
            if (prior !== undefined) return err({ PaymentAlreadyCredited: { paymentId, contractId: prior } });
            const r = this.load(id);
            if ('Err' in r) return r;
            if (amount <= 0n) return err(invalid('amount', 'must be positive'));
            // Late (closed, already paid, nothing due): booked and refunded below, never left as surplus.
            if (this.fundable(r.Ok) !== null) return r;
            if (r.Ok.pendingPull !== null) return err({ FundingInProgress: { contractId: id } });
            if (amount < r.Ok.quote!.amount) return err({ Underpaid: { due: r.Ok.quote!.amount, paid: amount } });
            return r;
        };
        const first = check();
        if ('Err' in first) return first;
        const token = this.tokenConfig(first.Ok.token);
        if (token === undefined) return err({ UnknownToken: { token: first.Ok.token } });
        let balance: bigint;
        try {
            balance = await this.ledger.balanceOfSelf(token);
        } catch (e) {
            return err({ LedgerError: { operation: 'icrc1_balance_of', message: String(e) } });
        }
        // Re-check everything after the await: another credit may have been booked meanwhile.
        const again = check();
        if ('Err' in again) return again;
        // Money of pulls with an unknown outcome may sit on the account unbooked: it cannot cover this.
        const totals = this.books.token(token.symbol);
        const required = liabilities(totals) + totals.pulling + amount;
        if (balance < required) return err({ InsufficientLedgerBalance: { balance, required } });
        const now = this.clock();
        const c1 = again.Ok;
        const d = this.applyDeposit(c1, amount, { principal: caller, role: 'relay' }, null, `icpay:${paymentId}`, now);
        this.store.payments.put(paymentId, id);
        this.flushJournal();
        this.fireHooks([[d.contract, c1.status]]);
        if (d.refund !== null) await this.sendTransfer(d.refund.id);
        return ok(this.store.contracts.get(id) ?? d.contract);
    }

    // ---------------------------------------------------------------- outgoing transfers

    private startTransfer(kind: Transfer['kind'], account: string, token: string, amount: bigint, to: Account, contractId: bigint | null, now: bigint): Transfer | null {
        const cfg = this.tokenConfig(token);
        if (cfg === undefined || amount <= cfg.fee) return null; // dust stays in the balance
        const t = newTransfer({ id: BigInt(this.store.transfers.len()) + 1n, kind, account, token, amount, ledgerFee: cfg.fee, to, contractId, now });
        this.saveTransfer(undefined, t);
        return t;
    }

    /**
     * Sends (or re-sends, with the same created_at_time and memo) an in-flight transfer and books
     * the outcome: Done (Ok or Duplicate), Failed (definite error: the balance is re-credited), or
     * still InFlight (unknown outcome, transient error).
     */
    async sendTransfer(id: bigint): Promise<Transfer> {
        const t0 = this.store.transfers.get(id)!;
        const key = `transfer:${id}`;
        if (t0.status !== 'InFlight' || this.isBusy(key)) return t0;
        const token = this.tokenConfig(t0.token)!;
        this.busy.set(key, this.clock());
        let outcome: LedgerOutcome;
        try {
            outcome = await this.ledger.transfer(token, { to: t0.to, amount: t0.amount - t0.ledgerFee, fee: t0.ledgerFee, createdAtTime: t0.createdAtTime, memo: t0.memo });
        } catch (e) {
            outcome = { kind: 'unknown', message: String(e) };
        } finally {
            this.busy.delete(key);
        }
        const now = this.clock();
        const t1 = this.store.transfers.get(id)!;
        if (t1.uncertain && t1.status === 'InFlight' && outcome.kind === 'error' && (outcome.code === 'BadFee' || outcome.code === 'TooOld')) {
            // The same arguments can no longer settle it (the fee changed, or the dedup window
            // passed): what the first attempt did is read from the ledger's blocks.
            return this.reconcile(id, token, outcome.code === 'BadFee' ? outcome.expectedFee ?? null : null);
        }
        const t2 = applyResolution(t1, outcome, now);
        if (t2 === t1) return t1;
        if (t2.status === 'Done') {
            this.record({ kind: 'TransferDone', contractId: t2.contractId, account: t2.account, token: t2.token, amount: t2.amount, fee: t2.ledgerFee, block: t2.block, ref: `${t2.kind} #${t2.id}` }, now);
        } else if (t2.status === 'Failed') {
            this.record({ kind: 'TransferFailed', contractId: t2.contractId, account: t2.account, token: t2.token, amount: t2.amount, fee: 0n, block: null, ref: `${t2.kind} #${t2.id}: ${t2.lastError}` }, now);
        }
        if (outcome.kind === 'error' && outcome.code === 'BadFee' && outcome.expectedFee !== undefined) {
            // The ledger is the authority on its fee: use it from now on.
            const cfg = this.config();
            this.putConfig({ ...cfg, tokens: cfg.tokens.map((x) => (x.symbol === t2.token ? { ...x, fee: outcome.expectedFee! } : x)) });
        }
        this.saveTransfer(t1, t2);
        this.flushJournal();
        // Still in flight: make sure the timer comes back to retry it.
        if (t2.status === 'InFlight') this.onDueChanged(now + RETRY_AFTER_NS);
        return t2;
    }

    /**
     * An uncertain transfer whose retry proves nothing (BadFee, TooOld) is looked up in the ledger's
     * blocks by memo and created_at_time: found → Done with that block; absent → sent again as a
     * new attempt (now, with the ledger's current fee; the memo names the same transfer); the
     * lookup failing → still in flight, retried later.
     */
    private async reconcile(id: bigint, token: TokenConfig, fee: bigint | null): Promise<Transfer> {
        const t0 = this.store.transfers.get(id)!;
        const key = `transfer:${id}`;
        this.busy.set(key, this.clock());
        let found: TransferLookup;
        try {
            found = await this.ledger.findTransfer(token, { memo: t0.memo, createdAtTime: t0.createdAtTime });
        } catch (e) {
            found = { kind: 'unknown', message: String(e) };
        } finally {
            this.busy.delete(key);
        }
        const now = this.clock();
        const t1 = this.store.transfers.get(id)!;
        if (t1.status !== 'InFlight' || t1.createdAtTime !== t0.createdAtTime) return t1;
        if (found.kind === 'found') return this.settleTransfer(t1, applyResolution(t1, { kind: 'duplicate', block: found.block }, now), now);
        if (found.kind === 'unknown') {
            const t2 = { ...t1, lastError: `reconciliation pending: ${found.message}`, updatedAt: now };
            this.saveTransfer(t1, t2);
            this.onDueChanged(now + RETRY_AFTER_NS);
            return t2;
        }
        const newFee = fee ?? t1.ledgerFee;
        if (fee !== null) {
            const cfg = this.config();
            this.putConfig({ ...cfg, tokens: cfg.tokens.map((x) => (x.symbol === t1.token ? { ...x, fee } : x)) });
        }
        if (t1.amount <= newFee) {
            // Nothing left to send after the new fee: the balance is re-credited (dust stays there).
            return this.settleTransfer(t1, applyResolution({ ...t1, uncertain: false }, { kind: 'error', code: 'AmountBelowFee', message: `fee ${newFee}` }, now), now);
        }
        const again: Transfer = { ...t1, ledgerFee: newFee, createdAtTime: now, uncertain: false, lastError: `not in the ledger's blocks: sent again (fee ${newFee})`, updatedAt: now };
        this.saveTransfer(t1, again);
        return this.sendTransfer(id);
    }

    /** Books a transfer's final state (Done or Failed) with its journal entry. */
    private settleTransfer(t1: Transfer, t2: Transfer, now: bigint): Transfer {
        if (t2.status === 'Done') {
            this.record({ kind: 'TransferDone', contractId: t2.contractId, account: t2.account, token: t2.token, amount: t2.amount, fee: t2.ledgerFee, block: t2.block, ref: `${t2.kind} #${t2.id}` }, now);
        } else if (t2.status === 'Failed') {
            this.record({ kind: 'TransferFailed', contractId: t2.contractId, account: t2.account, token: t2.token, amount: t2.amount, fee: 0n, block: null, ref: `${t2.kind} #${t2.id}: ${t2.lastError}` }, now);
        }
        this.saveTransfer(t1, t2);
        this.flushJournal();
        return t2;
    }

    /**
     * Settles the provider's billing contracts in `token` to now, saving each that released: the
     * first SETTLE_ON_WITHDRAW open contracts only (bounded work; the timer's release books the
     * rest: a withdrawal takes what is booked).
     */
    private settleAccount(account: string, token: string | null, now: bigint): void {
        if (SETTLE_ON_WITHDRAW === 0) return;
        for (const i of this.lists.page(L.openProvider(account), 0, SETTLE_ON_WITHDRAW).items) {
            const c = this.store.contracts.get(BigInt(itemId(i)))!;
            if (c.provider !== account || (token !== null && c.token !== token) || !BILLING.has(c.status)) continue;
            const s = settle(c, now);
            if (s.released === 0n) continue;
            this.journalRelease(s.contract, s.released, s.fee, now);
            this.saveContract(c, s.contract);
        }
    }

    /** Withdraws all (amount null) or part of the caller's balance in `token` to its payout account. */
    async withdraw(caller: string, token: string, amount: bigint | null): Promise<Result<Transfer>> {
        if (caller === ANONYMOUS) return err(unauthorized('withdraw', 'anonymous caller'));
        const cfg = this.tokenConfig(token);
        if (cfg === undefined) return err({ UnknownToken: { token } });
        const now = this.clock();
        this.settleAccount(caller, token, now);
        const available = this.books.balance(caller, token);
        const amt = amount ?? available;
        if (amt > available || amt <= 0n) {
            this.flushJournal();
            return err({ InsufficientBalance: { available, requested: amt } });
        }
        if (amt <= cfg.fee) {
            this.flushJournal();
            return err({ AmountBelowFee: { amount: amt, fee: cfg.fee } });
        }
        const provider = this.store.providers.get(caller);
        const to: Account = provider?.payout ?? { owner: caller, subaccount: null };
        const t = this.startTransfer('Withdrawal', caller, token, amt, to, null, now)!;
        this.flushJournal();
        return ok(await this.sendTransfer(t.id));
    }

    async withdrawFees(token: string, amount: bigint | null): Promise<Result<Transfer>> {
        const cfg = this.tokenConfig(token);
        if (cfg === undefined) return err({ UnknownToken: { token } });
        const to = this.config().feeAccount;
        if (to === null) return err(invalid('feeAccount', 'no fee account configured'));
        const available = this.books.balance(FEE_ACCOUNT, token);
        const amt = amount ?? available;
        if (amt > available || amt <= 0n) return err({ InsufficientBalance: { available, requested: amt } });
        if (amt <= cfg.fee) return err({ AmountBelowFee: { amount: amt, fee: cfg.fee } });
        const t = this.startTransfer('FeeWithdrawal', FEE_ACCOUNT, token, amt, to, null, this.clock())!;
        return ok(await this.sendTransfer(t.id));
    }

    /** Retries one in-flight transfer: its beneficiary or a controller (checked by the caller of this). */
    async retryTransfer(id: bigint): Promise<Result<Transfer>> {
        const t = this.store.transfers.get(id);
        if (t === undefined) return err(notFound('transfer', id));
        if (t.status !== 'InFlight') return ok(t);
        if (this.isBusy(`transfer:${id}`)) return err({ TransferInFlight: { transferId: id, reason: 'a ledger call for it is outstanding' } });
        return ok(await this.sendTransfer(id));
    }

    /** Retries in-flight transfers not attempted in the last RETRY_AFTER_NS (the timer calls this). */
    async retryInFlight(max: number): Promise<number> {
        const now = this.clock();
        const ids: bigint[] = [];
        for (const id of this.inFlightIds(max * 3)) {
            if (ids.length >= max) break;
            const t = this.store.transfers.get(id)!;
            if (this.isBusy(`transfer:${id}`) || t.lastError.startsWith('TooOld')) continue;
            if (t.attempts === 0 && now - t.updatedAt < RETRY_AFTER_NS && t.updatedAt !== now) continue;
            if (t.attempts > 0 && now - t.updatedAt < RETRY_AFTER_NS) continue;
            ids.push(id);
        }
        await Promise.all(ids.map((id) => this.sendTransfer(id)));
        return ids.length;
    }

    // ---------------------------------------------------------------- timer work

    /**
     * Settles up to `max` due contracts: expires unanswered requests (full refund), releases earned
     * money, activates provisioned contracts at their first release, expires contracts at their end.
     * Returns the refund transfers started (the caller sends them after saving).
     */
    processDue(max = this.batch): DueRun {
        const now = this.clock();
        const transfers: bigint[] = [];
        const pulls: bigint[] = [];
        const changes: [Contract, Status][] = [];
        const system: Actor = { principal: this.self, role: 'system' };
        const timeout = this.config().requestTimeoutNs;
        let processed = 0;
        // Stop at `max` contracts or at the instruction budget, whichever comes first: a status
        // change runs the other domains' hooks, so the cost per contract is not fixed.
        while (processed < max && (processed === 0 || this.instructionsUsed() < RUN_BUDGET)) {
            const next = this.due.takeDue(now, 1);
            if (next.length === 0) break;
            const id = next[0]!;
            processed++;
            const c = this.store.contracts.get(id);
            if (c === undefined) continue;
            if (c.pendingPull !== null && !this.isBusy(`pull:${id}`)) pulls.push(id);
            if (c.pendingPull !== null && !BILLING.has(c.status)) {
                // A pull's outcome is unknown: retry it, look again later rather than expire under it.
                this.due.set(id, now + RETRY_AFTER_NS);
                continue;
            }
            if (c.status === 'Requested' || c.status === 'Pending') {
                if (now < c.statusSince + timeout) {
                    this.indexDue(c, timeout);
                    continue;
                }
                const r = this.close(c, 'Expired', system, now, 'request timed out');
                if ('Ok' in r) {
                    changes.push([r.Ok.contract, c.status]);
                    if (r.Ok.refund !== null) transfers.push(r.Ok.refund.id);
                }
                continue;
            }
            if (!BILLING.has(c.status)) continue;
            let k = c;
            if (k.status === 'Provisioned') {
                const t = transition(k, 'Active', system, now, 'activated at first release');
                if ('Ok' in t) k = t.Ok;
            }
            if (now >= contractEnd(k)) {
                const r = this.close(k, 'Expired', system, now, 'ran to its end');
                if ('Ok' in r) {
                    // c → k changed only the status, so the books' contribution of k equals c's.
                    changes.push([r.Ok.contract, c.status]);
                    if (r.Ok.refund !== null) transfers.push(r.Ok.refund.id);
                }
                continue;
            }
            const s = settle(k, now);
            this.journalRelease(s.contract, s.released, s.fee, now);
            this.saveContract(c, s.contract);
            changes.push([s.contract, c.status]);
        }
        this.flushJournal();
        this.fireHooks(changes);
        return { processed, remaining: this.due.anyDue(now) ? 1 : 0, transfers, pulls };
    }

    /** One timer run: settles a batch of due contracts, then sends their refunds and retries unknown pulls. */
    async runDue(max = this.batch): Promise<DueRun> {
        const r = this.processDue(max);
        const system: Actor = { principal: this.self, role: 'system' };
        await Promise.all([...r.transfers.map((id) => this.sendTransfer(id)), ...r.pulls.map((id) => this.pull(id, system))]);
        return r;
    }

    /**
     * Bench only (config.benchMode): `count` contracts taken through request, payment (booked like a
     * relay credit of money already on the canister's account), acceptance and provisioning.
     */
    seedForBench(offeringId: bigint, tenant: string, count: number, hours: number): Result<number> {
        if (!this.config().benchMode) return err({ InvalidState: { status: 'bench mode off', operation: 'benchSeed' } });
        const o = this.store.offerings.get(offeringId);
        if (o === undefined) return err(notFound('offering', offeringId));
        const relay: Actor = { principal: this.self, role: 'relay' };
        for (let i = 0; i < count; i++) {
            const r = this.requestContract(tenant, offeringId, hours);
            if ('Err' in r) return r;
            const c = r.Ok;
            this.applyDeposit(c, c.quote!.amount, relay, null, `bench:${c.id}`, this.clock());
            this.flushJournal();
            for (const step of [() => this.acceptContract(o.provider, c.id), () => this.startProvisioning(o.provider, c.id), () => this.reportProvisioned(o.provider, c.id, 'bench')]) {
                const x = step();
                if ('Err' in x) return x;
            }
        }
        return ok(count);
    }

    // ---------------------------------------------------------------- SLA credits (for the trust domain)

    /**
     * SLA credit of `amount` to the contract's tenant (never more than the rule allows):
     * - open contract: from the unearned remainder in escrow (future earnings fall by the amount);
     *   refused (InsufficientBalance) above it;
     * - closed contract with `period` [from, to) given (the final period(s), settled after the close):
     *   taken back from what the contract released in that period, bounded by the provider's
     *   withdrawable balance (and the fee account's for the fee part); may be partial or zero.
     * Journaled `SlaCredit` (amount credited; `fee` = the platform fee given back).
     */
    creditTenant(contractId: bigint, amount: bigint, ref: string, period?: { from: bigint; to: bigint }): Result<{ contract: Contract; credited: bigint }> {
        const r = this.load(contractId);
        if ('Err' in r) return r;
        const c = r.Ok;
        const now = this.clock();
        if (TERMINAL.has(c.status) && period !== undefined && amount > 0n) {
            // The provider cannot give back more than it still has (its withdrawable balance).
            const available = this.books.balance(c.provider, c.token);
            const cap = amount < available ? amount : available;
            const res = cap > 0n ? clawbackForSla(c, cap, period.from, period.to) : null;
            if (res === null || res.taken === 0n) return err({ InsufficientBalance: { available: available < 0n ? 0n : available, requested: amount } });
            if (res.feeBack > this.books.balance(FEE_ACCOUNT, c.token)) {
                return err({ InsufficientBalance: { available: this.books.balance(FEE_ACCOUNT, c.token), requested: res.feeBack } });
            }
            this.record({ kind: 'SlaCredit', contractId, account: c.tenant, token: c.token, amount: res.taken, fee: res.feeBack, block: null, ref: `${ref} (from provider)` }, now);
            this.saveContract(c, res.contract);
            this.flushJournal();
            return ok({ contract: res.contract, credited: res.taken });
        }
        const res = creditTenantFromEscrow(c, amount, now);
        if (res === null) return err({ InsufficientBalance: { available: unearned(c, now), requested: amount } });
        this.journalRelease(res.contract, res.released, res.fee, now);
        this.record({ kind: 'SlaCredit', contractId, account: c.tenant, token: c.token, amount, fee: 0n, block: null, ref }, now);
        this.saveContract(c, res.contract);
        this.flushJournal();
        return ok({ contract: res.contract, credited: amount });
    }

    // ---------------------------------------------------------------- queries

    contractBalance(id: bigint): ContractBalance | null {
        const c = this.store.contracts.get(id);
        if (c === undefined) return null;
        const now = this.clock();
        const s = settle(c, now);
        return {
            contractId: id,
            token: c.token,
            total: c.total,
            deposited: c.deposited,
            released: c.released,
            fee: c.fee,
            refunded: c.refunded,
            held: held(c),
            earnedNow: BILLING.has(c.status) ? earnedAt(c, now) : c.released,
            releasableNow: s.released,
            unearnedNow: held(s.contract),
            due: c.quote?.amount ?? 0n
        };
    }

    /**
     * The principal's balance: booked (kept on every write) plus what settling its first
     * ACCRUE_IN_BALANCE open contracts (as provider) would release now; escrow held for the first
     * ACCRUE_IN_BALANCE it rents; transfers in flight are kept in the books (totals per token only),
     * so they are summed over its in-flight transfers among its latest page of transfers.
     */
    accountBalance(account: string, token: string): AccountBalance {
        const now = this.clock();
        let accruing = 0n;
        let escrowAsTenant = 0n;
        for (const i of this.lists.page(L.openProvider(account), 0, ACCRUE_IN_BALANCE).items) {
            const c = this.store.contracts.get(BigInt(itemId(i)))!;
            if (c.token !== token) continue;
            const s = settle(c, now);
            accruing += s.released - s.fee;
        }
        for (const i of this.lists.page(L.openTenant(account), 0, ACCRUE_IN_BALANCE).items) {
            const c = this.store.contracts.get(BigInt(itemId(i)))!;
            if (c.token === token) escrowAsTenant += held(settle(c, now).contract);
        }
        return { account, token, withdrawable: this.books.balance(account, token) + accruing, accruing, inFlight: this.books.inFlightOf(account, token), escrowAsTenant };
    }

    /** The platform's booked fee balance (fees are booked with every release). */
    feeBalance(token: string): bigint {
        return this.books.balance(FEE_ACCOUNT, token);
    }

    /** Journal page: all (controllers), one contract's, or one account's entries; cursor order = seq order. */
    journalPage(cursor: number, limit: number, contractId: bigint | null, account: string | null = null): Page<JournalEntry> {
        const lim = Math.max(0, Math.min(limit, MAX_PAGE));
        const g = contractId !== null ? L.journalContract(contractId) : account !== null ? L.journalAccount(account) : null;
        if (g === null) return scanDense(this.store.journal.len(), cursor, lim, (seq) => this.store.journal.get(seq - 1n), () => true);
        const page = this.lists.page(g, cursor, lim);
        return { items: page.items.map((i) => this.store.journal.get(BigInt(itemId(i)))!), total: page.total, next: page.next };
    }

    /** Contracts of a tenant or provider (all, open or closed), or all in id order (privileged callers). */
    contractPage(by: { tenant?: string; provider?: string; status?: Status }, cursor: number, limit: number): Page<Contract> {
        const lim = Math.max(0, Math.min(limit, MAX_PAGE));
        const who = by.tenant ?? by.provider;
        const get = (i: Item) => this.store.contracts.get(BigInt(itemId(i)))!;
        if (who === undefined) {
            return scanDense(this.store.contracts.len(), cursor, lim, (id) => this.store.contracts.get(id), (c) => by.status === undefined || c.status === by.status);
        }
        const asTenant = by.tenant !== undefined;
        if (by.status === undefined) {
            const page = this.lists.page(asTenant ? L.byTenant(who) : L.byProvider(who), cursor, lim);
            const items = page.items.map(get).filter((c) => by.provider === undefined || c.provider === by.provider);
            return { items, total: page.total, next: page.next };
        }
        const st = STATUSES.indexOf(by.status);
        const g = TERMINAL.has(by.status) ? (asTenant ? L.closedTenant(who) : L.closedProvider(who)) : asTenant ? L.openTenant(who) : L.openProvider(who);
        const page = this.lists.page(g, cursor, lim, (i) => (i as number[])[1] === st);
        const items = page.items.map(get).filter((c) => c.status === by.status && (by.provider === undefined || c.provider === by.provider));
        return { items, total: page.total, next: page.next };
    }

    /** Transfers of one account (or all, in id order). */
    transferPage(account: string | null, cursor: number, limit: number, inFlightOnly: boolean): Page<Transfer> {
        const lim = Math.max(0, Math.min(limit, MAX_PAGE));
        const get = (i: Item) => this.store.transfers.get(BigInt(itemId(i)))!;
        if (inFlightOnly) {
            const page = this.lists.page(L.inFlight, cursor, lim, (i) => account === null || get(i).account === account);
            return { items: page.items.map(get), total: page.total, next: page.next };
        }
        if (account === null) return scanDense(this.store.transfers.len(), cursor, lim, (id) => this.store.transfers.get(id), () => true);
        const page = this.lists.page(L.transfersAccount(account), cursor, lim);
        return { items: page.items.map(get), total: page.total, next: page.next };
    }

    // ---------------------------------------------------------------- audit

    /** Recomputes the books from every record and compares with the incremental ones and the ledgers. */
    checkBooks(ledgerBalances: Map<string, bigint> | null): AuditReport {
        const contracts = this.store.contracts.values();
        const transfers = this.store.transfers.values();
        const rebuilt = Books.build(contracts, transfers);
        const violations: string[] = [];
        for (const c of contracts) violations.push(...contractViolations(c));
        for (const [k, v] of rebuilt.balances) if (v < 0n && !k.includes('~inflight')) violations.push(`balance ${k} is negative: ${v}`);
        violations.push(...booksDiff(this.books, rebuilt).map((d) => `incremental books differ: ${d}`));
        const tokens = this.config().tokens.map((t) => {
            const totals = rebuilt.token(t.symbol);
            const a = auditToken(totals, ledgerBalances?.get(t.symbol) ?? liabilities(totals));
            if (!a.ok) violations.push(`${t.symbol}: ledger balance ${a.ledgerBalance} < liabilities ${a.liabilities} − in flight ${a.inFlight}`);
            return a;
        });
        return { at: this.clock(), tokens, violations, ok: violations.length === 0 };
    }

    /** The incremental books (no scan): cheap at any size. Full recomputation is `audit`/`checkBooks`. */
    booksNow(): AuditReport {
        const violations: string[] = [];
        const neg = this.books.store.negatives();
        if (neg > 0) violations.push(`${neg} balances are negative (audit names them)`);
        const tokens = this.config().tokens.map((t) => {
            const totals = this.books.token(t.symbol);
            return auditToken(totals, liabilities(totals));
        });
        return { at: this.clock(), tokens, violations, ok: violations.length === 0 };
    }

    /** Per-contract invariants over one page of contracts (for large books, page through them). */
    checkContracts(offset: number, limit: number): string[] {
        const out: string[] = [];
        const n = this.store.contracts.len();
        for (let i = offset; i < Math.min(n, offset + Math.min(limit, 1000)); i++) out.push(...contractViolations(this.store.contracts.get(BigInt(i + 1))!));
        return out;
    }

    async audit(): Promise<AuditReport> {
        const balances = new Map<string, bigint>();
        const errors: string[] = [];
        for (const t of this.config().tokens) {
            try {
                balances.set(t.symbol, await this.ledger.balanceOfSelf(t));
            } catch (e) {
                errors.push(`${t.symbol}: ledger balance unavailable: ${String(e)}`);
            }
        }
        // Checked after the awaits, against the books as they are now.
        const report = this.checkBooks(balances);
        for (const t of report.tokens) if (!balances.has(t.token)) t.ok = false;
        report.violations.push(...errors);
        report.ok = report.violations.length === 0;
        return report;
    }

    // ---------------------------------------------------------------- admin

    updateConfig(change: (c: Config) => Config): Config {
        const before = this.config();
        const c = change(before);
        // A changed request timeout applies as requests come due: each is checked against the
        // current timeout then (processDue), so nothing is re-indexed here.
        void before;
        this.putConfig(c);
        return c;
    }
}

export { platformFee };
