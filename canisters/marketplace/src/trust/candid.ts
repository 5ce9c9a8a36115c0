// Candid types of the trust methods. Times are nanoseconds (nat64) like the rest of the canister.
import { ResultIdl } from '../kernel/error';
import { IDL } from 'azle';
import { SOURCE_NAMES } from './domain/uptime/sources';

const Opt = IDL.Opt;
const Pair = (a: IDL.Type, b: IDL.Type) => IDL.Tuple(a, b);

/** Trust replies carry the canister's one error type. */
export const TrustResult = ResultIdl;

export const ReporterRoleIdl = IDL.Variant({ Relay: IDL.Null, Monitor: IDL.Null });
/** An entry of the one reporter list (roles: Relay, Monitor or both; addedBy absent for init/upgrade arguments). */
/** A provider's standing as others' history elsewhere (domain/circles.ts): whether it is an anchor, vouched and paid months. */
export const ProviderStandingIdl = IDL.Record({ provider: IDL.Principal, anchor: IDL.Bool, vouchedMonths: IDL.Float64, paidMonths: IDL.Float64 });
export const ReporterIdl = IDL.Record({ principal: IDL.Principal, roles: IDL.Vec(ReporterRoleIdl), addedAt: IDL.Nat64, addedBy: IDL.Opt(IDL.Principal) });

export const BatchOutcomeIdl = IDL.Record({ applied: IDL.Nat32, duplicates: IDL.Nat32 });

export const ConversationEventIdl = IDL.Record({
    id: IDL.Text,
    contractId: IDL.Nat64,
    kind: IDL.Variant({ CustomerMessage: IDL.Null, ProviderReply: IDL.Null, BotHandoff: IDL.Null }),
    at: IDL.Nat64
});

export const UptimeReportIdl = IDL.Record({
    id: IDL.Text,
    contractId: IDL.Nat64,
    bucketStart: IDL.Nat64,
    up: IDL.Nat32,
    down: IDL.Nat32,
    latencyMs: IDL.Float64,
    /** Absent = Probe (the reporter's own probes). One variant per entry of domain/uptime/sources.ts. */
    source: Opt(IDL.Variant(Object.fromEntries(SOURCE_NAMES.map((n) => [n, IDL.Null]))))
});

export const MonitorSideIdl = IDL.Variant({ Provider: IDL.Null, Tenant: IDL.Null });
export const DeclaredMonitorIdl = IDL.Record({ principal: IDL.Principal, side: MonitorSideIdl, declaredAt: IDL.Nat64 });
export const ContractMonitorsIdl = IDL.Record({ platform: IDL.Vec(IDL.Principal), declared: IDL.Vec(DeclaredMonitorIdl) });

export const BenchmarkTargetIdl = IDL.Variant({ Provider: IDL.Principal, Offering: IDL.Nat64 });
export const BenchmarkIdl = IDL.Record({
    id: IDL.Text,
    target: BenchmarkTargetIdl,
    source: IDL.Text,
    metric: IDL.Text,
    value: IDL.Float64,
    url: IDL.Text,
    fetchedAt: IDL.Nat64
});

export const FeedbackAnswerIdl = IDL.Record({ matchedDescription: IDL.Bool, wouldRentAgain: IDL.Bool });
export const FeedbackIdl = IDL.Record({ contractId: IDL.Nat64, tenant: IDL.Principal, at: IDL.Nat64, matchedDescription: IDL.Bool, wouldRentAgain: IDL.Bool, counted: IDL.Bool });

export const FlagIdl = IDL.Record({ code: IDL.Text, message: IDL.Text, critical: IDL.Bool, since: Opt(IDL.Nat64) });
/** `points` is what the line adds to the published score (the lines sum to it); `rulePoints` before the evidence weight. */
export const RuleLineIdl = IDL.Record({
    rule: IDL.Text,
    label: IDL.Text,
    points: IDL.Int32,
    rulePoints: IDL.Int32,
    detail: IDL.Text,
    text: IDL.Text,
    inputs: IDL.Vec(Pair(IDL.Text, IDL.Text))
});
export const ScoreEntryIdl = IDL.Record({ at: IDL.Nat64, score: IDL.Nat8, raw: IDL.Nat8, cause: IDL.Text });

export const WindowIdl = IDL.Record({
    upMinutes: IDL.Nat32,
    downMinutes: IDL.Nat32,
    tiedMinutes: IDL.Nat32,
    disputedMinutes: IDL.Nat32,
    uptime: Opt(IDL.Float64),
    targetPct: Opt(IDL.Float64),
    allowedDownMinutes: IDL.Float64,
    remainingBudgetMinutes: IDL.Float64,
    compliant: Opt(IDL.Bool),
    avgLatencyMs: Opt(IDL.Float64)
});
/** One UTC day of the 30-day uptime chart. */
export const UptimeDayIdl = IDL.Record({ dayStart: IDL.Nat64, upMinutes: IDL.Nat32, downMinutes: IDL.Nat32, ratio: Opt(IDL.Float64) });
export const UptimeWindowsIdl = IDL.Record({ day: WindowIdl, week: WindowIdl, month: WindowIdl, daily: IDL.Vec(UptimeDayIdl) });

export const ResponsivenessIdl = IDL.Record({
    firstResponseMedianSecs: Opt(IDL.Float64),
    firstResponseP90Secs: Opt(IDL.Float64),
    replyMedianSecs: Opt(IDL.Float64),
    replyP90Secs: Opt(IDL.Float64),
    measured: IDL.Nat32,
    withinTargetShare: Opt(IDL.Float64),
    breaches: IDL.Nat32
});

export const ClaimIdl = IDL.Record({ metric: IDL.Text, claimed: IDL.Float64, measured: IDL.Float64, deltaPct: IDL.Float64, ok: IDL.Bool });
export const OfferingMarketIdl = IDL.Record({
    offeringId: IDL.Nat64,
    pricePerUnit: Opt(IDL.Float64),
    marketMedian: Opt(IDL.Float64),
    comparables: IDL.Nat32,
    deltaPct: Opt(IDL.Float64),
    label: IDL.Text,
    anomaly: Opt(IDL.Text),
    name: IDL.Text,
    /** In the market price index (active, and paid for and served). */
    indexed: IDL.Bool,
    claims: IDL.Vec(ClaimIdl)
});

/** Counters of paid contracts only (unpaid requests are no evidence and are not counted). */
export const ContractCountsIdl = IDL.Record({
    paidRequests: IDL.Nat32,
    provisioned: IDL.Nat32,
    rejected: IDL.Nat32,
    provisioningFailed: IDL.Nat32,
    expiredUnanswered: IDL.Nat32,
    cancelled: IDL.Nat32,
    cancelledBeforeStart: IDL.Nat32,
    cancelledAfterStart: IDL.Nat32,
    earlyCancelled: IDL.Nat32,
    completed: IDL.Nat32,
    running: IDL.Nat32,
    repeatCustomers: IDL.Nat32,
    stuckRequested: IDL.Nat32,
    stuckAccepted: IDL.Nat32
});

export const EvidenceIdl = IDL.Record({
    months: IDL.Float64,
    payers: IDL.Nat32,
    repeatCustomers: IDL.Nat32,
    topTimeShare: Opt(IDL.Float64),
    topValueShare: Opt(IDL.Float64),
    servedSeconds: IDL.Float64,
    weight: IDL.Float64,
    text: IDL.Text,
    /** Tenants with history elsewhere (at most two thirds of their paid months went to this provider). */
    independentTenants: IDL.Nat32,
    /** What they are worth in full: each counts its months elsewhere ÷ 2, at most 1; 80 needs 5. */
    breadth: IDL.Float64,
    /** Days of service the platform measured up in the last 30 days. */
    measuredDays: IDL.Float64,
    /** Paid months the score counts (within the breadth limits). */
    countedMonths: IDL.Float64,
    /** "9 tenants, 7 with history elsewhere, 21.2 days of measured service in 30 days". */
    restsOn: IDL.Text
});

/** One offering's 30-day uptime against its own target (one service target per offering). */
export const OfferingUptimeIdl = IDL.Record({
    offeringId: IDL.Nat64,
    name: IDL.Text,
    targetPct: IDL.Float64,
    upMinutes: IDL.Nat32,
    downMinutes: IDL.Nat32,
    incidents: IDL.Nat32,
    uptime: Opt(IDL.Float64)
});

export const FeedbackTallyIdl = IDL.Record({ matchedYes: IDL.Nat32, matchedNo: IDL.Nat32, againYes: IDL.Nat32, againNo: IDL.Nat32, net90d: IDL.Int32 });

export const ProfileIdl = IDL.Record({
    provider: IDL.Principal,
    score: IDL.Nat8,
    raw: IDL.Nat8,
    /** Sorting key: lower confidence bound of the score. */
    rank: IDL.Nat8,
    evidence: IDL.Float64,
    evidenceDetail: EvidenceIdl,
    offeringUptime: IDL.Vec(OfferingUptimeIdl),
    tenure: IDL.Text,
    critical: IDL.Bool,
    warnBeforeCheckout: IDL.Bool,
    flags: IDL.Vec(FlagIdl),
    breakdown: IDL.Vec(RuleLineIdl),
    contracts: ContractCountsIdl,
    completionRate: Opt(IDL.Float64),
    reliability: Opt(IDL.Float64),
    responsiveness: ResponsivenessIdl,
    silentSince: Opt(IDL.Nat64),
    silentContracts: IDL.Vec(IDL.Nat64),
    feedback: FeedbackTallyIdl,
    uptime: UptimeWindowsIdl,
    incidents: IDL.Nat32,
    outvotedMonitors: IDL.Vec(Pair(IDL.Text, IDL.Int32)),
    offerings: IDL.Vec(OfferingMarketIdl),
    benchmarks: IDL.Nat32,
    signals: IDL.Nat32,
    lastSignalAt: Opt(IDL.Nat64),
    firstContractAt: Opt(IDL.Nat64),
    registeredAt: Opt(IDL.Nat64),
    history: IDL.Vec(ScoreEntryIdl)
});

export const CardIdl = IDL.Record({
    provider: IDL.Principal,
    score: IDL.Nat8,
    rank: IDL.Nat8,
    evidenceText: IDL.Text,
    tenure: IDL.Text,
    critical: IDL.Bool,
    warnBeforeCheckout: IDL.Bool,
    silentSince: Opt(IDL.Nat64),
    uptime30d: Opt(IDL.Float64),
    flags: IDL.Vec(IDL.Text)
});

export const SlaRecordIdl = IDL.Record({
    period: IDL.Nat32,
    start: IDL.Nat64,
    end: IDL.Nat64,
    outcome: IDL.Text,
    uptimeBps: Opt(IDL.Nat32),
    coverageBps: IDL.Nat32,
    creditBps: IDL.Nat32,
    credit: IDL.Nat,
    credited: IDL.Nat,
    paid: IDL.Bool,
    note: IDL.Text,
    settledAt: IDL.Nat64
});

export const SignalLogIdl = IDL.Record({ kind: IDL.Text, sourceId: IDL.Text, at: IDL.Nat64, reporter: IDL.Principal, receivedAt: IDL.Nat64 });

export const ContractSignalsIdl = IDL.Record({
    contractId: IDL.Nat64,
    provider: IDL.Principal,
    responseTargetSecs: IDL.Nat32,
    waitingSince: Opt(IDL.Nat64),
    silentSince: Opt(IDL.Nat64),
    lastReplyAt: Opt(IDL.Nat64),
    responsiveness: ResponsivenessIdl,
    uptime: UptimeWindowsIdl,
    incidentCount: IDL.Nat32,
    longestIncidentMinutes: IDL.Nat32,
    recentIncidents: IDL.Vec(Pair(IDL.Nat64, IDL.Nat64)),
    outvotedMonitors: IDL.Vec(Pair(IDL.Text, IDL.Int32)),
    sla: IDL.Vec(SlaRecordIdl),
    feedback: Opt(FeedbackIdl),
    recentEvents: IDL.Vec(SignalLogIdl)
});

export const CertifiedSummaryIdl = IDL.Record({ summary: IDL.Text, certificate: IDL.Vec(IDL.Nat8), witness: IDL.Vec(IDL.Nat8) });

/** Names of the trust half's Candid types in the .did and the bindings (scripts/candid-names.ts proves them against Azle's .did). */
export const CANDID_NAMES = {
    ReporterRole: ReporterRoleIdl, Reporter: ReporterIdl, BatchOutcome: BatchOutcomeIdl,
    ConversationEvent: ConversationEventIdl, UptimeReport: UptimeReportIdl, MonitorSide: MonitorSideIdl, DeclaredMonitor: DeclaredMonitorIdl,
    ContractMonitors: ContractMonitorsIdl, BenchmarkTarget: BenchmarkTargetIdl, Benchmark: BenchmarkIdl, FeedbackAnswer: FeedbackAnswerIdl,
    Feedback: FeedbackIdl, TrustFlag: FlagIdl, RuleLine: RuleLineIdl, ScoreEntry: ScoreEntryIdl, UptimeWindow: WindowIdl, UptimeDay: UptimeDayIdl,
    UptimeWindows: UptimeWindowsIdl, Responsiveness: ResponsivenessIdl, OfferingClaim: ClaimIdl, OfferingMarket: OfferingMarketIdl,
    ContractCounts: ContractCountsIdl, Evidence: EvidenceIdl, OfferingUptime: OfferingUptimeIdl, FeedbackTally: FeedbackTallyIdl,
    TrustProfile: ProfileIdl, TrustCard: CardIdl, SlaRecord: SlaRecordIdl, SignalEntry: SignalLogIdl, ContractSignals: ContractSignalsIdl,
    CertifiedTrustSummary: CertifiedSummaryIdl, ResultReporters: TrustResult(IDL.Vec(ReporterIdl)), ResultBatch: TrustResult(BatchOutcomeIdl),
    ResultMonitors: TrustResult(IDL.Vec(DeclaredMonitorIdl)), ResultFeedback: TrustResult(FeedbackIdl),
    ResultSlaRecords: TrustResult(IDL.Vec(SlaRecordIdl)), ProviderStanding: ProviderStandingIdl, ResultProviderStanding: TrustResult(ProviderStandingIdl)
};
