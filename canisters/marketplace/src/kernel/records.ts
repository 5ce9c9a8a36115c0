// Plain data of the marketplace domain. No Azle imports: principals are text, money and times are
// bigint (token base units; nanoseconds since the epoch), counts and basis points are numbers.

export { ok, err, isOk, type Result } from './result';
export type { CanisterError } from './error';

/** Where monitors check a provisioned server (declared by the provider; escrow/domain/probe.ts validates it). */
export type ProbeScheme = 'http' | 'https' | 'tcp';

export interface ProbeEndpoint {
    scheme: ProbeScheme;
    /** DNS name or IP literal (IPv6 without brackets). */
    host: string;
    port: number;
    /** http(s): absolute path starting with '/', may carry a query; tcp: empty. */
    path: string;
}

/** The anonymous principal (text): refused wherever an identity is required. */
export const ANONYMOUS = '2vxsx-fae';

export type Role = 'tenant' | 'provider' | 'relay' | 'controller' | 'system';
export interface Actor {
    principal: string;
    role: Role;
}

export interface Account {
    owner: string;
    subaccount: Uint8Array | null;
}

export interface Contact {
    kind: string;
    value: string;
}

export interface Provider {
    id: string;
    name: string;
    description: string;
    website: string;
    contacts: Contact[];
    payout: Account;
    registeredAt: bigint;
    updatedAt: bigint;
}

export type ProductType = 'VPS' | 'Dedicated' | 'GPU' | 'Other';

export interface OfferingSpec {
    name: string;
    description: string;
    productType: ProductType;
    cpuCores: number;
    ramMb: number;
    storageGb: number;
    bandwidthMbps: number;
    gpu: string;
    gpuCount: number;
    region: string;
    country: string;
    city: string;
    token: string;
    pricePerMonth: bigint;
    setupFee: bigint;
    minHours: number;
    maxHours: number;
    stock: number;
    uptimeTargetBps: number;
    firstResponseMinutes: number;
}

export interface Offering extends OfferingSpec {
    id: bigint;
    provider: string;
    active: boolean;
    /** Contracts that were accepted and are not yet closed: they hold a unit of stock. */
    inUse: number;
    createdAt: bigint;
    updatedAt: bigint;
}

export const STATUSES = [
    'Requested',
    'Pending',
    'Accepted',
    'Provisioning',
    'Provisioned',
    'Active',
    'Paused',
    'Rejected',
    'Cancelled',
    'Expired',
    'ProvisioningFailed'
] as const;
export type Status = (typeof STATUSES)[number];
/** The statuses a contract ends in: nothing accrues after them, the rest of the escrow goes back. */
export const TERMINAL: ReadonlySet<Status> = new Set<Status>(['Rejected', 'Cancelled', 'Expired', 'ProvisioningFailed']);

export interface StatusChange {
    status: Status;
    actor: string;
    role: Role;
    at: bigint;
    note: string;
}

/** A paid stretch of service time. Unscheduled (start = end = 0) until the contract is provisioned. */
export interface Segment {
    hours: number;
    amount: bigint;
    start: bigint;
    end: bigint;
}

/** A price quote awaiting payment: the initial request or an extension. */
export interface Quote {
    hours: number;
    amount: bigint;
    setupFee: bigint;
}

/** An ICRC-2 pull whose outcome is not known yet; retried with the same created_at_time and memo. */
export interface PendingPull {
    amount: bigint;
    createdAtTime: bigint;
    memo: Uint8Array;
    /** An attempt had an unknown outcome (reject, lost reply): only Ok/Duplicate or an after-dedup error settle it. */
    uncertain: boolean;
}

export interface Contract {
    id: bigint;
    offeringId: bigint;
    provider: string;
    tenant: string;
    token: string;
    status: Status;
    statusSince: bigint;
    createdAt: bigint;
    /** Fee in basis points taken from each release, fixed when the contract is created. */
    feeBps: number;
    /** Unpaid quote (initial price or an extension); null when nothing is due. */
    quote: Quote | null;
    pendingPull: PendingPull | null;
    /** Paid time; the setup fee is a zero-length segment earned at provisioning. */
    segments: Segment[];
    /** Σ segment amounts: what the tenant has bought. */
    total: bigint;
    deposited: bigint;
    /** Earned money moved out of escrow (gross, platform fee included). */
    released: bigint;
    /** Platform fee part of `released`, cumulative: floor(released × feeBps / 10 000). */
    fee: bigint;
    /** Money moved from escrow back to the tenant's balance (refunds and SLA credits). */
    refunded: bigint;
    lastSettled: bigint;
    connection: string;
    /** Where monitors probe the server (declared by the provider); absent = not declared. */
    probe?: ProbeEndpoint | null;
    /** Bounded: the first change and the latest ones; `historyOmitted` counts those compacted away. */
    history: StatusChange[];
    historyOmitted?: number;
}

export interface TokenConfig {
    symbol: string;
    ledger: string;
    decimals: number;
    fee: bigint;
}

/** What a registered reporter may do: `relay` credits ICPay payments and reports chat events and benchmarks; `monitor` reports uptime. */
export type ReporterRole = 'relay' | 'monitor';

/** One entry of the single reporter list (controllers manage it; a principal may hold both roles). */
export interface Reporter {
    principal: string;
    roles: ReporterRole[];
    addedAt: bigint;
    addedBy: string;
}

export interface Config {
    tokens: TokenConfig[];
    requestTimeoutNs: bigint;
    feeBps: number;
    /** The one authoritative list of reporters (relays and monitors), used by market and trust. */
    reporters: Reporter[];
    feeAccount: Account | null;
    /** Enables the controller-only `benchSeed` method (benchmarks on a local replica only). */
    benchMode: boolean;
    /** The ICPay canister whose transactions fund contracts, and the merchant account in it (absent: ICPay off). */
    icpay?: { canister: string; account: bigint } | null;
}

/** `Return`: money that arrived for no liability of ours (an ICPay payment in another token than its contract's), sent back to its payer. */
export type TransferKind = 'Withdrawal' | 'Refund' | 'FeeWithdrawal' | 'Return';
export type TransferStatus = 'InFlight' | 'Done' | 'Failed';

/** An outgoing icrc1_transfer. `amount` is debited from `account`'s balance; `amount − ledgerFee` is sent. */
export interface Transfer {
    id: bigint;
    kind: TransferKind;
    /** Whose balance is debited: a principal, or FEE_ACCOUNT for platform fees. */
    account: string;
    token: string;
    amount: bigint;
    ledgerFee: bigint;
    to: Account;
    memo: Uint8Array;
    createdAtTime: bigint;
    contractId: bigint | null;
    status: TransferStatus;
    block: bigint | null;
    attempts: number;
    /** An attempt had an unknown outcome: only Ok/Duplicate or an after-dedup error settle it. */
    uncertain: boolean;
    lastError: string;
    updatedAt: bigint;
}

export const FEE_ACCOUNT = '~platform-fees';

export type JournalKind =
    | 'Deposit'
    | 'Release'
    | 'Refund'
    | 'SlaCredit'
    | 'TransferStarted'
    | 'TransferDone'
    | 'TransferFailed';

export interface JournalEntry {
    seq: bigint;
    kind: JournalKind;
    contractId: bigint | null;
    /** The balance the movement concerns: provider, tenant or FEE_ACCOUNT; empty for escrow-only moves. */
    account: string;
    token: string;
    amount: bigint;
    /** Platform fee part (Release), ledger fee (transfers). */
    fee: bigint;
    at: bigint;
    block: bigint | null;
    ref: string;
}

export type NewJournalEntry = Omit<JournalEntry, 'seq'>;

export { NS_PER_MINUTE, NS_PER_HOUR, NS_PER_DAY } from './time';
export const HOURS_PER_MONTH = 720n;
export const BPS = 10_000n;
