import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import type { COfferingFilter } from '@/lib/candid-types';
import type { Offering } from '../types';
import { getProviderNames } from './get-providers';
import { toOffering } from './mappers';

const ALL: COfferingFilter = {
    provider: [],
    productType: [],
    region: [],
    country: [],
    city: [],
    token: [],
    minPrice: [],
    maxPrice: [],
    minCpuCores: [],
    minRamMb: [],
    minStorageGb: [],
    minBandwidthMbps: [],
    gpu: [],
    available: [],
    includeInactive: [],
    minTrustScore: []
};

/** Every active offering (paged through `searchOfferings`), with provider names. */
export async function getOfferings(): Promise<Offering[]> {
    const { marketplace } = await anonymousActors();
    const [names, items] = await Promise.all([
        getProviderNames(),
        (async () => {
            const out = [];
            let offset = 0;
            for (;;) {
                const page = await marketplace.searchOfferings(ALL, offset, 100);
                out.push(...page.items);
                const next = page.next[0];
                if (next === undefined) break;
                offset = next;
            }
            return out;
        })()
    ]);
    return items.map((o) => toOffering(o, names.get(o.provider.toText())));
}

export const getOfferingsQueryOptions = () => queryOptions({ queryKey: ['offerings'], queryFn: getOfferings });

export function useOfferings() {
    return useQuery(getOfferingsQueryOptions());
}
