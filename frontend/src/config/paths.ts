/** Every route path in one place; links and the router both use these. */
export const paths = {
    marketplace: { path: '/', href: () => '/' },
    offering: { path: '/offerings/:offeringId', href: (id: bigint | string) => `/offerings/${id}` },
    contracts: { path: '/contracts', href: () => '/contracts' },
    contract: { path: '/contracts/:contractId', href: (id: bigint | string) => `/contracts/${id}` },
    provider: { path: '/provider', href: () => '/provider' },
    providerProfile: { path: '/providers/:providerId', href: (p: string) => `/providers/${p}` }
} as const;
