import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import { allPages } from '@/lib/pages';
import type { EarningEntry } from '../types';
import { queryRoots } from '@/lib/query-keys';

const KINDS = new Set(['Release', 'TransferDone', 'TransferFailed', 'SlaCredit']);

/** The journal entries about this provider's balance (the caller's own): releases, payouts, SLA credits. Newest first. */
export async function getEarningHistory(actors: Actors, principal: string): Promise<EarningEntry[]> {
    const out: EarningEntry[] = [];
    for (const e of await allPages((cursor) => actors.marketplace.accountJournal(cursor, 100))) {
        const kind = variantName(e.kind);
        if (e.account !== principal || !KINDS.has(kind)) continue;
        out.push({ seq: e.seq, kind: kind === 'TransferDone' ? 'Withdrawal' : kind, contractId: fromOpt(e.contractId), amount: e.amount, fee: e.fee, at: e.at });
    }
    return out.sort((a, b) => (a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0));
}

export const getEarningHistoryQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.earnings, 'history', principal],
        queryFn: () => getEarningHistory(actors!, principal!),
        enabled: actors !== undefined && principal !== undefined
    });

export function useEarningHistory(principal: string | undefined) {
    const { actors } = useAuth();
    return useQuery(getEarningHistoryQueryOptions(actors, principal));
}
