import { createHash } from 'node:crypto';
import type { BenchmarkReport } from '../gateway/types.js';
import { dateIn, mbps, numberIn, tables, textOf } from './html.js';

export class BenchmarkParseError extends Error {
    override readonly name = 'BenchmarkParseError';
}

export interface SourceRef {
    url: string;
    providerId: string;
}

export function reportId(source: string, url: string, subject: string, measuredAt: number): string {
    return 'bm:' + createHash('sha256').update(`${source}|${url}|${subject}|${measuredAt}`).digest('hex').slice(0, 32);
}

type Fields = Omit<BenchmarkReport, 'id' | 'providerId' | 'source' | 'url'>;

function report(source: BenchmarkReport['source'], ref: SourceRef, f: Fields): BenchmarkReport {
    return { id: reportId(source, ref.url, f.subject, f.measuredAt), providerId: ref.providerId, source, url: ref.url, ...f };
}

/**
 * serververify.com provider page: a table of tested plans, one row per plan, columns found by
 * their headings (Plan, CPU score, Disk read, Disk write, Network, Uptime, Tested).
 */
export function parseServerVerify(html: string, ref: SourceRef): BenchmarkReport[] {
    const table = tables(html, 'benchmark')[0] ?? tables(html)[0];
    if (!table || table.length < 2) throw new BenchmarkParseError('serververify: no results table');
    const head = (table[0] ?? []).map((h) => h.toLowerCase());
    const col = (...keys: string[]): number => head.findIndex((h) => keys.every((k) => h.includes(k)));
    const c = { plan: col('plan'), cpu: col('cpu'), read: col('read'), write: col('write'), net: col('network'), up: col('uptime'), at: col('tested'), price: col('price') };
    if (c.plan < 0 || c.at < 0) throw new BenchmarkParseError('serververify: table lacks Plan or Tested columns');
    return table.slice(1).flatMap((row) => {
        const measuredAt = dateIn(row[c.at] ?? '');
        const subject = row[c.plan] ?? '';
        if (measuredAt === null || subject === '') return [];
        return [
            report('serververify', ref, {
                subject,
                measuredAt,
                cpuScore: numberIn(row[c.cpu]),
                diskReadMBps: numberIn(row[c.read]),
                diskWriteMBps: numberIn(row[c.write]),
                networkMbps: mbps(row[c.net]),
                uptimePercent: numberIn(row[c.up]),
                monthlyPriceUsd: numberIn(row[c.price])
            })
        ];
    });
}

/**
 * vpsbenchmarks.com plan page: the plan name in <h1>, two-column tables of results and plan facts
 * ("Geekbench 6 single-core", "Disk read", "Disk write", "Network download", "Price") and
 * "Tested on <date>".
 */
export function parseVpsBenchmarks(html: string, ref: SourceRef): BenchmarkReport[] {
    const subject = textOf(/<h1\b[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1] ?? '');
    const measuredAt = dateIn(/tested on[^<]*?(\d{4}-\d{2}-\d{2})/i.exec(html)?.[1] ?? '');
    if (!subject || measuredAt === null) throw new BenchmarkParseError('vpsbenchmarks: no plan name or test date');
    const kv = new Map<string, string>();
    for (const t of tables(html)) for (const [k, v] of t) if (k && v && !kv.has(k.toLowerCase())) kv.set(k.toLowerCase(), v);
    if (kv.size === 0) throw new BenchmarkParseError('vpsbenchmarks: no results table');
    const find = (...keys: string[]): string | undefined => [...kv.entries()].find(([k]) => keys.every((w) => k.includes(w)))?.[1];
    return [
        report('vpsbenchmarks', ref, {
            subject,
            measuredAt,
            cpuScore: numberIn(find('single')) ?? numberIn(find('cpu')),
            diskReadMBps: numberIn(find('disk', 'read')),
            diskWriteMBps: numberIn(find('disk', 'write')),
            networkMbps: mbps(find('network')),
            uptimePercent: numberIn(find('uptime')),
            monthlyPriceUsd: numberIn(find('price'))
        })
    ];
}

interface FeedItem {
    subject?: unknown;
    measuredAt?: unknown;
    cpuScore?: unknown;
    disk?: { readMBps?: unknown; writeMBps?: unknown };
    networkMbps?: unknown;
    uptimePercent?: unknown;
    priceUsd?: unknown;
}

/** A JSON feed: `{ "reports": [{ subject, measuredAt (ISO), cpuScore, disk: {readMBps, writeMBps}, networkMbps, uptimePercent, priceUsd }] }`. */
export function parseJsonFeed(text: string, ref: SourceRef): BenchmarkReport[] {
    let body: { reports?: FeedItem[] };
    try {
        body = JSON.parse(text) as { reports?: FeedItem[] };
    } catch {
        throw new BenchmarkParseError('json feed: not JSON');
    }
    if (!Array.isArray(body.reports)) throw new BenchmarkParseError('json feed: no reports array');
    return body.reports.flatMap((r) => {
        const measuredAt = typeof r.measuredAt === 'string' ? Date.parse(r.measuredAt) : NaN;
        if (typeof r.subject !== 'string' || r.subject === '' || Number.isNaN(measuredAt)) return [];
        return [
            report('json_feed', ref, {
                subject: r.subject,
                measuredAt,
                cpuScore: num(r.cpuScore),
                diskReadMBps: num(r.disk?.readMBps),
                diskWriteMBps: num(r.disk?.writeMBps),
                networkMbps: num(r.networkMbps),
                uptimePercent: num(r.uptimePercent),
                monthlyPriceUsd: num(r.priceUsd)
            })
        ];
    });
}

function num(v: unknown): number | null {
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export const PARSERS = { serververify: parseServerVerify, vpsbenchmarks: parseVpsBenchmarks, json_feed: parseJsonFeed } as const;
