import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { env } from '@/config/env';
import { setErrorAmountFormat } from '@/lib/canister-error';
import { formatTokenAmount } from '@/lib/format';
import { queryRoots } from '@/lib/query-keys';

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
