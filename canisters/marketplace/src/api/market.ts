// Marketplace entry methods: check the caller, convert the arguments, call the keeper, reply with a
// Result variant. No rules here: they live in the keeper and the domain.
import { IDL, init, isController, msgCaller, postUpgrade, Principal, query, update } from 'azle';

import { FEE_ACCOUNT, type Config, type MarketError, type Status } from '../domain/types';
import * as C from './candid';
import { armTimers, loadMarket, market, schedulerState } from './state';

const caller = (): string => msgCaller().toText();
const unauthorized = (action: string, reason: string) => ({ Err: { Unauthorized: { action, reason } } as MarketError });
const controllerOnly = (action: string) => (isController(msgCaller()) ? null : unauthorized(action, 'controllers only'));

const DEFAULT_TOKENS = {
    tokens: [
        { symbol: 'ICP', ledger: Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'), decimals: 8, fee: 10_000n },
        { symbol: 'ckUSDC', ledger: Principal.fromText('xevnm-gaaaa-aaaar-qafnq-cai'), decimals: 6, fee: 10_000n }
    ],
    requestTimeoutSeconds: [],
    feeBps: [],
    relays: [],
    feeAccount: []
};

export class MarketApi {
    // ------------------------------------------------------------ lifecycle

    @init([IDL.Opt(C.InitArgs)])
    initMarket(args: [] | [any]): void {
        const m = loadMarket();
        m.init(C.configIn(args[0] ?? DEFAULT_TOKENS));
        armTimers();
    }

    @postUpgrade([IDL.Opt(C.InitArgs)])
    postUpgradeMarket(args: [] | [any]): void {
        const m = loadMarket();
        if (args.length === 1) {
            const a = C.configIn(args[0]);
            m.updateConfig((c): Config => ({
                tokens: a.tokens.length > 0 ? a.tokens : c.tokens,
                requestTimeoutNs: a.requestTimeoutNs ?? c.requestTimeoutNs,
                feeBps: a.feeBps ?? c.feeBps,
                relays: a.relays !== undefined && a.relays.length > 0 ? a.relays : c.relays,
                feeAccount: a.feeAccount ?? c.feeAccount
            }));
        }
        armTimers();
    }

    /** An update that does nothing: the baseline of the benchmark. */
    @update([], IDL.Nat64)
    ping(): bigint {
        return 0n;
    }

    // ------------------------------------------------------------ providers and offerings

    @update([C.ProfileInputIdl], C.ResultProvider)
    registerProvider(p: any) {
        return C.resultOut(market().registerProvider(caller(), C.profileIn(p)), C.providerOut);
    }

    @update([C.ProfileInputIdl], C.ResultProvider)
    updateProvider(p: any) {
        return C.resultOut(market().updateProvider(caller(), C.profileIn(p)), C.providerOut);
    }

    @update([C.OfferingInput], C.ResultOffering)
    createOffering(spec: any) {
        return C.resultOut(market().createOffering(caller(), C.specIn(spec)), C.offeringOut);
    }

    @update([IDL.Nat64, C.OfferingInput], C.ResultOffering)
    updateOffering(id: bigint, spec: any) {
        return C.resultOut(market().updateOffering(caller(), id, C.specIn(spec)), C.offeringOut);
    }

    @update([IDL.Nat64, IDL.Bool], C.ResultOffering)
    setOfferingActive(id: bigint, active: boolean) {
        return C.resultOut(market().setOfferingActive(caller(), id, active), C.offeringOut);
    }

    @query([IDL.Principal], IDL.Opt(C.ProviderIdl))
    getProvider(p: Principal) {
        const v = market().store.providers.get(p.toText());
        return v === undefined ? [] : [C.providerOut(v)];
    }

    @query([IDL.Nat32, IDL.Nat32], C.ProviderPage)
    listProviders(offset: number, limit: number) {
        return C.pageOut(market().listProviders(offset, limit), C.providerOut);
    }

    @query([IDL.Nat64], IDL.Opt(C.OfferingIdl))
    getOffering(id: bigint) {
        const o = market().store.offerings.get(id);
        return o === undefined ? [] : [C.offeringOut(o)];
    }

    @query([C.OfferingFilterIdl, IDL.Nat32, IDL.Nat32], C.OfferingPage)
    searchOfferings(filter: any, offset: number, limit: number) {
        return C.pageOut(market().searchOfferings(C.filterIn(filter), offset, limit), C.offeringOut);
    }

    // ------------------------------------------------------------ contracts

    @update([IDL.Nat64, IDL.Nat32], C.ResultContract)
    requestContract(offeringId: bigint, hours: number) {
        const who = caller();
        return C.resultOut(market().requestContract(who, offeringId, hours), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64], C.ResultContract)
    async fund(id: bigint) {
        const who = caller();
        return C.resultOut(await market().fund(who, id), (c) => C.contractOut(c, who));
    }

    @update([C.CreditArgs], C.ResultContract)
    async creditPayment(a: { contractId: bigint; paymentId: string; amount: bigint }) {
        const who = caller();
        return C.resultOut(await market().creditPayment(who, a.contractId, a.paymentId, a.amount), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64], C.ResultContract)
    acceptContract(id: bigint) {
        const who = caller();
        return C.resultOut(market().acceptContract(who, id), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64, IDL.Text], C.ResultClose)
    async rejectContract(id: bigint, reason: string) {
        const who = caller();
        return C.resultOut(await market().rejectContract(who, id, reason), (r) => C.closeOut(r, who));
    }

    @update([IDL.Nat64], C.ResultContract)
    startProvisioning(id: bigint) {
        const who = caller();
        return C.resultOut(market().startProvisioning(who, id), (c) => C.contractOut(c, who));
    }

    /** Provisioning → Provisioned (billing starts), or Paused → Provisioned with new details. */
    @update([IDL.Nat64, IDL.Text], C.ResultContract)
    reportProvisioned(id: bigint, connection: string) {
        const who = caller();
        return C.resultOut(market().reportProvisioned(who, id, connection), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64, IDL.Text], C.ResultClose)
    async reportProvisioningFailed(id: bigint, reason: string) {
        const who = caller();
        return C.resultOut(await market().reportProvisioningFailed(who, id, reason), (r) => C.closeOut(r, who));
    }

    @update([IDL.Nat64], C.ResultContract)
    confirmActive(id: bigint) {
        const who = caller();
        return C.resultOut(market().confirmActive(who, id), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64, IDL.Text], C.ResultContract)
    pauseContract(id: bigint, note: string) {
        const who = caller();
        return C.resultOut(market().pauseContract(who, id, note), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64], C.ResultContract)
    resumeContract(id: bigint) {
        const who = caller();
        return C.resultOut(market().resumeContract(who, id), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64, IDL.Nat32], C.ResultContract)
    extendContract(id: bigint, hours: number) {
        const who = caller();
        return C.resultOut(market().extendContract(who, id, hours), (c) => C.contractOut(c, who));
    }

    @update([IDL.Nat64, IDL.Text], C.ResultClose)
    async cancelContract(id: bigint, reason: string) {
        const who = caller();
        return C.resultOut(await market().cancelContract(who, id, reason), (r) => C.closeOut(r, who));
    }

    @query([IDL.Nat64], IDL.Opt(C.ContractIdl))
    getContract(id: bigint) {
        const c = market().store.contracts.get(id);
        return c === undefined ? [] : [C.contractOut(c, caller())];
    }

    @query([C.ContractFilter, IDL.Nat32, IDL.Nat32], C.ContractPage)
    listContracts(f: { tenant: [] | [Principal]; provider: [] | [Principal]; status: [] | [Record<string, null>] }, offset: number, limit: number) {
        const tenant = f.tenant[0]?.toText();
        const provider = f.provider[0]?.toText();
        const status: Status | undefined = f.status.length === 0 ? undefined : C.statusIn(f.status[0]!);
        const all = market().store.contracts.values().filter(
            (c) => (tenant === undefined || c.tenant === tenant) && (provider === undefined || c.provider === provider) && (status === undefined || c.status === status)
        );
        const lim = Math.min(limit, 100);
        const items = all.slice(offset, offset + lim);
        const who = caller();
        return { items: items.map((c) => C.contractOut(c, who)), total: all.length, next: offset + items.length < all.length ? [offset + items.length] : [] };
    }

    // ------------------------------------------------------------ balances and books

    @query([IDL.Nat64], IDL.Opt(C.ContractBalanceIdl))
    contractBalance(id: bigint) {
        const b = market().contractBalance(id);
        return b === null ? [] : [b];
    }

    /** Balance of a principal in a token, computed to now (provider earnings accrue without a write). */
    @query([IDL.Principal, IDL.Text], C.AccountBalanceIdl)
    balanceOf(p: Principal, token: string) {
        return market().accountBalance(p.toText(), token);
    }

    @query([IDL.Text], IDL.Nat)
    feeBalance(token: string): bigint {
        return market().feeBalance(token);
    }

    @query([IDL.Nat32, IDL.Nat32, IDL.Opt(IDL.Nat64)], C.JournalPage)
    journal(offset: number, limit: number, contractId: [] | [bigint]) {
        return C.pageOut(market().journalPage(offset, limit, contractId[0] ?? null), C.journalOut);
    }

    @query([IDL.Nat64], IDL.Opt(C.TransferIdl))
    getTransfer(id: bigint) {
        const t = market().store.transfers.get(id);
        return t === undefined ? [] : [C.transferOut(t)];
    }

    @query([IDL.Nat32, IDL.Nat32, IDL.Bool], C.TransferPage)
    listTransfers(offset: number, limit: number, inFlightOnly: boolean) {
        const m = market();
        const all = inFlightOnly ? [...m.inFlight].map((id) => m.store.transfers.get(id)!) : m.store.transfers.values();
        const lim = Math.min(limit, 100);
        const items = all.slice(offset, offset + lim);
        return { items: items.map(C.transferOut), total: all.length, next: offset + items.length < all.length ? [offset + items.length] : [] };
    }

    /** The books recomputed from every record (no ledger call): conservation per contract and token. */
    @query([], C.AuditReportIdl)
    books() {
        return market().checkBooks(null);
    }

    /** The books against the live ledger balances (controllers and relays). */
    @update([], C.ResultAudit)
    async audit() {
        const who = caller();
        if (!isController(msgCaller()) && !market().isRelay(who)) return unauthorized('audit', 'controllers and relays only');
        return { Ok: await market().audit() };
    }

    @query([], C.ConfigIdl)
    getConfig() {
        return C.configOut(market().config());
    }

    @query([], C.SchedulerState)
    scheduler() {
        const s = schedulerState();
        return { ...s, nextDue: s.nextDue === null ? [] : [s.nextDue], timerArmedAt: s.timerArmedAt === null ? [] : [s.timerArmedAt] };
    }

    // ------------------------------------------------------------ money out

    @update([IDL.Text, IDL.Opt(IDL.Nat)], C.ResultTransfer)
    async withdraw(token: string, amount: [] | [bigint]) {
        return C.resultOut(await market().withdraw(caller(), token, amount[0] ?? null), C.transferOut);
    }

    @update([IDL.Text, IDL.Opt(IDL.Nat)], C.ResultTransfer)
    async withdrawFees(token: string, amount: [] | [bigint]) {
        const denied = controllerOnly('withdrawFees');
        if (denied !== null) return denied;
        return C.resultOut(await market().withdrawFees(token, amount[0] ?? null), C.transferOut);
    }

    /** Retries an in-flight transfer (same created_at_time and memo): its beneficiary or a controller. */
    @update([IDL.Nat64], C.ResultTransfer)
    async retryTransfer(id: bigint) {
        const t = market().store.transfers.get(id);
        const who = caller();
        const owner = t !== undefined && (t.account === who || (t.account === FEE_ACCOUNT && isController(msgCaller())));
        if (t !== undefined && !owner && !isController(msgCaller())) return unauthorized('retryTransfer', 'only the beneficiary or a controller');
        return C.resultOut(await market().retryTransfer(id), C.transferOut);
    }

    /** Runs one batch of the due-time work now (controllers; the timer does this on its own). */
    @update([], C.ResultDueRun)
    async runDue() {
        const denied = controllerOnly('runDue');
        if (denied !== null) return denied;
        return { Ok: await market().runDue() };
    }

    // ------------------------------------------------------------ configuration (controllers)

    private configure(action: string, change: (c: Config) => Config) {
        const denied = controllerOnly(action);
        if (denied !== null) return denied;
        return { Ok: C.configOut(market().updateConfig(change)) };
    }

    @update([IDL.Nat32], C.ResultConfig)
    setFeeBps(bps: number) {
        if (bps > 10_000) return { Err: { InvalidInput: { field: 'bps', reason: 'at most 10000' } } };
        return this.configure('setFeeBps', (c) => ({ ...c, feeBps: bps }));
    }

    @update([C.Account], C.ResultConfig)
    setFeeAccount(a: C.CAccount) {
        return this.configure('setFeeAccount', (c) => ({ ...c, feeAccount: C.accountIn(a) }));
    }

    @update([IDL.Principal], C.ResultConfig)
    addRelay(p: Principal) {
        return this.configure('addRelay', (c) => ({ ...c, relays: c.relays.includes(p.toText()) ? c.relays : [...c.relays, p.toText()] }));
    }

    @update([IDL.Principal], C.ResultConfig)
    removeRelay(p: Principal) {
        return this.configure('removeRelay', (c) => ({ ...c, relays: c.relays.filter((r) => r !== p.toText()) }));
    }

    @update([IDL.Nat64], C.ResultConfig)
    setRequestTimeout(seconds: bigint) {
        if (seconds < 60n) return { Err: { InvalidInput: { field: 'seconds', reason: 'at least 60' } } };
        return this.configure('setRequestTimeout', (c) => ({ ...c, requestTimeoutNs: seconds * 1_000_000_000n }));
    }

    /** Adds or replaces a token's ledger (symbol, ledger canister, decimals, fee). */
    @update([C.TokenInit], C.ResultConfig)
    setToken(t: { symbol: string; ledger: Principal; decimals: number; fee: bigint }) {
        const token = { symbol: t.symbol, ledger: t.ledger.toText(), decimals: t.decimals, fee: t.fee };
        return this.configure('setToken', (c) => ({ ...c, tokens: [...c.tokens.filter((x) => x.symbol !== t.symbol), token] }));
    }
}
