import { Principal } from '@dfinity/principal';
import type { BenchmarkCandid, ContractCandid, ConversationEventCandid, ProbeTargetCandid, ProviderCandid, UptimeReportCandid } from './candid.js';
import type { BenchmarkReport, ContractRecord, ConversationEvent, ProviderRecord, ProvisionedContract, UptimeMinute } from './types.js';

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

const KIND: Record<ConversationEvent['kind'], () => ConversationEventCandid['kind']> = {
    customer_message: () => ({ CustomerMessage: null }),
    provider_reply: () => ({ ProviderReply: null }),
    bot_handoff: () => ({ BotHandoff: null })
};

export function conversationEventOut(e: ConversationEvent): ConversationEventCandid {
    return { id: e.id, contractId: contractIdToNat(e.contractId), kind: KIND[e.kind](), at: msToNs(e.at) };
}

export function uptimeOut(m: UptimeMinute): UptimeReportCandid {
    return { id: m.id, contractId: contractIdToNat(m.contractId), bucketStart: msToNs(m.minuteStart), up: m.up, down: m.down, latencyMs: m.avgLatencyMs ?? 0, source: [{ [m.source ?? 'Probe']: null } as UptimeReportCandid['source'][0] & object] };
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
        return [{ id: `${r.id}:${metric}`, target, source: `${r.source}:${r.subject}`, metric, value, url: r.url, fetchedAt: msToNs(r.measuredAt) } satisfies BenchmarkCandid];
    });
}

/** The fields of the canister's records the relay reads (full records are accepted too). */
export type ContractFields = Pick<ContractCandid, 'id' | 'provider' | 'tenant' | 'status' | 'createdAt'>;
export type ProviderFields = Pick<ProviderCandid, 'id' | 'name' | 'contacts'>;

export const statusOf = (c: Pick<ContractCandid, 'status'>): string => Object.keys(c.status)[0] ?? 'Unknown';

export function contractRecordIn(c: ContractFields): ContractRecord {
    return { contractId: c.id.toString(), providerId: c.provider.toText(), tenantId: c.tenant.toText(), status: statusOf(c), createdAt: nsToMs(c.createdAt) };
}

export function providerRecordIn(p: ProviderFields): ProviderRecord {
    const email = p.contacts.find((c) => c.kind.toLowerCase() === 'email')?.value ?? null;
    return { providerId: p.id.toText(), name: p.name, email };
}

/**
 * A probe target as the prober wants it. The canister validates the provider's declared endpoint
 * and formats it as a URL (`http(s)://host:port/path`, `tcp://host:port`, IPv6 hosts bracketed).
 */
export function probeTargetIn(t: Pick<ProbeTargetCandid, 'contractId' | 'provider' | 'url'>): ProvisionedContract {
    return { contractId: t.contractId.toString(), providerId: t.provider.toText(), endpoint: t.url };
}
