// The market half of the canister composed: the one object the entries and the trust module hold.
// It composes the catalog, the reporter list and the escrow (src/escrow: planners → one apply),
// each through its exports, and writes nothing itself: every state change is a plan applied by
// escrow/apply.ts.
import { Catalog, chunkCapacity, type OfferingFilter, type OfferingHook, type ProfileInput, type TrustScoreHook } from '../catalog/exports';
import { defaultListingFee, type Config, type Contract, type JournalEntry, type NewJournalEntry, type Offering, type OfferingSpec, type ProbeEndpoint, type Provider, type Reporter, type ReporterRole, type Result, type Status, type TokenConfig, type Transfer } from '../kernel/records';
import { unauthorized } from '../kernel/error';
import { err } from '../kernel/result';
import { Lists, type Page } from '../kernel/lists';
import { NS_PER_HOUR, type Clock } from '../kernel/time';
import { Reporters } from '../reporters/exports';
import {
    Books, DueIndex, EscrowKeeper, accountBalance, appendJournal, booksNow, checkBooks, checkContracts, configOf, contractBalance, contractPage, feeBalance, journalPage, noEffects,
    planAccept, planExtend, planMove, unbookedOf, planProbe, planProvisioned, planRequest, planSlaCredit, planStartProvisioning, platformFee, probePage, seedOne, transferPage, withLedger,
    type AccountBalance, type AuditReport, type Closed, type ContractBalance, type ContractQuery, type Credited, type DueRun, type IcpayBooking, type IcpayTx, type LedgerGateway, type Plan, type Records, type StatusHook, type Storage, type Store
} from '../escrow/exports';

export { ANONYMOUS } from '../kernel/records';
export { ACCRUE_IN_BALANCE, BUSY_TIMEOUT_NS, L, RETRY_AFTER_NS, RUN_BUDGET } from '../escrow/exports';
export type { AccountBalance, AuditReport, ContractBalance, DueRun, IcpayBooking, IcpayGateway, StatusHook } from '../escrow/exports';
export type { OfferingHook } from '../catalog/exports';
export const DEFAULT_REQUEST_TIMEOUT_NS = NS_PER_HOUR;
/** Contracts the timer settles per message; the rest continue in follow-up timer messages. */
export const DEFAULT_BATCH = 100;

export class Market {
    readonly books: Books;
    readonly due: DueIndex;
    readonly lists: Lists;
    readonly catalog: Catalog;
    readonly reporterList: Reporters;
    readonly escrow: EscrowKeeper;
    private readonly storage: Storage;
    private readonly records: Records;
    trustScore: TrustScoreHook | undefined;
    batch = DEFAULT_BATCH;
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
        this.lists = new Lists(store.index, chunkCapacity);
        this.storage = { store, lists: this.lists, books: this.books, due: this.due, hooks, offeringHooks, cache: { config: null }, wake: (at) => this.onDueChanged(at) };
        this.escrow = new EscrowKeeper(this.storage, ledger, clock, () => this.self);
        const { contracts, transfers, journal } = store;
        this.records = { contracts, contractIds: () => this.escrow.view.contractCount(), transfers, journal, lists: this.lists, books: this.books, negatives: () => this.books.store.negatives(), config: () => this.config() };
        const commit = <T>(p: Plan<T>): T => this.escrow.commit(p);
        this.catalog = new Catalog({
            store, lists: this.lists, clock, tokens: () => this.config().tokens.map((t) => t.symbol), trustScore: () => this.trustScore, view: this.escrow.view, commit, ledger, busy: this.escrow.busy
        });
        this.reporterList = new Reporters({ config: () => this.config(), putConfig: (c) => this.setConfig(c), clock });
    }

    get busy(): Map<string, bigint> {
        return this.escrow.busy;
    }

    set instructionsUsed(f: () => bigint) {
        this.escrow.instructionsUsed = f;
    }

    isBusy = (key: string): boolean => this.escrow.isBusy(key);
    get inFlightCount(): number {
        return this.lists.count('inflight');
    }
    inFlightIds = (max: number): bigint[] => this.escrow.inFlightIds(max);

    // ---------------------------------------------------------------- config

    init(config: Partial<Config> & { tokens: TokenConfig[]; relays?: string[] }): void {
        const now = this.clock();
        const reporters = config.reporters ?? [...new Set(config.relays ?? [])].map((principal) => ({ principal, roles: ['relay' as const], addedAt: now, addedBy: '' }));
        this.setConfig({ tokens: config.tokens, requestTimeoutNs: config.requestTimeoutNs ?? DEFAULT_REQUEST_TIMEOUT_NS, feeBps: config.feeBps ?? 0, reporters, feeAccount: config.feeAccount ?? null, benchMode: config.benchMode ?? false, icpay: config.icpay ?? null,
            listingFee: config.listingFee ?? defaultListingFee(config.tokens)
        });
    }

    /** After an upgrade: nothing to rebuild (every index is stable); only the heap cache is dropped. */
    rebuild(): void {
        this.storage.cache.config = null;
    }

    config = (): Config => configOf(this.storage);
    // Records by id: what the entries and trust's adapter read (none reaches the store).
    contract = (id: bigint): Contract | undefined => this.store.contracts.get(id);
    transfer = (id: bigint): Transfer | undefined => this.store.transfers.get(id);
    offering = (id: bigint): Offering | undefined => this.store.offerings.get(id);
    provider = (id: string): Provider | undefined => this.store.providers.get(id);
    /** Every offering: a full scan (trust's refreshMarket only). */
    allOfferings = (): Offering[] => this.store.offerings.values();
    tokenConfig = (symbol: string): TokenConfig | undefined => this.config().tokens.find((t) => t.symbol === symbol);

    private setConfig(c: Config): void {
        this.escrow.commit({ effects: { ...noEffects(), config: c }, value: null });
    }

    /** A changed request timeout applies as requests come due (processDue checks the current one): nothing is re-indexed. */
    updateConfig(change: (c: Config) => Config): Config {
        const c = change(this.config());
        this.setConfig(c);
        return c;
    }

    // ---------------------------------------------------------------- catalog and reporters

    registerProvider = (caller: string, input: ProfileInput): Result<Provider> => this.catalog.registerProvider(caller, input);
    updateProvider = (caller: string, input: ProfileInput): Result<Provider> => this.catalog.updateProvider(caller, input);
    createOffering = (caller: string, spec: OfferingSpec, notify = true): Result<Offering> => this.catalog.createOffering(caller, spec, notify);
    updateOffering = (caller: string, id: bigint, spec: OfferingSpec): Result<Offering> => this.catalog.updateOffering(caller, id, spec);
    setOfferingActive = (caller: string, id: bigint, active: boolean): Result<Offering> => this.catalog.setOfferingActive(caller, id, active);
    /** The one-time listing fee (catalog/listing.ts): the provider's offerings enter search once it is paid. */
    payListingFee = (caller: string): Promise<Result<Provider>> => this.catalog.payListingFee(caller);
    searchOfferings = (filter: OfferingFilter, cursor: number, limit: number): Page<Offering> => this.catalog.searchOfferings(filter, cursor, limit);
    listProviders = (cursor: number, limit: number): Page<Provider> => this.catalog.listProviders(cursor, limit);
    isRelay = (p: string): boolean => this.reporterList.isRelay(p);
    hasRole = (p: string, role: ReporterRole): boolean => this.reporterList.hasRole(p, role);
    reporterRoles = (p: string): ReporterRole[] => this.reporterList.reporterRoles(p);
    reporters = (): Reporter[] => this.reporterList.reporters();
    setReporterRoles = (principal: string, roles: readonly ReporterRole[], by: string): Result<Reporter[]> => this.reporterList.setReporterRoles(principal, roles, by);

    // ---------------------------------------------------------------- lifecycle

    requestContract = (caller: string, offeringId: bigint, hours: number): Result<Contract> => this.escrow.run(planRequest(this.escrow.view, caller, offeringId, hours, this.clock()));
    acceptContract = (caller: string, id: bigint): Result<Contract> => this.escrow.run(planAccept(this.escrow.view, caller, id, this.clock()));
    startProvisioning = (caller: string, id: bigint): Result<Contract> => this.escrow.run(planStartProvisioning(this.escrow.view, caller, id, this.clock()));
    reportProvisioned = (caller: string, id: bigint, connection: string): Result<Contract> => this.escrow.run(planProvisioned(this.escrow.view, caller, id, connection, this.clock()));
    setProbeEndpoint = (caller: string, id: bigint, probe: ProbeEndpoint | null): Result<Contract> => this.escrow.run(planProbe(this.escrow.view, caller, id, probe, this.clock()));
    extendContract = (caller: string, id: bigint, hours: number): Result<Contract> => this.escrow.run(planExtend(this.escrow.view, caller, id, hours, this.clock()));
    confirmActive = (caller: string, id: bigint): Result<Contract> => this.move(caller, id, 'Active', ['tenant'], 'confirmActive');
    pauseContract = (caller: string, id: bigint, note: string): Result<Contract> => this.move(caller, id, 'Paused', ['tenant', 'provider'], 'pauseContract', note);
    resumeContract = (caller: string, id: bigint): Result<Contract> => this.move(caller, id, 'Active', ['tenant', 'provider'], 'resumeContract');
    private move = (caller: string, id: bigint, to: Status, roles: ('tenant' | 'provider')[], action: string, note = ''): Result<Contract> =>
        this.escrow.run(planMove(this.escrow.view, caller, id, to, roles, action, this.clock(), note));

    cancelContract = (caller: string, id: bigint, note: string): Promise<Result<Closed>> => this.escrow.close(caller, id, 'Cancelled', ['tenant'], 'cancelContract', note);
    rejectContract = (caller: string, id: bigint, note: string): Promise<Result<Closed>> => this.escrow.close(caller, id, 'Rejected', ['provider'], 'rejectContract', note);
    reportProvisioningFailed = (caller: string, id: bigint, note: string): Promise<Result<Closed>> => this.escrow.close(caller, id, 'ProvisioningFailed', ['provider'], 'reportProvisioningFailed', note);

    // ---------------------------------------------------------------- money

    fund = (caller: string, id: bigint): Promise<Result<Contract>> => this.escrow.fund(caller, id);
    rentOffering = (caller: string, offeringId: bigint, hours: number): Promise<Result<Contract>> => this.escrow.rent(caller, offeringId, hours);
    /** Anyone may notify: the canister reads ICPay's record and the ledger's blocks itself (escrow/icpay.ts). */
    notifyIcpayPayment = (caller: string, contractId: bigint, transactionId: bigint): Promise<Result<IcpayBooking>> => this.escrow.notifyIcpay(caller, contractId, transactionId);
    withdraw = (caller: string, token: string, amount: bigint | null): Promise<Result<Transfer>> => this.escrow.withdraw(caller, token, amount);
    withdrawFees = (token: string, amount: bigint | null): Promise<Result<Transfer>> => this.escrow.withdrawFees(token, amount);
    retryTransfer = (id: bigint): Promise<Result<Transfer>> => this.escrow.retryTransfer(id);
    retryInFlight = (max: number): Promise<number> => this.escrow.retryInFlight(max);
    sendTransfer = (id: bigint): Promise<Transfer> => this.escrow.sendTransfer(id);
    processDue = (max = this.batch): DueRun => this.escrow.processDue(max);
    runDue = (max = this.batch): Promise<DueRun> => this.escrow.runDue(max);
    /** SLA credit for the trust domain (escrow/sla.ts has the rule). */
    creditTenant = (contractId: bigint, amount: bigint, ref: string, period?: { from: bigint; to: bigint }): Result<Credited> =>
        this.escrow.run(planSlaCredit(this.escrow.view, contractId, amount, ref, this.clock(), period));
    /** Journal append for other domains (the trust domain): written by the escrow's apply. */
    appendJournal = (e: NewJournalEntry): bigint => appendJournal(this.storage, e);

    /** Bench only (config.benchMode): `count` contracts taken through request, payment, acceptance and provisioning. */
    seedForBench(offeringId: bigint, tenant: string, count: number, hours: number): Result<number> {
        if (!this.config().benchMode) return err({ InvalidState: { status: 'bench mode off', operation: 'benchSeed' } });
        for (let i = 0; i < count; i++) {
            const r = seedOne(this.escrow.view, this.self, offeringId, tenant, hours, this.clock(), (p) => this.escrow.commit(p));
            if ('Err' in r) return r;
        }
        return { Ok: count };
    }

    // ---------------------------------------------------------------- reads and audit

    probeTargets(caller: string, offset: number, limit: number): Result<Page<Contract>> {
        if (!this.hasRole(caller, 'monitor') && !this.hasRole(caller, 'relay')) return unauthorized('probeTargets', 'registered monitors and relays only');
        return { Ok: probePage(this.records, offset, limit) };
    }
    contractBalance = (id: bigint): ContractBalance | null => contractBalance(this.records, id, this.clock());
    accountBalance = (account: string, token: string): AccountBalance => accountBalance(this.records, account, token, this.clock());
    feeBalance = (token: string): bigint => feeBalance(this.records, token);
    journalPage = (cursor: number, limit: number, contractId: bigint | null, account: string | null = null): Page<JournalEntry> => journalPage(this.records, cursor, limit, contractId, account);
    contractPage = (by: ContractQuery, cursor: number, limit: number): Page<Contract> => contractPage(this.records, by, cursor, limit);
    transferPage = (account: string | null, cursor: number, limit: number, inFlightOnly: boolean): Page<Transfer> => transferPage(this.records, account, cursor, limit, inFlightOnly);
    checkBooks = (ledgerBalances: Map<string, bigint> | null): AuditReport => checkBooks(this.records, this.books, ledgerBalances, this.clock());
    booksNow = (): AuditReport => booksNow(this.records, this.clock());
    checkContracts = (offset: number, limit: number): string[] => checkContracts(this.records, offset, limit);

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
        const icpay = this.config().icpay ?? null;
        let recent: IcpayTx[] = [];
        if (icpay !== null) {
            try {
                recent = await this.escrow.icpay.recent(icpay.canister, icpay.account, 100);
            } catch (e) {
                errors.push(`ICPay transactions unavailable: ${String(e)}`);
            }
        }
        // Checked after the awaits, against the books as they are now.
        const report = withLedger(this.checkBooks(balances), balances, errors);
        return { ...report, unbooked: unbookedOf(this.escrow.view, this.self, recent) };
    }
}

export { platformFee };
