import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { queryRoots } from '@/lib/query-keys';

export interface ScoreChange {
    at: bigint;
    score: number;
    raw: number;
    cause: string;
}

/** The provider's score over time (newest first), as the canister recorded each change and its cause. */
export async function getTrustHistory(provider: string, limit = 50): Promise<ScoreChange[]> {
    const { marketplace } = await anonymousActors();
    const rows = await marketplace.trustHistory(Principal.fromText(provider), limit);
    return rows.map((r) => ({ at: r.at, score: r.score, raw: r.raw, cause: r.cause })).sort((a, b) => (a.at < b.at ? 1 : -1));
}

export const getTrustHistoryQueryOptions = (provider: string | undefined) =>
    queryOptions({ queryKey: [...queryRoots.trust, 'history', provider], queryFn: () => getTrustHistory(provider!), enabled: provider !== undefined, staleTime: 60_000 });

export function useTrustHistory(provider: string | undefined) {
    return useQuery(getTrustHistoryQueryOptions(provider));
}
