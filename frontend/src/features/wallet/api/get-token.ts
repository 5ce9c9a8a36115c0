import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { env } from '@/config/env';
import { setErrorAmountFormat } from '@/lib/canister-error';
import { formatTokenAmount } from '@/lib/format';
import { queryRoots } from '@/lib/query-keys';
import { useMarketConfig } from './get-market-config';

export interface TokenInfo {
    symbol: string;
    decimals: number;
    fee: bigint;
    ledgerCanisterId: string;
}

export async function getToken(): Promise<TokenInfo> {
    const { ledger } = await anonymousActors();
    const [symbol, decimals, fee] = await Promise.all([ledger.icrc1_symbol(), ledger.icrc1_decimals(), ledger.icrc1_fee()]);
    setErrorAmountFormat((v) => formatTokenAmount(v, decimals, symbol));
    return { symbol, decimals, fee, ledgerCanisterId: env().ledgerCanisterId };
}

export const getTokenQueryOptions = () =>
    queryOptions({ queryKey: queryRoots.token, queryFn: getToken, staleTime: Infinity });

export function useToken() {
    return useQuery(getTokenQueryOptions());
}

/**
 * The token an offering or contract is priced in (`symbol`): symbol, decimals and ledger fee from the
 * marketplace's config per token, its ledger; the app's token while the config loads or if unknown.
 */
export function useTokenOf(symbol: string | undefined): TokenInfo | undefined {
    const app = useToken();
    const market = useMarketConfig();
    const t = market.data?.tokens.find((x) => x.symbol === symbol);
    if (t !== undefined) return { symbol: t.symbol, decimals: t.decimals, fee: t.fee, ledgerCanisterId: t.ledger };
    return symbol === undefined || symbol === app.data?.symbol ? app.data : undefined;
}
