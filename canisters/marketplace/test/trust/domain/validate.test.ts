import type { Result } from '../../../src/kernel/result';
import { errorCase } from '../../../src/kernel/error';
import { describe, expect, it } from 'vitest';
import { checkBatchSize, checkBenchmark, checkConversationEvent, checkUptimeReport, type BenchmarkReport, type UptimeReport } from '../../../src/trust/domain/validate';

const NOW = 100 * 86_400;
const kind = (r: Result<unknown>): string => ('Ok' in r ? 'ok' : `${errorCase(r.Err)}:${'InvalidInput' in r.Err ? r.Err.InvalidInput.field : ''}`);

describe('uptime report validation', () => {
    const good: UptimeReport = { id: 'r1', contractId: 'c1', bucketStart: NOW - 600, up: 5, down: 1, latencyMs: 42, source: 'Probe' };
    it.each<{ name: string; patch: Partial<UptimeReport>; want: string }>([
        { name: 'good', patch: {}, want: 'ok' },
        { name: 'empty id', patch: { id: '' }, want: 'InvalidInput:id' },
        { name: 'not minute aligned', patch: { bucketStart: NOW - 601 }, want: 'InvalidInput:bucketStart' },
        { name: 'future', patch: { bucketStart: NOW + 3600 }, want: 'InvalidInput:bucketStart' },
        { name: 'older than a day', patch: { bucketStart: NOW - 2 * 86_400 }, want: 'InvalidInput:bucketStart' },
        { name: 'no probes', patch: { up: 0, down: 0 }, want: 'InvalidInput:up/down' },
        { name: 'negative', patch: { up: -1 }, want: 'InvalidInput:up/down' },
        { name: 'fractional', patch: { up: 1.5 }, want: 'InvalidInput:up/down' },
        { name: 'too many probes', patch: { up: 601 }, want: 'InvalidInput:up/down' },
        { name: 'negative latency', patch: { latencyMs: -1 }, want: 'InvalidInput:latencyMs' },
        { name: 'NaN latency', patch: { latencyMs: Number.NaN }, want: 'InvalidInput:latencyMs' },
        { name: 'five pushed pings in one minute', patch: { source: 'Push', up: 5, down: 0 }, want: 'InvalidInput:up/down' },
        { name: 'one pushed ping', patch: { source: 'Push', up: 1, down: 0 }, want: 'ok' },
        { name: 'Kuma: one state a minute', patch: { source: 'Kuma', up: 0, down: 2 }, want: 'InvalidInput:up/down' }
    ])('$name → $want', ({ patch, want }) => {
        expect(kind(checkUptimeReport({ ...good, ...patch }, NOW, 0))).toBe(want);
    });
});

describe('conversation event validation', () => {
    it.each([
        { name: 'good', e: { id: 'm1', contractId: 'c', kind: 'customer_message' as const, at: NOW }, want: 'ok' },
        { name: 'unknown kind', e: { id: 'm1', contractId: 'c', kind: 'typing' as never, at: NOW }, want: 'InvalidInput:kind' },
        { name: 'future', e: { id: 'm1', contractId: 'c', kind: 'provider_reply' as const, at: NOW + 3600 }, want: 'InvalidInput:at' },
        { name: 'zero time', e: { id: 'm1', contractId: 'c', kind: 'provider_reply' as const, at: 0 }, want: 'InvalidInput:at' }
    ])('$name → $want', ({ e, want }) => expect(kind(checkConversationEvent(e, NOW, 0))).toBe(want));
});

describe('benchmark validation', () => {
    const good: BenchmarkReport = { id: 'b1', target: { offering: 'o1' }, source: 'vpsbenchmarks.com', metric: 'ram_gib', value: 4, url: 'https://vpsbenchmarks.com/x', fetchedAt: NOW - 60 };
    it.each<{ name: string; patch: Partial<BenchmarkReport>; want: string }>([
        { name: 'good', patch: {}, want: 'ok' },
        { name: 'bad metric', patch: { metric: 'RAM GB' }, want: 'InvalidInput:metric' },
        { name: 'negative value', patch: { value: -3 }, want: 'InvalidInput:value' },
        { name: 'infinite value', patch: { value: Infinity }, want: 'InvalidInput:value' },
        { name: 'not a URL', patch: { url: 'javascript:alert(1)' }, want: 'InvalidInput:url' },
        { name: 'empty source', patch: { source: '' }, want: 'InvalidInput:source' },
        { name: 'fetched in the future', patch: { fetchedAt: NOW + 3600 }, want: 'InvalidInput:fetchedAt' },
        { name: 'fetched years ago', patch: { fetchedAt: NOW - 400 * 86_400 }, want: 'InvalidInput:fetchedAt' }
    ])('$name → $want', ({ patch, want }) => expect(kind(checkBenchmark({ ...good, ...patch }, NOW, 0))).toBe(want));
});

describe('batch size', () => {
    it.each([
        { n: 0, want: 'InvalidInput:batch' },
        { n: 1, want: 'ok' },
        { n: 500, want: 'ok' },
        { n: 501, want: 'InvalidInput:batch' }
    ])('$n items → $want', ({ n, want }) => expect(kind(checkBatchSize(n))).toBe(want));
});
