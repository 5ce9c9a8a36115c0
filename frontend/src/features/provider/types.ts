export interface ProviderProfile {
    id: string;
    name: string;
    description: string;
    website: string;
    contacts: { kind: string; value: string }[];
    registeredAt: bigint;
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
