import { IDL } from '@dfinity/candid';

/**
 * The subset of the marketplace canister's Candid the relay calls, mirrored from
 * canisters/marketplace/src/api/candid.ts (market) and trust/candid.ts (trust signals).
 * Records decode with Candid subtyping, so fields the relay does not read may be left out,
 * but variants must list every case. Checked against canisters/marketplace/marketplace.did.
 */
const variantOf = (names: readonly string[]) => IDL.Variant(Object.fromEntries(names.map((n) => [n, IDL.Null])));

export const STATUSES = ['Requested', 'Pending', 'Accepted', 'Provisioning', 'Provisioned', 'Active', 'Paused', 'Rejected', 'Cancelled', 'Expired', 'ProvisioningFailed'] as const;
const Status = variantOf(STATUSES);
const Account = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const Contact = IDL.Record({ kind: IDL.Text, value: IDL.Text });
const page = (item: IDL.Type) => IDL.Record({ items: IDL.Vec(item), total: IDL.Nat32, next: IDL.Opt(IDL.Nat32) });

export const Provider = IDL.Record({ id: IDL.Principal, name: IDL.Text, contacts: IDL.Vec(Contact), payout: Account, registeredAt: IDL.Nat64 });
export const Contract = IDL.Record({
    id: IDL.Nat64,
    offeringId: IDL.Nat64,
    provider: IDL.Principal,
    tenant: IDL.Principal,
    token: IDL.Text,
    status: Status,
    createdAt: IDL.Nat64,
    total: IDL.Nat,
    deposited: IDL.Nat,
    quote: IDL.Opt(IDL.Record({ hours: IDL.Nat32, amount: IDL.Nat, setupFee: IDL.Nat })),
    connection: IDL.Opt(IDL.Text)
});
const ContractFilter = IDL.Record({ tenant: IDL.Opt(IDL.Principal), provider: IDL.Opt(IDL.Principal), status: IDL.Opt(Status) });
const TokenInit = IDL.Record({ symbol: IDL.Text, ledger: IDL.Principal, decimals: IDL.Nat8, fee: IDL.Nat });
const Config = IDL.Record({ tokens: IDL.Vec(TokenInit), relays: IDL.Vec(IDL.Principal) });
const CreditArgs = IDL.Record({ contractId: IDL.Nat64, paymentId: IDL.Text, amount: IDL.Nat });

const MarketError = IDL.Variant({
    NotFound: IDL.Record({ what: IDL.Text, id: IDL.Text }),
    Unauthorized: IDL.Record({ action: IDL.Text, reason: IDL.Text }),
    InvalidInput: IDL.Record({ field: IDL.Text, reason: IDL.Text }),
    InvalidTransition: IDL.Record({ from: IDL.Text, to: IDL.Text, actor: IDL.Text }),
    InvalidState: IDL.Record({ status: IDL.Text, operation: IDL.Text }),
    AlreadyExists: IDL.Record({ what: IDL.Text, id: IDL.Text }),
    OutOfStock: IDL.Record({ offeringId: IDL.Nat64, stock: IDL.Nat32 }),
    UnknownToken: IDL.Record({ token: IDL.Text }),
    PaymentAlreadyCredited: IDL.Record({ paymentId: IDL.Text, contractId: IDL.Nat64 }),
    Underpaid: IDL.Record({ due: IDL.Nat, paid: IDL.Nat }),
    NothingDue: IDL.Record({ contractId: IDL.Nat64 }),
    FundingInProgress: IDL.Record({ contractId: IDL.Nat64 }),
    InsufficientLedgerBalance: IDL.Record({ balance: IDL.Nat, required: IDL.Nat }),
    InsufficientBalance: IDL.Record({ available: IDL.Nat, requested: IDL.Nat }),
    AmountBelowFee: IDL.Record({ amount: IDL.Nat, fee: IDL.Nat }),
    LedgerError: IDL.Record({ operation: IDL.Text, message: IDL.Text }),
    TransferInFlight: IDL.Record({ transferId: IDL.Nat64, reason: IDL.Text })
});

const TrustError = IDL.Variant({
    Unauthorized: IDL.Text,
    NotFound: IDL.Record({ what: IDL.Text, id: IDL.Text }),
    InvalidInput: IDL.Record({ field: IDL.Text, reason: IDL.Text, index: IDL.Opt(IDL.Nat32) }),
    Inconsistent: IDL.Record({ reason: IDL.Text, index: IDL.Opt(IDL.Nat32) }),
    NotEligible: IDL.Text,
    AlreadyAnswered: IDL.Nat64
});
const BatchOutcome = IDL.Record({ applied: IDL.Nat32, duplicates: IDL.Nat32 });
const TrustResult = IDL.Variant({ Ok: BatchOutcome, Err: TrustError });

export const ConversationEvent = IDL.Record({
    id: IDL.Text,
    contractId: IDL.Nat64,
    kind: IDL.Variant({ CustomerMessage: IDL.Null, ProviderReply: IDL.Null, BotHandoff: IDL.Null }),
    at: IDL.Nat64
});
export const UptimeReport = IDL.Record({ id: IDL.Text, contractId: IDL.Nat64, bucketStart: IDL.Nat64, up: IDL.Nat32, down: IDL.Nat32, latencyMs: IDL.Float64 });
export const Benchmark = IDL.Record({
    id: IDL.Text,
    target: IDL.Variant({ Provider: IDL.Principal, Offering: IDL.Nat64 }),
    source: IDL.Text,
    metric: IDL.Text,
    value: IDL.Float64,
    url: IDL.Text,
    fetchedAt: IDL.Nat64
});

export const TRUST_METHODS = {
    conversation: 'submitConversationEvents',
    uptime: 'submitUptime',
    benchmarks: 'submitBenchmarks'
} as const;

export const idlFactory: IDL.InterfaceFactory = () =>
    IDL.Service({
        creditPayment: IDL.Func([CreditArgs], [IDL.Variant({ Ok: Contract, Err: MarketError })], []),
        getContract: IDL.Func([IDL.Nat64], [IDL.Opt(Contract)], ['query']),
        listContracts: IDL.Func([ContractFilter, IDL.Nat32, IDL.Nat32], [page(Contract)], ['query']),
        listProviders: IDL.Func([IDL.Nat32, IDL.Nat32], [page(Provider)], ['query']),
        getConfig: IDL.Func([], [Config], ['query']),
        [TRUST_METHODS.conversation]: IDL.Func([IDL.Vec(ConversationEvent)], [TrustResult], []),
        [TRUST_METHODS.uptime]: IDL.Func([IDL.Vec(UptimeReport)], [TrustResult], []),
        [TRUST_METHODS.benchmarks]: IDL.Func([IDL.Vec(Benchmark)], [TrustResult], [])
    });
