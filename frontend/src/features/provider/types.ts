export interface ProviderProfile {
    id: string;
    name: string;
    description: string;
    website: string;
    contacts: { kind: string; value: string }[];
    registeredAt: bigint;
}

export interface Earnings {
    token: string;
    /** Withdrawable now: booked by releases, not yet sent. */
    withdrawable: bigint;
    /** Earned since the last release (over at most 20 open contracts): booked at the next release. */
    accruing: bigint;
    inFlight: bigint;
    /** Σ released to this provider (net of platform fee), from the journal. */
    releasedTotal: bigint;
}

export interface EarningEntry {
    seq: bigint;
    kind: string;
    contractId: bigint | undefined;
    amount: bigint;
    fee: bigint;
    at: bigint;
}

export interface ContractUptime {
    contractId: bigint;
    uptime30d: number | undefined;
    targetBps: number;
    downtimeMinutes: number | undefined;
    slaMet: boolean | undefined;
    credits: bigint | undefined;
    /** SLA credits moved from escrow to the tenant. */
    credited: bigint | undefined;
}

export interface OfferingInput {
    name: string;
    description: string;
    productType: 'VPS' | 'Dedicated' | 'GPU' | 'Other';
    cpuCores: number;
    ramMb: number;
    storageGb: number;
    bandwidthMbps: number;
    gpu: string;
    gpuCount: number;
    region: string;
    country: string;
    city: string;
    pricePerMonth: bigint;
    setupFee: bigint;
    minHours: number;
    maxHours: number;
    stock: number;
    uptimeTargetBps: number;
    firstResponseMinutes: number;
}
