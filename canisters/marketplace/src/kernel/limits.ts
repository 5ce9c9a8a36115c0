// Per-principal limits on what is free, and the bounds of every argument (documented in the
// README; each refusal is a typed error that changes nothing).
export const QUOTAS = {
    /** Offerings one provider may create (active or not). */
    offeringsPerProvider: 200,
    /**
     * Unpaid requests (status Requested) one tenant may have open at once: it limits that tenant
     * only. No bound per offering: an unpaid request holds nothing others need (no stock, no slot).
     */
    openRequestsPerTenant: 10,
    /** Paid segments of one contract (setup fee, the first period, extensions): the record and its replies stay bounded. */
    segmentsPerContract: 52
} as const;

/** Lengths of text arguments (characters) and the longest contract (hours). */
export const LIMITS = {
    name: 100,
    description: 4_000,
    website: 300,
    contactValue: 300,
    contacts: 10,
    location: 80,
    token: 16,
    connection: 2_000,
    note: 500,
    maxHours: 24 * 365 * 5
} as const;

/** Largest Candid argument accepted by `inspect_message` (bytes). */
export const MAX_ARG_BYTES = 16 * 1024;
