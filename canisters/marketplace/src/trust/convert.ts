// Conversions between Candid values and the trust domain (seconds, text ids).
import { Principal } from 'azle';

import type { ConversationEventKind, ResponsivenessSummary } from './domain/responsiveness';
import { ok, type Result } from '../kernel/result';
import { invalid } from '../kernel/error';
import { NS_PER_SECOND, seconds, toSeconds } from '../kernel/time';
import type { ScoreEntry } from './keeper/state';
import type { BenchmarkReport, ConversationEventReport, UptimeReport, UptimeSource } from './domain/validate';
import type { DayUptime, WindowUptime } from './domain/uptime/aggregate';
import type { BreakdownLine, Flag } from './domain/score/types';
import type { ClaimCheck } from './domain/claims';
import type { ReporterRole } from './keeper/state';

export type Opt<T> = [] | [T];

export const opt = <T>(v: T | null | undefined): Opt<T> => (v === null || v === undefined ? [] : [v]);
export const toNs = (s: number): bigint => seconds(Math.round(s));
export const optNs = (s: number | null | undefined): Opt<bigint> => opt(s === null || s === undefined ? null : toNs(s));
export const fromNs = (ns: bigint): number => toSeconds(ns);
export const principal = (text: string): Principal => Principal.fromText(text);
const nat = (x: number): number => Math.max(0, Math.round(x));

/** The reply of a fallible method: errors are Candid-shaped already (kernel/error.ts). */
export function toCandid<T, U>(r: Result<T>, f: (v: T) => U): Result<U> {
    return 'Ok' in r ? { Ok: f(r.Ok) } : r;
}

export type Variant<K extends string> = { [P in K]: { [Q in P]: null } }[K];

export const roleOf = (v: Variant<'Relay' | 'Monitor'>): ReporterRole => ('Relay' in v ? 'relay' : 'monitor');
export const roleVariant = (r: ReporterRole): Variant<'Relay' | 'Monitor'> => (r === 'relay' ? { Relay: null } : { Monitor: null });

const KIND: Record<string, ConversationEventKind> = { CustomerMessage: 'customer_message', ProviderReply: 'provider_reply', BotHandoff: 'bot_handoff' };

export interface CandidEvent {
    id: string;
    contractId: bigint;
    kind: Variant<'CustomerMessage' | 'ProviderReply' | 'BotHandoff'>;
    at: bigint;
}

export const eventFromCandid = (e: CandidEvent): ConversationEventReport => ({
    id: e.id,
    contractId: e.contractId.toString(),
    kind: KIND[Object.keys(e.kind)[0]!]!,
    at: fromNs(e.at)
});

export interface CandidUptime {
    id: string;
    contractId: bigint;
    bucketStart: bigint;
    up: number;
    down: number;
    latencyMs: number;
    source: Opt<Variant<UptimeSource>>;
}

/** Bucket starts must be whole seconds so that minute alignment is checked on the real value. */
export function uptimeFromCandid(list: readonly CandidUptime[]): Result<UptimeReport[]> {
    const out: UptimeReport[] = [];
    for (const [i, r] of list.entries()) {
        if (r.bucketStart % NS_PER_SECOND !== 0n) return invalid('bucketStart', 'must be a whole minute', i);
        out.push({ id: r.id, contractId: r.contractId.toString(), bucketStart: fromNs(r.bucketStart), up: r.up, down: r.down, latencyMs: r.latencyMs, source: r.source.length === 0 ? 'Probe' : (Object.keys(r.source[0])[0] as UptimeSource) });
    }
    return ok(out);
}

export interface CandidBenchmark {
    id: string;
    target: { Provider: Principal } | { Offering: bigint };
    source: string;
    metric: string;
    value: number;
    url: string;
    fetchedAt: bigint;
}

export const benchmarkFromCandid = (b: CandidBenchmark): BenchmarkReport => ({
    id: b.id,
    target: 'Provider' in b.target ? { provider: b.target.Provider.toText() } : { offering: b.target.Offering.toString() },
    source: b.source,
    metric: b.metric,
    value: b.value,
    url: b.url,
    fetchedAt: fromNs(b.fetchedAt)
});

export const windowCandid = (w: WindowUptime) => ({
    upMinutes: nat(w.upMinutes),
    downMinutes: nat(w.downMinutes),
    tiedMinutes: nat(w.tiedMinutes),
    disputedMinutes: nat(w.disputedMinutes),
    uptime: opt(w.uptime),
    targetPct: opt(w.targetBps === null ? null : w.targetBps / 100),
    allowedDownMinutes: w.allowedDownMinutes,
    remainingBudgetMinutes: w.remainingBudgetMinutes,
    compliant: opt(w.compliant),
    avgLatencyMs: opt(w.avgLatencyMs)
});

export const windowsCandid = (u: { day: WindowUptime; week: WindowUptime; month: WindowUptime; daily: DayUptime[] }) => ({
    day: windowCandid(u.day),
    week: windowCandid(u.week),
    month: windowCandid(u.month),
    daily: u.daily.map((d) => ({ dayStart: toNs(d.dayStart), upMinutes: d.upMinutes, downMinutes: d.downMinutes, ratio: opt(d.ratio) }))
});

export const responsivenessCandid = (r: ResponsivenessSummary) => ({
    firstResponseMedianSecs: opt(r.firstResponseMedian),
    firstResponseP90Secs: opt(r.firstResponseP90),
    replyMedianSecs: opt(r.replyMedian),
    replyP90Secs: opt(r.replyP90),
    measured: r.measured,
    withinTargetShare: opt(r.withinTargetShare),
    breaches: r.breaches
});

export const flagCandid = (f: Flag) => ({ code: f.code, message: f.message, critical: f.critical, since: optNs(f.since) });

export const ruleCandid = (r: BreakdownLine) => ({
    rule: r.rule,
    label: r.label,
    points: r.weighted,
    rulePoints: Math.round(r.points),
    detail: r.detail,
    text: r.text,
    inputs: Object.entries(r.inputs).map(([k, v]) => [k, String(v)] as [string, string])
});

export const historyCandid = (e: ScoreEntry) => ({ at: toNs(e.at), score: e.score, raw: e.raw, cause: e.cause });

export const claimCandid = (c: ClaimCheck) => ({ metric: c.metric, claimed: c.claimed, measured: c.measured, deltaPct: c.deltaPct, ok: c.ok });

export const outvotedCandid = (o: Record<string, number>): [string, number][] => Object.entries(o).filter(([, n]) => n !== 0);
