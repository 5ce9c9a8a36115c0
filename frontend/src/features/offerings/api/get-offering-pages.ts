import { infiniteQueryOptions, queryOptions, useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Principal } from '@dfinity/principal';
import { anonymousActors } from '@/lib/agent';
import { allPages } from '@/lib/pages';
import type { OfferingFilter as COfferingFilter } from '@declarations/marketplace';
import type { Offering, OfferingFilters } from '../types';
import { getProviderNames } from './get-providers';
import { toOffering } from './mappers';
import { queryRoots } from '@/lib/query-keys';

export const PAGE_SIZE = 24;

const NONE: COfferingFilter = {
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

const whole = (s: string): [] | [number] => (/^\d+$/.test(s.trim()) ? [Number(s.trim())] : []);

/** The filters the canister applies itself, so its cursor pages over the filtered set. */
export function serverFilter(f: OfferingFilters, maxPrice: bigint | undefined): COfferingFilter {
    const ram = whole(f.minRamGb);
    return {
        ...NONE,
        productType: f.productType === '' ? [] : [{ [f.productType]: null } as COfferingFilter['productType'][number]],
        region: f.region === '' ? [] : [f.region],
        maxPrice: maxPrice === undefined ? [] : [maxPrice],
        minCpuCores: whole(f.minCpuCores),
        minRamMb: ram.length === 0 ? [] : [ram[0] * 1024],
        minStorageGb: whole(f.minStorageGb),
        available: f.availableOnly ? [true] : []
    };
}

export interface OfferingPage {
    items: Offering[];
    total: number;
    next: number | undefined;
}

async function searchPage(filter: COfferingFilter, cursor: number, limit: number): Promise<OfferingPage> {
    const { marketplace } = await anonymousActors();
    const page = await marketplace.searchOfferings(filter, cursor, limit);
    const names = await getProviderNames(page.items.map((o) => o.provider));
    return { items: page.items.map((o) => toOffering(o, names.get(o.provider.toText()))), total: page.total, next: page.next[0] };
}

/** Marketplace pages, driven by the canister's cursor (`next`); a new filter starts from the first page. */
export const getOfferingPagesQueryOptions = (filter: COfferingFilter) =>
    infiniteQueryOptions({
        queryKey: [...queryRoots.offerings, 'pages', JSON.stringify(filter, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))],
        queryFn: ({ pageParam }) => searchPage(filter, pageParam, PAGE_SIZE),
        initialPageParam: 0,
        getNextPageParam: (last) => last.next
    });

export function useOfferingPages(filter: COfferingFilter) {
    return useInfiniteQuery(getOfferingPagesQueryOptions(filter));
}

/** One provider's offerings, paused and unpublished ones included when `includeInactive`. */
export async function getProviderOfferings(provider: string, includeInactive: boolean): Promise<Offering[]> {
    const filter: COfferingFilter = { ...NONE, provider: [Principal.fromText(provider)], includeInactive: includeInactive ? [true] : [] };
    const [names, raw] = await Promise.all([getProviderNames([Principal.fromText(provider)]), allPages(async (cursor) => (await anonymousActors()).marketplace.searchOfferings(filter, cursor, 100))]);
    return raw.map((o) => toOffering(o, names.get(o.provider.toText())));
}

export const getProviderOfferingsQueryOptions = (provider: string | undefined, includeInactive: boolean) =>
    queryOptions({
        queryKey: [...queryRoots.offerings, 'provider', provider, includeInactive],
        queryFn: () => getProviderOfferings(provider!, includeInactive),
        enabled: provider !== undefined
    });

export function useProviderOfferings(provider: string | undefined, includeInactive = false) {
    return useQuery(getProviderOfferingsQueryOptions(provider, includeInactive));
}
