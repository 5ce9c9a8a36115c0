import type { ConversationEventKind } from './responsiveness';
import { ok, type Result } from '../../kernel/result';
import { invalid } from '../../kernel/error';
import { DAY, MINUTE } from './time';
import { isUptimeSource, sourceSpec, type UptimeSource } from './uptime/sources';

export const MAX_BATCH = 500;
export const MAX_CLOCK_SKEW = 5 * MINUTE;
export const MINUTE_RETENTION = DAY;
export const MAX_PROBES_PER_MINUTE = 600;
export const MAX_LATENCY_MS = 600_000;
export const BENCHMARK_MAX_AGE = 365 * DAY;
/** After a contract closes, only the provider's answer to a waiting message counts, for this long. */
export const CHAT_GRACE_AFTER_CLOSE = 3 * DAY;
/** Monitors the provider or the tenant may declare per contract. */
export const MAX_DECLARED_MONITORS = 4;

export interface ConversationEventReport {
    id: string;
    contractId: string;
    kind: ConversationEventKind;
    at: number;
}

export type { UptimeSource };

export interface UptimeReport {
    id: string;
    contractId: string;
    bucketStart: number;
    up: number;
    down: number;
    latencyMs: number;
    source: UptimeSource;
}

export type BenchmarkTarget = { provider: string } | { offering: string };

export interface BenchmarkReport {
    id: string;
    target: BenchmarkTarget;
    source: string;
    metric: string;
    value: number;
    url: string;
    fetchedAt: number;
}

const KINDS: readonly string[] = ['customer_message', 'provider_reply', 'bot_handoff'];

function checkId(id: string, index: number): Result<true> {
    if (id.length === 0 || id.length > 128) return invalid('id', 'must be 1–128 characters', index);
    return ok(true);
}

const isCount = (x: number): boolean => Number.isInteger(x) && x >= 0;

export function checkBatchSize(n: number): Result<true> {
    if (n === 0) return invalid('batch', 'is empty');
    if (n > MAX_BATCH) return invalid('batch', `has ${n} items, at most ${MAX_BATCH} allowed`);
    return ok(true);
}

export function checkConversationEvent(e: ConversationEventReport, now: number, index: number): Result<true> {
    const id = checkId(e.id, index);
    if ('Err' in id) return id;
    if (!KINDS.includes(e.kind)) return invalid('kind', `unknown event kind ${e.kind}`, index);
    if (!Number.isFinite(e.at) || e.at <= 0) return invalid('at', 'must be a positive time', index);
    if (e.at > now + MAX_CLOCK_SKEW) return invalid('at', 'is in the future', index);
    return ok(true);
}

export function checkUptimeReport(r: UptimeReport, now: number, index: number): Result<true> {
    const id = checkId(r.id, index);
    if ('Err' in id) return id;
    if (!Number.isInteger(r.bucketStart) || r.bucketStart % MINUTE !== 0) return invalid('bucketStart', 'must be a whole minute', index);
    if (r.bucketStart > now + MAX_CLOCK_SKEW) return invalid('bucketStart', 'is in the future', index);
    if (r.bucketStart < now - MINUTE_RETENTION) return invalid('bucketStart', 'is older than 24 h', index);
    if (!isCount(r.up) || !isCount(r.down)) return invalid('up/down', 'must be non-negative integers', index);
    if (r.up + r.down === 0) return invalid('up/down', 'a bucket needs at least one probe', index);
    if (r.up + r.down > MAX_PROBES_PER_MINUTE) return invalid('up/down', `at most ${MAX_PROBES_PER_MINUTE} probes per minute`, index);
    if (!isUptimeSource(r.source)) return invalid('source', `unknown source ${String(r.source)}`, index);
    if (sourceSpec(r.source).oneSample && r.up + r.down > 1) return invalid('up/down', `a ${r.source} source gives at most one sample per minute`, index);
    if (!Number.isFinite(r.latencyMs) || r.latencyMs < 0 || r.latencyMs > MAX_LATENCY_MS) return invalid('latencyMs', `must be within 0–${MAX_LATENCY_MS}`, index);
    return ok(true);
}

export function checkBenchmark(b: BenchmarkReport, now: number, index: number): Result<true> {
    const id = checkId(b.id, index);
    if ('Err' in id) return id;
    if (b.source.length === 0 || b.source.length > 64) return invalid('source', 'must be 1–64 characters', index);
    if (!/^[a-z0-9_]{1,32}$/.test(b.metric)) return invalid('metric', 'must match [a-z0-9_]{1,32}', index);
    if (!Number.isFinite(b.value) || b.value < 0 || b.value > 1e12) return invalid('value', 'must be a finite number within 0–1e12', index);
    if (!/^https?:\/\/[^\s]{1,500}$/.test(b.url)) return invalid('url', 'must be an http(s) URL under 500 characters', index);
    if (b.fetchedAt > now + MAX_CLOCK_SKEW) return invalid('fetchedAt', 'is in the future', index);
    if (b.fetchedAt < now - BENCHMARK_MAX_AGE) return invalid('fetchedAt', 'is older than a year', index);
    return ok(true);
}
