/** Every route path in one place; links and the router both use these. */
export const paths = {
    marketplace: { path: '/', href: () => '/' },
    offering: { path: '/offerings/:offeringId', href: (id: bigint | string) => `/offerings/${id}` },
    contracts: { path: '/contracts', href: () => '/contracts' },
    contract: { path: '/contracts/:contractId', href: (id: bigint | string) => `/contracts/${id}` },
    provider: { path: '/provider', href: () => '/provider' },
    wallet: { path: '/wallet', href: () => '/wallet' },
    receipt: { path: '/wallet/receipts/:seq', href: (seq: bigint | string) => `/wallet/receipts/${seq}` },
    providerProfile: { path: '/providers/:providerId', href: (p: string) => `/providers/${p}` }
} as const;
