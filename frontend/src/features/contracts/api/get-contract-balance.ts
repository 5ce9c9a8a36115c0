import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { CanisterError } from '@/lib/canister-error';
import { queryRoots } from '@/lib/query-keys';

export interface ContractBalance {
    deposited: bigint;
    released: bigint;
    refunded: bigint;
    /** In escrow now (before settling to now). */
    held: bigint;
    earnedNow: bigint;
    /** Earned but not yet released: released at the next settlement. */
    releasableNow: bigint;
    /** What a cancellation now would return: the unearned remainder. */
    refundNow: bigint;
    due: bigint;
}

export async function getContractBalance(actors: Actors, id: bigint): Promise<ContractBalance> {
    const [b] = await actors.marketplace.contractBalance(id);
    if (b === undefined) throw new CanisterError('NotFound', { what: 'contract', id: id.toString() }, 'contractBalance');
    return {
        deposited: b.deposited,
        released: b.released,
        refunded: b.refunded,
        held: b.held,
        earnedNow: b.earnedNow,
        releasableNow: b.releasableNow,
        refundNow: b.unearnedNow,
        due: b.due
    };
}

export const getContractBalanceQueryOptions = (actors: Actors | undefined, id: bigint | undefined, enabled = true) =>
    queryOptions({
        queryKey: [...queryRoots.contracts, 'balance', id?.toString()],
        queryFn: () => getContractBalance(actors!, id!),
        enabled: enabled && actors !== undefined && id !== undefined,
        refetchInterval: 15_000
    });

export function useContractBalance(id: bigint | undefined, enabled = true) {
    const { actors } = useAuth();
    return useQuery(getContractBalanceQueryOptions(actors, id, enabled));
}
