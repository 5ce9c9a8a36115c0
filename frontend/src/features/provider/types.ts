export interface ProviderProfile {
    id: string;
    name: string;
    description: string;
    website: string;
    contacts: { kind: string; value: string }[];
    registeredAt: bigint;
    listing: ProviderListing;
}

/** Whether the provider's offerings are in search: once the one-time listing fee is paid. */
export interface ProviderListing {
    /** When the offerings entered search; undefined: the fee is not paid yet. */
    listedAt: bigint | undefined;
    token: string;
    /** What was paid (0: listed free). */
    amount: bigint;
    /** A pull of the fee whose outcome is not known yet (paying again retries it). */
    paying: boolean;
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
