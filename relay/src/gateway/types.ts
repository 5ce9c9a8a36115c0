import type { RelaySource } from '../prober/sources.js';

/**
 * The relay's only view of the canisters. The core is tested against `FakeGateway`; production
 * uses `AgentGateway` (HttpAgent + Actor, signed by the relay's Ed25519 identity).
 * Token amounts are bigint in the ledger's smallest unit (e8s for ICP, e6 for ckUSDC).
 */
export interface IcpayCredit {
    paymentId: string;
    contractId: string;
    ledgerCanisterId: string;
    amount: bigint;
}

/** `refunded`: the contract was closed or already paid, so the canister booked the payment and refunded it. */
export type CreditOutcome = { kind: 'credited' } | { kind: 'duplicate' } | { kind: 'refunded' };

/** `bot_handoff`: a bot-handled (pending) conversation was opened for humans; Chatwoot's first-response clock restarts there. */
export type ConversationEventKind = 'customer_message' | 'provider_reply' | 'bot_handoff';

export interface ConversationEvent {
    /** Stable id, e.g. `cw:<account>:msg:<message id>`; the canister deduplicates by it. */
    id: string;
    contractId: string;
    conversationId: number;
    kind: ConversationEventKind;
    /** Milliseconds since the epoch, from Chatwoot's own timestamps (not receipt time). */
    at: number;
}


/** Samples of one contract in one minute from one source: each source is its own vote on the canister. */
export interface UptimeMinute {
    /** `<contract>:<minute start ms>:<source>`; the canister deduplicates by (reporter, source, minute). */
    id: string;
    contractId: string;
    minuteStart: number;
    up: number;
    down: number;
    avgLatencyMs: number | null;
    /** Absent in jobs queued before sources were reported apart: the relay's probes. */
    source?: RelaySource;
}

export interface BenchmarkReport {
    /** Deterministic from source, subject and measurement time; the canister deduplicates by it. */
    id: string;
    providerId: string;
    source: 'serververify' | 'vpsbenchmarks' | 'json_feed';
    subject: string;
    url: string;
    measuredAt: number;
    cpuScore: number | null;
    diskReadMBps: number | null;
    diskWriteMBps: number | null;
    networkMbps: number | null;
    uptimePercent: number | null;
    monthlyPriceUsd: number | null;
}

/** What the canister did with a batch: duplicates count as done, rejections are permanent. */
export interface BatchOutcome {
    accepted: number;
    duplicates: number;
    rejected: { id: string; reason: string }[];
}

export interface ProvisionedContract {
    contractId: string;
    providerId: string;
    /** `https://host/path`, `http://…` or `tcp://host:port`. */
    endpoint: string;
}

export interface ContractForPayment {
    contractId: string;
    providerId: string;
    tenantId: string;
    status: string;
    ledgerCanisterId: string;
    /** Amount the contract must be funded with, in ledger units. */
    amountDue: bigint;
}

export interface ProviderRecord {
    providerId: string;
    name: string;
    email: string | null;
}

export interface ContractRecord {
    contractId: string;
    providerId: string;
    tenantId: string;
    status: string;
    createdAt: number;
}

export interface CanisterGateway {
    creditIcpayPayment(credit: IcpayCredit): Promise<CreditOutcome>;
    submitConversationEvents(events: ConversationEvent[]): Promise<BatchOutcome>;
    submitUptimeBatch(minutes: UptimeMinute[]): Promise<BatchOutcome>;
    submitBenchmarkReports(reports: BenchmarkReport[]): Promise<BatchOutcome>;
    listProvisionedContracts(): Promise<ProvisionedContract[]>;
    getContractForPayment(contractId: string): Promise<ContractForPayment | null>;
    /** Providers and contracts, for Chatwoot agent and conversation set-up (idempotent by id). */
    listProviders(): Promise<ProviderRecord[]>;
    listContracts(): Promise<ContractRecord[]>;
}
