import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { queryRoots } from '@/lib/query-keys';

export interface MarketToken {
    symbol: string;
    decimals: number;
    fee: bigint;
    ledger: string;
}

export interface MarketConfig {
    /** Default platform fee for new contracts, in basis points. */
    feeBps: number;
    tokens: MarketToken[];
    /** The one-time fee a provider pays before its offerings enter search. */
    listingFee: { token: string; amount: bigint };
}

export async function getMarketConfig(): Promise<MarketConfig> {
    const { marketplace } = await anonymousActors();
    const c = await marketplace.getConfig();
    return { feeBps: c.feeBps, tokens: c.tokens.map((t) => ({ symbol: t.symbol, decimals: t.decimals, fee: t.fee, ledger: t.ledger.toText() })), listingFee: c.listingFee };
}

export const getMarketConfigQueryOptions = () => queryOptions({ queryKey: queryRoots.marketConfig, queryFn: getMarketConfig, staleTime: 300_000 });

export function useMarketConfig() {
    return useQuery(getMarketConfigQueryOptions());
}
