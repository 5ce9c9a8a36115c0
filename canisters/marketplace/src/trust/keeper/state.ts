// Stored records of the trust domain. Everything a query needs is kept pre-aggregated here, so
// reads cost the same for a provider with ten contracts as for one with ten thousand.
import type { ClaimCheck, Measurements } from '../domain/claims';
import type { TenantHistory } from '../domain/independence';
import type { Standing } from '../domain/circles';
import { addPayer, withRunning } from '../domain/contracts';
import { emptyContractStats, emptyPayer, type ContractStats, type Payer, type Serving, type TrustStatus } from '../domain/contract_records';
import { emptyTally, type Feedback, type FeedbackTally } from '../domain/feedback';
import type { MarketIndex } from '../domain/market';
import { emptyRing, type Ring } from '../domain/ring';
import { emptyResponsiveness, newConversation, type Conversation, type ConversationEventKind, type Responsiveness } from '../domain/responsiveness';
import type { OpenWaits, WaitVoices } from '../domain/silence';
import type { CreditOutcome } from '../domain/sla_credit';
import { DAY } from '../domain/time';
import type { Incident } from '../domain/uptime/incidents';
import type { MinuteRecord } from '../domain/uptime/minute';
import type { TenantShare } from '../domain/uptime/median';
import { emptyUptime, type UptimeAggregate } from '../domain/uptime/aggregate';
import type { ReporterRole } from '../../kernel/records';
import type { Table } from '../../kernel/kv';
import type { CertRecord } from '../certify/summaries';

export type { ReporterRole } from '../../kernel/records';

/** Trust's own reporter table of the earlier layout (memory 40), migrated into the market's list on upgrade. */
export type LegacyReporters = Record<string, { role: ReporterRole; addedAt: number; addedBy: string }>;

export interface ProviderTrust {
    provider: string;
    contracts: ContractStats;
    feedback: FeedbackTally;
    /** Day ring of net feedback (+1 per yes, −1 per no) for the 90-day reputation. */
    feedbackDays: Ring;
    responsiveness: Responsiveness;
    waits: OpenWaits;
    /** The voice of each open wait's tenant (absent = earlier layout: each wait weighs 1). */
    waitVoices?: WaitVoices;
    uptime: UptimeAggregate;
    /** offering → day ring (30 days) of [up, down, incidents] minutes: each offering against its own target. */
    offeringUptime: Record<string, Ring>;
    /** offering → day ring (30 days) of its tenants' 30-day downtime shares by reach (domain/uptime/median.ts); absent = earlier layout. */
    offeringShares?: Record<string, Ring>;
    offerings: string[];
    claimMismatches: Record<string, ClaimCheck[]>;
    benchmarks: number;
    signals: number;
    lastSignalAt: number | null;
    historyLen: number;
    lastScore: number | null;
    /** When time alone next changes its score or flags (keeper/wake.ts; absent = none planned). */
    wakeAt?: number;
}

export interface SlaRecord {
    index: number;
    start: number;
    end: number;
    outcome: CreditOutcome;
    uptimeBps: number | null;
    coverageBps: number;
    creditBps: number;
    credit: string;
    /** What actually moved to the tenant (≤ credit; less for a closed contract whose provider's balance or period release was short). */
    credited?: string;
    paid: boolean;
    note: string;
    settledAt: number;
}

export interface ContractTrust {
    contractId: string;
    provider: string;
    offeringId: string;
    /** The last contract status the trust domain was told about. */
    status: TrustStatus | null;
    /** The contract was seen paid (its paid request is counted once). */
    paidSeen?: boolean;
    conversation: Conversation;
    responsiveness: Responsiveness;
    uptime: UptimeAggregate;
    incidents: Incident[];
    /** What the contract last added to its offering's tenant histogram; absent = nothing yet. */
    share?: TenantShare;
    /** Up/down minutes of SLA periods not settled yet. */
    slaPeriods: Record<string, [number, number]>;
    /** Index of the next SLA period to settle (periods settle in order). */
    slaNext: number;
    events: number;
    lastSignalAt: number | null;
}

export interface OfferingTrust {
    offeringId: string;
    provider: string;
    /** Absent in records of the earlier layout. */
    name?: string;
    /** In the market price index (active, and paid for and served); absent = earlier layout. */
    indexed?: boolean;
    /** A paid contract of this offering was provisioned. */
    served?: boolean;
    /** Σ independence of the tenants of its provisioned paid contracts: its weight in the price index. */
    independentServed?: number;
    marketKey: string;
    pricePerUnit: number | null;
    measurements: Measurements;
    claims: ClaimCheck[];
}

export interface SignalLogEntry {
    kind: ConversationEventKind;
    sourceId: string;
    at: number;
    reporter: string;
    receivedAt: number;
}

export interface BenchmarkRecord {
    id: string;
    target: string;
    source: string;
    metric: string;
    value: number;
    url: string;
    fetchedAt: number;
    reporter: string;
    receivedAt: number;
}

export interface ScoreEntry {
    at: number;
    score: number;
    raw: number;
    cause: string;
}

export interface MinuteSlot extends MinuteRecord {
    /** monitor → time the probe counts were received */
    receivedAt: Record<string, number>;
    /** monitor → id of its report (uptime reports are idempotent per monitor, contract and minute) */
    ids: Record<string, string>;
}

export interface TrustStore {
    /** Earlier layout only (read once by the upgrade migration, then emptied). */
    reporters: Table<string, LegacyReporters>;
    seen: Table<string, string>;
    providers: Table<string, ProviderTrust>;
    contracts: Table<string, ContractTrust>;
    minutes: Table<string, MinuteSlot>;
    feedback: Table<string, Feedback>;
    tenants: Table<string, number>;
    offerings: Table<string, OfferingTrust>;
    market: Table<string, MarketIndex>;
    benchmarks: Table<string, BenchmarkRecord>;
    events: Table<string, SignalLogEntry>;
    history: Table<string, ScoreEntry>;
    /** provider → latest recorded score, for cheap lookups (search filter). */
    scores: Table<string, number>;
    sla: Table<string, SlaRecord>;
    /** contract → monitors its provider or tenant declared. */
    monitors: Table<string, DeclaredMonitor[]>;
    /** provider → its certified summary; leaf bucket → its members; trie node → its forks (the certification tree, certify/summaries.ts). */
    certified: Table<string, CertRecord>;
    /** contract → its serving record while it runs (null once ended). */
    serving: Table<string, Serving | null>;
    /** provider|tenant → what that tenant contributed (sums; the provider record keeps only totals). */
    payers: Table<string, Payer>;
    /** tenant → its paid months with every provider (for its independence from each). */
    histories: Table<string, TenantHistory>;
    /** provider → its standing: what its tenants vouch for it (domain/circles.ts). */
    standing: Table<string, Standing>;
    /** q|p → Σ vouch for q from tenants who also pay p (circular with respect to p). */
    circles: Table<string, number>;
}

export type MonitorSide = 'provider' | 'tenant';

export interface DeclaredMonitor {
    principal: string;
    side: MonitorSide;
    declaredAt: number;
}


/** Contract counters of the layout that kept every running contract and tenant inside the provider record. */
interface InlineContracts extends Omit<ContractStats, 'evidence'> {
    payers: Record<string, Omit<Payer, 'running' | 'startSum' | 'factorSum' | 'factorStartSum' | 'runningValue' | 'capped'>>;
    serving: Record<string, Serving>;
}

export interface Normalised {
    provider: ProviderTrust;
    /** Records to write when the provider's record was of the inline layout (once, on its first update). */
    serving: [string, Serving][];
    payers: [string, Payer][];
}

/**
 * Records of the earliest layout (contract counters of requests, paid or not) start afresh; those
 * that kept running contracts and tenants inline are split into their own records and totals.
 */
export function normaliseProvider(p: ProviderTrust, now = 0): Normalised {
    const c = p.contracts as Partial<InlineContracts> & Partial<ContractStats>;
    const base = { ...p, offeringUptime: p.offeringUptime ?? {} };
    if (c.evidence !== undefined) return { provider: base, serving: [], payers: [] };
    if (c.payers === undefined || c.serving === undefined) return { provider: { ...base, contracts: emptyContractStats() }, serving: [], payers: [] };
    const { payers: inlinePayers, serving: inlineServing, ...counters } = c as InlineContracts;
    const byTenant = new Map<string, Payer>(Object.entries(inlinePayers).map(([t, q]) => [t, { ...emptyPayer(), ...q }]));
    for (const sv of Object.values(inlineServing)) byTenant.set(sv.tenant, withRunning(byTenant.get(sv.tenant) ?? emptyPayer(), sv));
    let stats: ContractStats = { ...counters, evidence: emptyContractStats().evidence };
    const payers: [string, Payer][] = [];
    for (const [tenant, q] of byTenant) {
        const added = addPayer(stats, tenant, q, now);
        stats = added.stats;
        payers.push([`${p.provider}|${tenant}`, added.payer]);
    }
    return { provider: { ...base, contracts: stats }, serving: Object.entries(inlineServing), payers };
}

export const emptyProviderTrust = (provider: string): ProviderTrust => ({
    provider,
    contracts: emptyContractStats(),
    feedback: emptyTally(),
    feedbackDays: emptyRing(DAY, 90),
    responsiveness: emptyResponsiveness(),
    waits: {},
    uptime: emptyUptime(),
    offeringUptime: {},
    offerings: [],
    claimMismatches: {},
    benchmarks: 0,
    signals: 0,
    lastSignalAt: null,
    historyLen: 0,
    lastScore: null
});

export const emptyContractTrust = (contractId: string, provider: string, offeringId: string): ContractTrust => ({
    contractId,
    provider,
    offeringId,
    status: null,
    conversation: newConversation(),
    responsiveness: emptyResponsiveness(),
    uptime: emptyUptime(),
    incidents: [],
    slaPeriods: {},
    slaNext: 0,
    events: 0,
    lastSignalAt: null
});

/** Keys: fixed-width numbers keep per-entity sequences in order. */
export const seqKey = (owner: string, seq: number): string => `${owner}|${seq.toString().padStart(10, '0')}`;
export const MINUTE_SLOTS = 1_440;
export const minuteKey = (contractId: string, minute: number): string => `${contractId}|${(minute / 60) % MINUTE_SLOTS}`;
