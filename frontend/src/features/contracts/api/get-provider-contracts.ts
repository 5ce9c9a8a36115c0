import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { listContracts } from './list-contracts';
import { queryRoots } from '@/lib/query-keys';

export const getProviderContractsQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.contracts, 'provider', principal],
        queryFn: () => listContracts(actors!, { provider: principal }),
        enabled: actors !== undefined && principal !== undefined,
        refetchInterval: 15_000
    });

export function useProviderContracts(principal: string | undefined) {
    const { actors } = useAuth();
    return useQuery(getProviderContractsQueryOptions(actors, principal));
}
