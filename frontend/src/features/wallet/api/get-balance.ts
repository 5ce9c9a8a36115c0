import { Actor } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { idlFactory as ledgerIdl, type _SERVICE as LedgerService } from '@declarations/ledger';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { queryRoots } from '@/lib/query-keys';

/** `owner`'s balance on `ledgerId` (default: the app's ledger). */
export async function getBalance(owner: string, ledgerId?: string): Promise<bigint> {
    const a = await anonymousActors();
    const ledger = ledgerId === undefined ? a.ledger : Actor.createActor<LedgerService>(ledgerIdl as IDL.InterfaceFactory, { agent: a.agent, canisterId: ledgerId });
    return ledger.icrc1_balance_of({ owner: Principal.fromText(owner), subaccount: [] });
}

export const getBalanceQueryOptions = (owner: string | undefined, ledgerId?: string) =>
    queryOptions({
        queryKey: ledgerId === undefined ? [...queryRoots.wallet, 'balance', owner] : [...queryRoots.wallet, 'balance', owner, ledgerId],
        queryFn: () => getBalance(owner!, ledgerId),
        enabled: owner !== undefined
    });

export function useBalance(owner: string | undefined, ledgerId?: string) {
    return useQuery(getBalanceQueryOptions(owner, ledgerId));
}
