import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { BenchmarkParseError, parseJsonFeed, parseServerVerify, parseVpsBenchmarks } from '../src/benchmarks/parsers.js';
import { Harness, until } from './support/harness.js';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, 'fixtures', name), 'utf8');
const ref = { url: 'https://example.test/page', providerId: 'prov-1' };

describe('benchmark parsers on saved pages', () => {
    it('reads the serververify results table, skipping untested plans', () => {
        const reports = parseServerVerify(fixture('serververify-hetzner.html'), ref);
        expect(reports).toHaveLength(2);
        expect(reports[0]).toMatchObject({
            source: 'serververify',
            subject: 'CX22',
            providerId: 'prov-1',
            measuredAt: Date.parse('2026-11-02T06:30:00Z'),
            cpuScore: 1512,
            diskReadMBps: 1840.5,
            diskWriteMBps: 1102,
            networkMbps: 1200,
            uptimePercent: 99.98,
            monthlyPriceUsd: 4.59
        });
        expect(reports[1]).toMatchObject({ subject: 'CPX31', networkMbps: 940 });
        expect(reports[0]?.id).toMatch(/^bm:[0-9a-f]{32}$/);
    });

    it('reads a vpsbenchmarks plan page', () => {
        expect(parseVpsBenchmarks(fixture('vpsbenchmarks-cx22.html'), ref)).toEqual([
            expect.objectContaining({
                source: 'vpsbenchmarks',
                subject: 'Hetzner CX22',
                measuredAt: Date.parse('2026-10-28T00:00:00Z'),
                cpuScore: 1498,
                diskReadMBps: 612.4,
                diskWriteMBps: 488.9,
                networkMbps: 1100,
                monthlyPriceUsd: 4.59,
                uptimePercent: null
            })
        ]);
    });

    it('reads a JSON feed, skipping incomplete items', () => {
        const reports = parseJsonFeed(fixture('benchmark-feed.json'), ref);
        expect(reports.map((r) => [r.subject, r.cpuScore, r.diskWriteMBps, r.uptimePercent])).toEqual([
            ['acme-s1', 1320, 640, 99.9],
            ['acme-m2', 1410, null, null]
        ]);
    });

    it('gives stable ids, so re-collecting the same page adds nothing', () => {
        const a = parseServerVerify(fixture('serververify-hetzner.html'), ref).map((r) => r.id);
        const b = parseServerVerify(fixture('serververify-hetzner.html'), ref).map((r) => r.id);
        expect(a).toEqual(b);
    });

    it('refuses pages that are not what they should be', () => {
        expect(() => parseServerVerify('<html><body>maintenance</body></html>', ref)).toThrow(BenchmarkParseError);
        expect(() => parseVpsBenchmarks(fixture('serververify-hetzner.html'), ref)).toThrow(BenchmarkParseError);
        expect(() => parseJsonFeed('<html>', ref)).toThrow(BenchmarkParseError);
    });
});

describe('benchmark collector', () => {
    let h: Harness;
    afterEach(async () => h.stop());

    it('fetches configured sources and forwards reports once', async () => {
        const pages = createServer((req, res) => {
            const body = req.url === '/sv' ? fixture('serververify-hetzner.html') : fixture('benchmark-feed.json');
            res.writeHead(200, { 'content-type': req.url === '/sv' ? 'text/html' : 'application/json' }).end(body);
        });
        await new Promise<void>((r) => pages.listen(0, '127.0.0.1', () => r()));
        const port = (pages.address() as { port: number }).port;
        const sources = [
            { kind: 'serververify', url: `http://127.0.0.1:${port}/sv`, providerId: 'prov-1' },
            { kind: 'json_feed', url: `http://127.0.0.1:${port}/feed`, providerId: 'prov-2' }
        ];
        h = await new Harness().start({ BENCHMARK_SOURCES: JSON.stringify(sources) });
        await until(() => h.gateway.benchmarks.size === 4);
        expect(await h.relay.collector.collectAll()).toBe(0);
        expect(h.gateway.calls.filter((c) => c.method === 'submitBenchmarkReports').reduce((n, c) => n + c.size, 0)).toBe(4);
        pages.close();
    });
});
