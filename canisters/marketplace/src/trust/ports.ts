// What the trust keeper needs from the outside: its own tables and read access to the market.
import type { TrustStatus } from './domain/contracts';
import type { ContractPhase } from './domain/feedback';

export interface Table<K, V> {
    get(key: K): V | undefined;
    put(key: K, value: V): void;
    len(): number;
}

/** Contract fields the trust domain reads; times in seconds, ids as decimal text. */
export interface ContractView {
    id: string;
    provider: string;
    tenant: string;
    offeringId: string;
    status: TrustStatus;
    phase: ContractPhase;
    createdAt: number;
    /** When billing started (provisioning completed); null before. */
    startedAt: number | null;
    plannedStart: number;
    plannedEnd: number;
    total: bigint;
}

export interface OfferingView {
    id: string;
    provider: string;
    category: string;
    token: string;
    monthlyPrice: bigint;
    vcpu: number;
    ramGiB: number;
    storageGiB: number;
    gpus: number;
    bandwidthMbps: number;
    uptimeTargetBps: number;
    responseTargetSeconds: number;
}

export interface ProviderView {
    id: string;
    hasPublicContact: boolean;
    registeredAt: number;
}

export interface MarketReader {
    contract(id: string): ContractView | undefined;
    offering(id: string): OfferingView | undefined;
    provider(id: string): ProviderView | undefined;
    allOfferings(): OfferingView[];
    /** Moves up to `amount` of the contract's escrow to its tenant, journaled; an error text when it cannot. */
    creditTenant(contractId: string, amount: bigint, ref: string): { ok: true } | { ok: false; reason: string };
}
