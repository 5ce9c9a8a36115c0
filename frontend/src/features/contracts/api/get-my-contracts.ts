import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { listContracts } from './list-contracts';
import { queryRoots } from '@/lib/query-keys';

export const getMyContractsQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.contracts, 'tenant', principal],
        queryFn: () => listContracts(actors!, { tenant: principal }),
        enabled: actors !== undefined && principal !== undefined
    });

export function useMyContracts(principal: string | undefined) {
    const { actors } = useAuth();
    return useQuery(getMyContractsQueryOptions(actors, principal));
}
