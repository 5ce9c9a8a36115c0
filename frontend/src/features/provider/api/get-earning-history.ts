import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import type { EarningEntry } from '../types';

const KINDS = new Set(['Release', 'TransferDone', 'TransferFailed', 'SlaCredit']);

/** The journal entries about this provider's balance (the caller's own): releases, payouts, SLA credits. Newest first. */
export async function getEarningHistory(actors: Actors, principal: string): Promise<EarningEntry[]> {
    const out: EarningEntry[] = [];
    let offset = 0;
    for (;;) {
        const page = await actors.marketplace.accountJournal(offset, 100);
        for (const e of page.items) {
            const kind = variantName(e.kind);
            if (e.account !== principal || !KINDS.has(kind)) continue;
            out.push({ seq: e.seq, kind: kind === 'TransferDone' ? 'Withdrawal' : kind, contractId: fromOpt(e.contractId), amount: e.amount, fee: e.fee, at: e.at });
        }
        const next = page.next[0];
        if (next === undefined) break;
        offset = next;
    }
    return out.reverse();
}

export const getEarningHistoryQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: ['earnings', 'history', principal],
        queryFn: () => getEarningHistory(actors!, principal!),
        enabled: actors !== undefined && principal !== undefined
    });

export function useEarningHistory(principal: string | undefined) {
    const { actors } = useAuth();
    return useQuery(getEarningHistoryQueryOptions(actors, principal));
}
