import { Principal } from '@dfinity/principal';
import type { BenchmarkReport, ContractRecord, ConversationEvent, ProviderRecord, UptimeMinute } from './types.js';

/** Conversions between the relay's records and the canister's Candid values. Times: ms ↔ ns. */
export const msToNs = (ms: number): bigint => BigInt(Math.round(ms)) * 1_000_000n;
export const nsToMs = (ns: bigint): number => Number(ns / 1_000_000n);

export class ConversionError extends Error {
    override readonly name = 'ConversionError';
}

export function contractIdToNat(id: string): bigint {
    if (!/^\d{1,20}$/.test(id)) throw new ConversionError(`contract id ${JSON.stringify(id)} is not a nat64`);
    return BigInt(id);
}

const KIND = { customer_message: 'CustomerMessage', provider_reply: 'ProviderReply', bot_handoff: 'BotHandoff' } as const;

export function conversationEventOut(e: ConversationEvent) {
    return { id: e.id, contractId: contractIdToNat(e.contractId), kind: { [KIND[e.kind]]: null }, at: msToNs(e.at) };
}

export function uptimeOut(m: UptimeMinute) {
    return { id: m.id, contractId: contractIdToNat(m.contractId), bucketStart: msToNs(m.minuteStart), up: m.up, down: m.down, latencyMs: m.avgLatencyMs ?? 0 };
}

const METRICS = ['cpuScore', 'diskReadMBps', 'diskWriteMBps', 'networkMbps', 'uptimePercent', 'monthlyPriceUsd'] as const;

/** One report becomes one Candid record per measured metric (ids `<report id>:<metric>`). */
export function benchmarkOut(r: BenchmarkReport) {
    let target: { Provider: Principal };
    try {
        target = { Provider: Principal.fromText(r.providerId) };
    } catch {
        throw new ConversionError(`provider id ${r.providerId} is not a principal`);
    }
    return METRICS.flatMap((metric) => {
        const value = r[metric];
        if (value === null) return [];
        return [{ id: `${r.id}:${metric}`, target, source: `${r.source}:${r.subject}`, metric, value, url: r.url, fetchedAt: msToNs(r.measuredAt) }];
    });
}

export interface ContractCandid {
    id: bigint;
    provider: Principal;
    tenant: Principal;
    token: string;
    status: Record<string, null>;
    createdAt: bigint;
    total: bigint;
    deposited: bigint;
    quote: [] | [{ hours: number; amount: bigint; setupFee: bigint }];
    connection: [] | [string];
}

export interface ProviderCandid {
    id: Principal;
    name: string;
    contacts: { kind: string; value: string }[];
}

export const statusOf = (c: ContractCandid): string => Object.keys(c.status)[0] ?? 'Unknown';

export function contractRecordIn(c: ContractCandid): ContractRecord {
    return { contractId: c.id.toString(), providerId: c.provider.toText(), tenantId: c.tenant.toText(), status: statusOf(c), createdAt: nsToMs(c.createdAt) };
}

export function providerRecordIn(p: ProviderCandid): ProviderRecord {
    const email = p.contacts.find((c) => c.kind.toLowerCase() === 'email')?.value ?? null;
    return { providerId: p.id.toText(), name: p.name, email };
}

/** A connection string's probe target: a URL, `tcp://host:port`, or `host:port` (as TCP). */
export function endpointOf(connection: string): string | null {
    const first = connection.trim().split(/\s+/)[0] ?? '';
    if (/^(https?|tcp):\/\/[^\s/]+/.test(first)) return first;
    if (/^[\w.-]+:\d{1,5}$/.test(first)) return `tcp://${first}`;
    return null;
}
