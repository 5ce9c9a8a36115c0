import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import type { ProviderProfile } from '../types';
import { queryRoots } from '@/lib/query-keys';

/** The provider's profile, or null when the principal is not registered. */
export async function getProviderProfile(principal: string): Promise<ProviderProfile | null> {
    const { marketplace } = await anonymousActors();
    const p = fromOpt(await marketplace.getProvider(Principal.fromText(principal)));
    if (p === undefined) return null;
    const l = p.listing;
    return {
        id: p.id.toText(), name: p.name, description: p.description, website: p.website, contacts: p.contacts, registeredAt: p.registeredAt,
        listing: { listedAt: fromOpt(l.listedAt), token: l.token, amount: l.amount, paying: l.pull.length > 0 }
    };
}

export const getProviderProfileQueryOptions = (principal: string | undefined) =>
    queryOptions({ queryKey: [...queryRoots.providers, 'profile', principal], queryFn: () => getProviderProfile(principal!), enabled: principal !== undefined });

export function useProviderProfile(principal: string | undefined) {
    return useQuery(getProviderProfileQueryOptions(principal));
}
