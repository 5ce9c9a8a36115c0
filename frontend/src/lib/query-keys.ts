/**
 * The first element of every query key, one per kind of canister data. Each feature's
 * query-options factory starts its key with one of these, and a mutation invalidates through the
 * same constant, so what a change refreshes is the set of queries that read what it changed.
 */
export const queryRoots = {
    contracts: ['contracts'],
    earnings: ['earnings'],
    marketConfig: ['market-config'],
    offerings: ['offerings'],
    providers: ['providers'],
    token: ['token'],
    trust: ['trust'],
    wallet: ['wallet']
} as const;
