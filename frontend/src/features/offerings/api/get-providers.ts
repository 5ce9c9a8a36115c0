import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { allPages } from '@/lib/pages';
import { queryRoots } from '@/lib/query-keys';

/** Provider names by principal (all pages). */
export async function getProviderNames(): Promise<Map<string, string>> {
    const { marketplace } = await anonymousActors();
    const providers = await allPages((cursor) => marketplace.listProviders(cursor, 100));
    return new Map(providers.map((p) => [p.id.toText(), p.name]));
}

export const getProviderNamesQueryOptions = () => queryOptions({ queryKey: [...queryRoots.providers, 'names'], queryFn: getProviderNames, staleTime: 60_000 });

export function useProviderNames() {
    return useQuery(getProviderNamesQueryOptions());
}
