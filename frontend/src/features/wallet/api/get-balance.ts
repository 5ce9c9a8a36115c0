import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { queryRoots } from '@/lib/query-keys';

export async function getBalance(owner: string): Promise<bigint> {
    const { ledger } = await anonymousActors();
    return ledger.icrc1_balance_of({ owner: Principal.fromText(owner), subaccount: [] });
}

export const getBalanceQueryOptions = (owner: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.wallet, 'balance', owner],
        queryFn: () => getBalance(owner!),
        enabled: owner !== undefined
    });

export function useBalance(owner: string | undefined) {
    return useQuery(getBalanceQueryOptions(owner));
}
