// Candid types of the marketplace API and conversions between them and the domain's plain data.
import { probeUrl, type IcpayBooking } from '../escrow/exports';
import { IDL } from '@dfinity/candid';
import { CanisterErrorIdl, PaymentRefusalIdl, ResultIdl } from '../kernel/error';
import { Principal } from '@dfinity/principal';

import type { OfferingFilter, ProfileInput } from '../catalog/exports';
import type { Page } from '../kernel/lists';
import type {
    Account as DAccount,
    Config as DConfig,
    Contract as DContract,
    JournalEntry as DJournal,
    CanisterError as DError,
    Offering as DOffering,
    OfferingSpec,
    ProbeEndpoint,
    ProbeScheme,
    Provider as DProvider,
    Result,
    Role,
    Status,
    Transfer as DTransfer
} from '../kernel/records';
import { STATUSES } from '../kernel/records';
import { NS_PER_SECOND, seconds } from '../kernel/time';

const variantOf = (names: readonly string[]) => IDL.Variant(Object.fromEntries(names.map((n) => [n, IDL.Null])));
const tag = <T extends string>(v: Record<string, null>): T => Object.keys(v)[0] as T;
const mk = (name: string): Record<string, null> => ({ [name]: null });
const opt = <T>(v: T | null | undefined): [] | [T] => (v === null || v === undefined ? [] : [v]);
const unopt = <T>(v: [] | [T]): T | null => (v.length === 0 ? null : v[0]);
const principals = new Map<string, Principal>();
/** Principal.fromText with a cache (parsing and checksumming text is costly in the canister). */
export function principal(text: string): Principal {
    let p = principals.get(text);
    if (p === undefined) {
        p = Principal.fromText(text);
        if (principals.size > 10_000) principals.clear();
        principals.set(text, p);
    }
    return p;
}

// ------------------------------------------------------------------ types

export const Account = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });
export const Contact = IDL.Record({ kind: IDL.Text, value: IDL.Text });
export const ProfileInputIdl = IDL.Record({ name: IDL.Text, description: IDL.Text, website: IDL.Text, contacts: IDL.Vec(Contact), payout: Account });
export const PendingPull = IDL.Record({ amount: IDL.Nat, createdAtTime: IDL.Nat64, uncertain: IDL.Bool });
/** Whether the provider's offerings are in search: listed once the listing fee was paid (`block`: its pull). */
export const ListingIdl = IDL.Record({ listedAt: IDL.Opt(IDL.Nat64), token: IDL.Text, amount: IDL.Nat, block: IDL.Opt(IDL.Nat), pull: IDL.Opt(PendingPull) });
export const ListingFeeIdl = IDL.Record({ token: IDL.Text, amount: IDL.Nat });
export const ProviderIdl = IDL.Record({
    id: IDL.Principal, name: IDL.Text, description: IDL.Text, website: IDL.Text, contacts: IDL.Vec(Contact), payout: IDL.Opt(Account),
    registeredAt: IDL.Nat64, updatedAt: IDL.Nat64, listing: ListingIdl
});
export const ProductType = variantOf(['VPS', 'Dedicated', 'GPU', 'Other']);
const specFields = {
    name: IDL.Text, description: IDL.Text, productType: ProductType, cpuCores: IDL.Nat32, ramMb: IDL.Nat32, storageGb: IDL.Nat32,
    bandwidthMbps: IDL.Nat32, gpu: IDL.Text, gpuCount: IDL.Nat32, region: IDL.Text, country: IDL.Text, city: IDL.Text, token: IDL.Text,
    pricePerMonth: IDL.Nat, setupFee: IDL.Nat, minHours: IDL.Nat32, maxHours: IDL.Nat32, stock: IDL.Nat32, uptimeTargetBps: IDL.Nat32,
    firstResponseMinutes: IDL.Nat32
};
export const OfferingInput = IDL.Record(specFields);
export const OfferingIdl = IDL.Record({ ...specFields, id: IDL.Nat64, provider: IDL.Principal, active: IDL.Bool, inUse: IDL.Nat32, createdAt: IDL.Nat64, updatedAt: IDL.Nat64 });
export const OfferingFilterIdl = IDL.Record({
    provider: IDL.Opt(IDL.Principal), productType: IDL.Opt(ProductType), region: IDL.Opt(IDL.Text), country: IDL.Opt(IDL.Text),
    city: IDL.Opt(IDL.Text), token: IDL.Opt(IDL.Text), minPrice: IDL.Opt(IDL.Nat), maxPrice: IDL.Opt(IDL.Nat), minCpuCores: IDL.Opt(IDL.Nat32),
    minRamMb: IDL.Opt(IDL.Nat32), minStorageGb: IDL.Opt(IDL.Nat32), minBandwidthMbps: IDL.Opt(IDL.Nat32), gpu: IDL.Opt(IDL.Bool),
    available: IDL.Opt(IDL.Bool), includeInactive: IDL.Opt(IDL.Bool), minTrustScore: IDL.Opt(IDL.Nat32)
});
const page = (item: IDL.Type) => IDL.Record({ items: IDL.Vec(item), total: IDL.Nat32, next: IDL.Opt(IDL.Nat32) });
export const OfferingPage = page(OfferingIdl);
export const ProviderPage = page(ProviderIdl);

export const StatusIdl = variantOf(STATUSES);
const ROLE_NAMES: Record<Role, string> = { tenant: 'Tenant', provider: 'Provider', relay: 'Relay', controller: 'Controller', system: 'System' };
export const RoleIdl = variantOf(Object.values(ROLE_NAMES));
export const StatusChange = IDL.Record({ status: StatusIdl, actor: IDL.Principal, role: RoleIdl, at: IDL.Nat64, note: IDL.Text });
export const Segment = IDL.Record({ hours: IDL.Nat32, amount: IDL.Nat, start: IDL.Nat64, end: IDL.Nat64 });
export const Quote = IDL.Record({ hours: IDL.Nat32, amount: IDL.Nat, setupFee: IDL.Nat });
export const ContractIdl = IDL.Record({
    id: IDL.Nat64, offeringId: IDL.Nat64, provider: IDL.Principal, tenant: IDL.Principal, token: IDL.Text, status: StatusIdl,
    statusSince: IDL.Nat64, createdAt: IDL.Nat64, feeBps: IDL.Nat32, quote: IDL.Opt(Quote), pendingPull: IDL.Opt(PendingPull),
    segments: IDL.Vec(Segment), total: IDL.Nat, deposited: IDL.Nat, released: IDL.Nat, fee: IDL.Nat, refunded: IDL.Nat,
    lastSettled: IDL.Nat64, end: IDL.Nat64,
    /** Connection details: only the tenant and the provider see them. */
    connection: IDL.Opt(IDL.Text),
    /** The first change and the latest ones; `historyOmitted` counts the ones compacted away. */
    history: IDL.Vec(StatusChange),
    historyOmitted: IDL.Nat32
});
export const ContractPage = page(ContractIdl);
export const ContractFilter = IDL.Record({ tenant: IDL.Opt(IDL.Principal), provider: IDL.Opt(IDL.Principal), status: IDL.Opt(StatusIdl) });

export const TransferKind = variantOf(['Withdrawal', 'Refund', 'FeeWithdrawal', 'Return']);
export const TransferStatus = variantOf(['InFlight', 'Done', 'Failed']);
export const TransferIdl = IDL.Record({
    id: IDL.Nat64, kind: TransferKind, account: IDL.Text, token: IDL.Text, amount: IDL.Nat, ledgerFee: IDL.Nat, to: Account,
    memo: IDL.Vec(IDL.Nat8), createdAtTime: IDL.Nat64, contractId: IDL.Opt(IDL.Nat64), status: TransferStatus, block: IDL.Opt(IDL.Nat),
    attempts: IDL.Nat32, uncertain: IDL.Bool, lastError: IDL.Text, updatedAt: IDL.Nat64
});
export const TransferPage = page(TransferIdl);
export const JournalKind = variantOf(['Deposit', 'Release', 'Refund', 'SlaCredit', 'TransferStarted', 'TransferDone', 'TransferFailed']);
export const JournalEntryIdl = IDL.Record({
    seq: IDL.Nat64, kind: JournalKind, contractId: IDL.Opt(IDL.Nat64), account: IDL.Text, token: IDL.Text, amount: IDL.Nat, fee: IDL.Nat,
    at: IDL.Nat64, block: IDL.Opt(IDL.Nat), ref: IDL.Text
});
export const JournalPage = page(JournalEntryIdl);
export const CloseOutcome = IDL.Record({ contract: ContractIdl, refund: IDL.Opt(TransferIdl) });
export const ContractBalanceIdl = IDL.Record({
    contractId: IDL.Nat64, token: IDL.Text, total: IDL.Nat, deposited: IDL.Nat, released: IDL.Nat, fee: IDL.Nat, refunded: IDL.Nat,
    held: IDL.Nat, earnedNow: IDL.Nat, releasableNow: IDL.Nat, unearnedNow: IDL.Nat, due: IDL.Nat
});
export const AccountBalanceIdl = IDL.Record({
    account: IDL.Text, token: IDL.Text, withdrawable: IDL.Nat, accruing: IDL.Nat, inFlight: IDL.Nat, escrowAsTenant: IDL.Nat
});
export const TokenAuditIdl = IDL.Record({
    token: IDL.Text, escrowHeld: IDL.Nat, withdrawable: IDL.Nat, inFlight: IDL.Nat, feesUnwithdrawn: IDL.Nat, deposited: IDL.Nat,
    paidOut: IDL.Nat, pulling: IDL.Nat, liabilities: IDL.Nat, ledgerBalance: IDL.Nat, surplus: IDL.Int, ok: IDL.Bool
});
export const UnbookedPaymentIdl = IDL.Record({ token: IDL.Text, block: IDL.Nat, amount: IDL.Nat, transactionId: IDL.Nat, contractId: IDL.Nat64 });
export const AuditReportIdl = IDL.Record({ at: IDL.Nat64, tokens: IDL.Vec(TokenAuditIdl), violations: IDL.Vec(IDL.Text), ok: IDL.Bool, unbooked: IDL.Vec(UnbookedPaymentIdl) });
export const DueRunIdl = IDL.Record({ processed: IDL.Nat32, remaining: IDL.Nat32, transfers: IDL.Vec(IDL.Nat64), pulls: IDL.Vec(IDL.Nat64) });
export const TokenInit = IDL.Record({ symbol: IDL.Text, ledger: IDL.Principal, decimals: IDL.Nat8, fee: IDL.Nat });
/** The ICPay canister whose transactions fund contracts, and the merchant account in it. */
export const IcpayConfig = IDL.Record({ canister: IDL.Principal, account: IDL.Nat64 });
export const ConfigIdl = IDL.Record({
    tokens: IDL.Vec(TokenInit), requestTimeoutSeconds: IDL.Nat64, feeBps: IDL.Nat32, relays: IDL.Vec(IDL.Principal), feeAccount: IDL.Opt(Account),
    benchMode: IDL.Bool, icpay: IDL.Opt(IcpayConfig), listingFee: ListingFeeIdl
});
export const InitArgs = IDL.Record({
    tokens: IDL.Vec(TokenInit), requestTimeoutSeconds: IDL.Opt(IDL.Nat64), feeBps: IDL.Opt(IDL.Nat32), relays: IDL.Vec(IDL.Principal),
    feeAccount: IDL.Opt(Account),
    /** Local benchmarks only: enables `benchSeed`. Absent = false. */
    benchMode: IDL.Opt(IDL.Bool),
    icpay: IDL.Opt(IcpayConfig),
    /** The one-time fee a provider pays before its offerings enter search. Absent: one unit of the first token. */
    listingFee: IDL.Opt(ListingFeeIdl)
});
export const IcpayOutcomeIdl = IDL.Variant({
    Funded: IDL.Record({ surplus: IDL.Nat }),
    RefundedShortfall: IDL.Record({ due: IDL.Nat, arrived: IDL.Nat }),
    RefundedNotAwaiting: IDL.Record({ status: IDL.Text }),
    ReturnedOtherToken: IDL.Record({ token: IDL.Text, due: IDL.Text })
});
export const IcpayBookingIdl = IDL.Record({
    contract: ContractIdl, transactionId: IDL.Nat, block: IDL.Nat, arrived: IDL.Nat, outcome: IcpayOutcomeIdl, refund: IDL.Opt(TransferIdl)
});
export const SchedulerState = IDL.Record({ dueContracts: IDL.Nat32, nextDue: IDL.Opt(IDL.Nat64), inFlightTransfers: IDL.Nat32, timerArmedAt: IDL.Opt(IDL.Nat64) });

/** Replies of fallible methods carry the canister's one error variant (kernel/error.ts). */
export const ResultOf = ResultIdl;
export const ResultProvider = ResultOf(ProviderIdl);
export const ResultProviders = ResultOf(IDL.Vec(IDL.Opt(ProviderIdl)));
export const ResultOffering = ResultOf(OfferingIdl);
export const ResultContract = ResultOf(ContractIdl);
export const ResultIcpayBooking = ResultOf(IcpayBookingIdl);

/** Where monitors probe a server: declared by the provider (`setProbeEndpoint`), listed to monitors and relays (`probeTargets`). */
export const ProbeSchemeIdl = IDL.Variant({ Http: IDL.Null, Https: IDL.Null, Tcp: IDL.Null });
export const ProbeEndpointIdl = IDL.Record({ scheme: ProbeSchemeIdl, host: IDL.Text, port: IDL.Nat16, path: IDL.Text });
export const ProbeTargetIdl = IDL.Record({
    contractId: IDL.Nat64, provider: IDL.Principal, offeringId: IDL.Nat64, status: StatusIdl, since: IDL.Nat64, endpoint: ProbeEndpointIdl, url: IDL.Text
});
export const ResultProbeTargets = ResultOf(page(ProbeTargetIdl));

const SCHEMES = { http: 'Http', https: 'Https', tcp: 'Tcp' } as const;
export const probeIn = (p: { scheme: Record<string, null>; host: string; port: number; path: string }): ProbeEndpoint => {
    const tagName = Object.keys(p.scheme)[0];
    const scheme = (Object.keys(SCHEMES) as ProbeScheme[]).find((k) => SCHEMES[k] === tagName) ?? ('?' as ProbeScheme);
    return { scheme, host: p.host, port: p.port, path: p.path };
};
export const probeOut = (p: ProbeEndpoint) => ({ scheme: { [SCHEMES[p.scheme]]: null }, host: p.host, port: p.port, path: p.path });
export const probeTargetOut = (c: DContract) => ({
    contractId: c.id, provider: principal(c.provider), offeringId: c.offeringId, status: mk(c.status),
    since: c.segments[0]?.start ?? c.statusSince, endpoint: probeOut(c.probe!), url: probeUrl(c.probe!)
});
export const ResultClose = ResultOf(CloseOutcome);
export const ResultTransfer = ResultOf(TransferIdl);
export const ResultConfig = ResultOf(ConfigIdl);
export const ResultDueRun = ResultOf(DueRunIdl);
export const ResultAudit = ResultOf(AuditReportIdl);
export const ResultAccountBalance = ResultOf(AccountBalanceIdl);

// ------------------------------------------------------------------ conversions (domain ↔ candid)

export type CAccount = { owner: Principal; subaccount: [] | [Uint8Array | number[]] };
export const accountIn = (a: CAccount): DAccount => ({ owner: a.owner.toText(), subaccount: a.subaccount.length === 0 ? null : Uint8Array.from(a.subaccount[0]!) });
export const accountOut = (a: DAccount): CAccount => ({ owner: principal(a.owner), subaccount: opt(a.subaccount) });

export function profileIn(p: any): ProfileInput {
    return { name: p.name, description: p.description, website: p.website, contacts: p.contacts, payout: accountIn(p.payout) };
}

/** The payout account only for the provider itself and privileged readers. */
export const providerOut = (p: DProvider, viewer: string | null = p.id, all = false) => ({
    ...p, id: principal(p.id), payout: viewer === p.id || all ? [accountOut(p.payout)] : [], listing: listingOut(p.listing)
});
const listingOut = (l: DProvider['listing']) => ({
    listedAt: opt(l.listedAt), token: l.token, amount: l.amount, block: opt(l.block),
    pull: opt(l.pull === null ? null : { amount: l.pull.amount, createdAtTime: l.pull.createdAtTime, uncertain: l.pull.uncertain })
});

export function specIn(s: any): OfferingSpec {
    return { ...s, productType: tag(s.productType) };
}
export const offeringOut = (o: DOffering) => ({ ...o, productType: mk(o.productType), provider: principal(o.provider) });

export function filterIn(f: any): OfferingFilter {
    const out: OfferingFilter = {};
    const u = <T>(v: [] | [T]): T | undefined => (v.length === 0 ? undefined : v[0]);
    const p = u<Principal>(f.provider);
    if (p !== undefined) out.provider = p.toText();
    const pt = u<Record<string, null>>(f.productType);
    if (pt !== undefined) out.productType = tag<NonNullable<OfferingFilter["productType"]>>(pt);
    for (const k of ['region', 'country', 'city', 'token', 'minPrice', 'maxPrice', 'minCpuCores', 'minRamMb', 'minStorageGb', 'minBandwidthMbps', 'gpu', 'available', 'includeInactive', 'minTrustScore'] as const) {
        const v = u(f[k]);
        if (v !== undefined) (out as any)[k] = v;
    }
    return out;
}

export const pageOut = <T, U>(p: Page<T>, f: (t: T) => U) => ({ items: p.items.map(f), total: p.total, next: opt(p.next) });

/** `viewer` decides whether connection details are shown (tenant and provider only). */
export function contractOut(c: DContract, viewer: string | null) {
    let end = 0n;
    for (const s of c.segments) if (s.end > end) end = s.end;
    const party = viewer === c.tenant || viewer === c.provider;
    return {
        id: c.id, offeringId: c.offeringId, provider: principal(c.provider), tenant: principal(c.tenant), token: c.token, status: mk(c.status),
        statusSince: c.statusSince, createdAt: c.createdAt, feeBps: c.feeBps, quote: opt(c.quote),
        pendingPull: opt(c.pendingPull === null ? null : { amount: c.pendingPull.amount, createdAtTime: c.pendingPull.createdAtTime, uncertain: c.pendingPull.uncertain }),
        segments: c.segments, total: c.total, deposited: c.deposited, released: c.released, fee: c.fee, refunded: c.refunded,
        lastSettled: c.lastSettled, end, connection: party && c.connection !== '' ? [c.connection] : [],
        history: c.history.map((h) => ({ status: mk(h.status), actor: principal(h.actor), role: mk(ROLE_NAMES[h.role]), at: h.at, note: h.note })),
        historyOmitted: c.historyOmitted ?? 0
    };
}
export const statusIn = (s: Record<string, null>): Status => tag<Status>(s);

export const icpayBookingOut = (b: IcpayBooking, viewer: string | null) => ({
    ...b, contract: contractOut(b.contract, viewer), refund: opt(b.refund === null ? null : transferOut(b.refund))
});
export const transferOut = (t: DTransfer) => ({
    ...t, kind: mk(t.kind), status: mk(t.status), to: accountOut(t.to), contractId: opt(t.contractId), block: opt(t.block)
});
export const journalOut = (e: DJournal) => ({ ...e, kind: mk(e.kind), contractId: opt(e.contractId), block: opt(e.block) });
export const closeOut = (r: { contract: DContract; refund: DTransfer | null }, viewer: string) => ({
    contract: contractOut(r.contract, viewer),
    refund: opt(r.refund === null ? null : transferOut(r.refund))
});

export function configOut(c: DConfig) {
    return {
        tokens: c.tokens.map((t) => ({ ...t, ledger: principal(t.ledger) })),
        requestTimeoutSeconds: c.requestTimeoutNs / NS_PER_SECOND,
        feeBps: c.feeBps,
        relays: c.reporters.filter((r) => r.roles.includes('relay')).map((r) => principal(r.principal)),
        feeAccount: opt(c.feeAccount === null ? null : accountOut(c.feeAccount)),
        benchMode: c.benchMode,
        icpay: opt(c.icpay == null ? null : { canister: principal(c.icpay.canister), account: c.icpay.account }),
        listingFee: c.listingFee
    };
}

export function configIn(a: any): Partial<DConfig> & { tokens: DConfig['tokens']; relays?: string[] } {
    return {
        tokens: a.tokens.map((t: any) => ({ symbol: t.symbol, ledger: t.ledger.toText(), decimals: t.decimals, fee: t.fee })),
        requestTimeoutNs: unopt<bigint>(a.requestTimeoutSeconds) === null ? undefined : seconds(unopt<bigint>(a.requestTimeoutSeconds)!),
        feeBps: unopt<number>(a.feeBps) ?? undefined,
        relays: a.relays.map((p: Principal) => p.toText()),
        feeAccount: a.feeAccount.length === 0 ? null : accountIn(a.feeAccount[0]),
        benchMode: a.benchMode?.[0] ?? false,
        icpay: a.icpay === undefined || a.icpay.length === 0 ? undefined : { canister: a.icpay[0].canister.toText(), account: a.icpay[0].account },
        listingFee: a.listingFee === undefined || a.listingFee.length === 0 ? undefined : a.listingFee[0]
    };
}

/** Domain Result → Candid Result (the error variant is already shaped like the Candid one). */
export function resultOut<T, U>(r: Result<T>, f: (t: T) => U): { Ok: U } | { Err: DError } {
    return 'Ok' in r ? { Ok: f(r.Ok) } : r;
}

/** Names of the market's Candid types in the .did and the bindings (scripts/candid-names.ts proves them against Azle's .did). */
export const CANDID_NAMES = {
    Account, Contact, ProfileInput: ProfileInputIdl, Listing: ListingIdl, ListingFee: ListingFeeIdl, Provider: ProviderIdl, ProviderPage, ProductType, OfferingInput, Offering: OfferingIdl,
    OfferingFilter: OfferingFilterIdl, OfferingPage, ContractStatus: StatusIdl, Role: RoleIdl, StatusChange, Segment, Quote, PendingPull,
    Contract: ContractIdl, ContractPage, ContractFilter, TransferKind, TransferStatus, Transfer: TransferIdl, TransferPage, JournalKind,
    JournalEntry: JournalEntryIdl, JournalPage, CloseOutcome, ContractBalance: ContractBalanceIdl, AccountBalance: AccountBalanceIdl,
    TokenAudit: TokenAuditIdl, AuditReport: AuditReportIdl, UnbookedPayment: UnbookedPaymentIdl, DueRun: DueRunIdl, Token: TokenInit, Config: ConfigIdl, InitArgs, IcpayConfig, IcpayOutcome: IcpayOutcomeIdl, IcpayBooking: IcpayBookingIdl, ResultIcpayBooking,
    PaymentRefusal: PaymentRefusalIdl,
    CanisterError: CanisterErrorIdl, ProbeScheme: ProbeSchemeIdl, ProbeEndpoint: ProbeEndpointIdl, ProbeTarget: ProbeTargetIdl,
    ProbeTargetPage: page(ProbeTargetIdl), ResultProvider, ResultProviders, ResultOffering, ResultContract, ResultClose, ResultTransfer, ResultConfig,
    ResultDueRun, ResultAudit, ResultAccountBalance, ResultProbeTargets, ResultCount: ResultOf(IDL.Nat32), SchedulerState
};
