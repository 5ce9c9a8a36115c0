import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';

/** Provider names by principal (all pages). */
export async function getProviderNames(): Promise<Map<string, string>> {
    const { marketplace } = await anonymousActors();
    const names = new Map<string, string>();
    let offset = 0;
    for (;;) {
        const page = await marketplace.listProviders(offset, 100);
        for (const p of page.items) names.set(p.id.toText(), p.name);
        const next = page.next[0];
        if (next === undefined) break;
        offset = next;
    }
    return names;
}

export const getProviderNamesQueryOptions = () => queryOptions({ queryKey: ['providers', 'names'], queryFn: getProviderNames, staleTime: 60_000 });

export function useProviderNames() {
    return useQuery(getProviderNamesQueryOptions());
}
