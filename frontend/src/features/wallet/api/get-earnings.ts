import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import type { Earnings } from '../types';
import { getEarningHistory } from './get-earning-history';
import { queryRoots } from '@/lib/query-keys';

export async function getEarnings(actors: Actors, principal: string): Promise<Earnings> {
    const cfg = await actors.marketplace.getConfig();
    const token = cfg.tokens[0]?.symbol ?? '';
    const [b, history] = await Promise.all([actors.marketplace.balanceOf(Principal.fromText(principal), token).then((r) => unwrap(r, 'balanceOf')), getEarningHistory(actors, principal)]);
    const releasedTotal = history.filter((e) => e.kind === 'Release').reduce((s, e) => s + e.amount - e.fee, 0n);
    // The canister's `withdrawable` includes what the next release books; `withdraw` takes only what is booked.
    return { token, withdrawable: b.withdrawable - b.accruing, accruing: b.accruing, inFlight: b.inFlight, releasedTotal };
}

export const getEarningsQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.earnings, principal],
        queryFn: () => getEarnings(actors!, principal!),
        enabled: actors !== undefined && principal !== undefined,
        refetchInterval: 15_000
    });

export function useEarnings(principal: string | undefined) {
    const { actors } = useAuth();
    return useQuery(getEarningsQueryOptions(actors, principal));
}
