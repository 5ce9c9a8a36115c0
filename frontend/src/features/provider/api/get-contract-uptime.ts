import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import type { ContractUptime } from '../types';
import { queryRoots } from '@/lib/query-keys';

/** Uptime and SLA compliance of one contract over 30 days (trust signals). */
export async function getContractUptime(contractId: bigint): Promise<ContractUptime | null> {
    const actors = await anonymousActors();
    const s = fromOpt(await actors.marketplace.contractSignals(contractId));
    if (s === undefined) return null;
    const w = s.uptime.month;
    const u = fromOpt(w.uptime);
    const target = fromOpt(w.targetPct);
    return {
        contractId,
        uptime30d: u,
        targetBps: target === undefined ? 0 : Math.round(target * 100),
        downtimeMinutes: w.downMinutes,
        slaMet: fromOpt(w.compliant),
        credits: s.sla.reduce((a, r) => a + r.credit, 0n),
        credited: s.sla.reduce((a, r) => a + r.credited, 0n)
    };
}

export const getContractUptimeQueryOptions = (contractId: bigint) =>
    queryOptions({ queryKey: [...queryRoots.trust, 'contract', contractId.toString()], queryFn: () => getContractUptime(contractId), staleTime: 30_000 });

export function useContractUptime(contractId: bigint) {
    const q = useQuery(getContractUptimeQueryOptions(contractId));
    return { ...q, data: q.data ?? undefined };
}
