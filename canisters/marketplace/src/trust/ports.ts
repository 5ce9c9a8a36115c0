// What the trust keeper needs from the outside: its own tables and read access to the market.
import type { TrustStatus } from './domain/contract_records';
import type { ContractPhase } from './domain/feedback';
import type { Reporter, ReporterRole } from '../kernel/records';
import type { Result } from '../kernel/result';

/** An entry of the market's reporter list as the trust domain sees it: times in seconds. */
export type ReporterView = Omit<Reporter, 'addedAt'> & { addedAt: number };

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
    /** The tenant paid (deposited) for this contract. */
    paid: boolean;
    /** Paid value per 30 days of service, in whole tokens of the contract's token. */
    monthlyTokens: number;
    /** When the contract closed (terminal status); null while open. */
    closedAt: number | null;
}

export interface OfferingView {
    id: string;
    provider: string;
    name: string;
    active: boolean;
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

/** What the market moved to the tenant, or its error. */
export type CreditResult = Result<{ credited: bigint }>;

export interface MarketReader {
    contract(id: string): ContractView | undefined;
    offering(id: string): OfferingView | undefined;
    provider(id: string): ProviderView | undefined;
    allOfferings(): OfferingView[];
    /**
     * SLA credit to the contract's tenant, journaled: from the escrow while the contract is open;
     * for a closed contract, from what it released in `period` (seconds), bounded by the
     * provider's balance (`credited` may then be less than `amount`). An error text when nothing moved.
     */
    creditTenant(contractId: string, amount: bigint, ref: string, period?: { start: number; end: number }): CreditResult;
    /** The one reporter list (the market's): roles of a principal, the whole list, and a change (no authorization here). */
    reporterRoles(principal: string): ReporterRole[];
    reporters(): ReporterView[];
    setReporterRoles(principal: string, roles: readonly ReporterRole[], by: string): ReporterView[];
}
