import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt } from '@/lib/candid';
import type { SlaPeriod } from '../types';
import { queryRoots } from '@/lib/query-keys';

/** The contract's SLA periods: measured uptime, the credit owed and what reached the tenant. */
export async function getContractSla(actors: Actors, contractId: bigint): Promise<SlaPeriod[]> {
    const s = fromOpt(await actors.marketplace.contractSignals(contractId));
    if (s === undefined) return [];
    return s.sla.map((p) => ({ ...p, uptimeBps: fromOpt(p.uptimeBps) }));
}

export const getContractSlaQueryOptions = (actors: Actors | undefined, contractId: bigint | undefined, enabled = true) =>
    queryOptions({
        queryKey: [...queryRoots.contracts, 'sla', contractId?.toString()],
        queryFn: () => getContractSla(actors!, contractId!),
        enabled: enabled && actors !== undefined && contractId !== undefined,
        staleTime: 30_000
    });

export function useContractSla(contractId: bigint | undefined, enabled = true) {
    const { actors } = useAuth();
    return useQuery(getContractSlaQueryOptions(actors, contractId, enabled));
}
