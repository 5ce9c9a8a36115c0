import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { CanisterError } from '@/lib/canister-error';
import type { Contract } from '../types';
import { toContract } from './mappers';
import { queryRoots } from '@/lib/query-keys';

const notFound = (id: bigint) => new CanisterError('NotFound', { what: 'contract', id: id.toString() }, 'getContract');

/**
 * A contract, for its tenant and provider only: the canister's read rule answers anyone else as for
 * an id that does not exist (ids are sequential; a different answer would confirm the id).
 */
export async function getContract(actors: Actors, id: bigint): Promise<Contract> {
    const [c] = await actors.marketplace.getContract(id);
    if (c === undefined) throw notFound(id);
    const [o] = await actors.marketplace.getOffering(c.offeringId);
    const contract = toContract(c, o?.name);
    const feedbackGiven = await getFeedbackGiven(actors, id);
    return { ...contract, feedbackGiven };
}

/** Whether the tenant has answered the survey (trust signals of the contract), if the canister says. */
async function getFeedbackGiven(actors: Actors, id: bigint): Promise<boolean | undefined> {
    try {
        const [s] = await actors.marketplace.contractSignals(id);
        return s === undefined ? undefined : s.feedback.length > 0;
    } catch {
        return undefined;
    }
}

export const getContractQueryOptions = (actors: Actors | undefined, principal: string | undefined, id: bigint | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.contracts, 'one', principal, id?.toString()],
        queryFn: () => getContract(actors!, id!),
        enabled: actors !== undefined && id !== undefined,
        refetchInterval: 15_000,
        retry: (n, e) => !(e instanceof CanisterError && e.type === 'NotFound') && n < 2
    });

export function useContract(id: bigint | undefined) {
    const { actors, principal } = useAuth();
    return useQuery(getContractQueryOptions(actors, principal, id));
}
