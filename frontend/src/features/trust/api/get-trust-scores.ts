import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import type { TrustFlag } from '../types';
import { queryRoots } from '@/lib/query-keys';

export interface TrustSummary {
    score: number;
    /** Lower confidence bound of the score: the sorting key. */
    rank: number;
    /** "2.5 months of paid service from 2 tenants". */
    evidenceText: string;
    flags: TrustFlag[];
    warnBeforeCheckout: boolean;
    uptime30d: number | undefined;
}

/** Listing cards for many providers in one query call. */
export async function getTrustScores(providers: string[]): Promise<Map<string, TrustSummary>> {
    const out = new Map<string, TrustSummary>();
    if (providers.length === 0) return out;
    const actors = await anonymousActors();
    const cards = await actors.marketplace.trustCards(providers.map((p) => Principal.fromText(p)));
    for (const c of cards) {
        out.set(c.provider.toText(), {
            score: c.score,
            rank: c.rank ?? c.score,
            evidenceText: c.evidenceText ?? '',
            // Cards carry flag messages; a critical card marks them all critical for the badge's warning.
            flags: c.flags.map((message, i) => ({ code: `${i}`, message, critical: c.critical, since: undefined })),
            warnBeforeCheckout: c.warnBeforeCheckout,
            uptime30d: c.uptime30d[0]
        });
    }
    return out;
}

export const getTrustScoresQueryOptions = (providers: string[]) =>
    queryOptions({
        queryKey: [...queryRoots.trust, 'cards', [...providers].sort().join(',')],
        queryFn: () => getTrustScores(providers),
        enabled: providers.length > 0,
        staleTime: 30_000
    });

export function useTrustScores(providers: string[]) {
    return useQuery(getTrustScoresQueryOptions(providers));
}
