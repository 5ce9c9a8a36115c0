import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import { CanisterError } from '@/lib/canister-error';
import type { TrustProfile } from '../types';
import { toTrustProfile } from './mappers';
import { queryRoots } from '@/lib/query-keys';

export async function getProviderTrust(provider: string): Promise<TrustProfile> {
    const actors = await anonymousActors();
    const p = fromOpt(await actors.marketplace.trustProfile(Principal.fromText(provider)));
    if (p === undefined) throw new CanisterError('NotFound', { what: 'trust profile', id: provider }, 'trustProfile');
    return toTrustProfile(p);
}

export const getProviderTrustQueryOptions = (provider: string | undefined) =>
    queryOptions({ queryKey: [...queryRoots.trust, 'profile', provider], queryFn: () => getProviderTrust(provider!), enabled: provider !== undefined, staleTime: 30_000 });

export function useProviderTrust(provider: string | undefined) {
    return useQuery(getProviderTrustQueryOptions(provider));
}
