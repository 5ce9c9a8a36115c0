import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import type { JournalEntry as CJournalEntry, JournalPage as CJournalPage } from '@declarations/marketplace';
import { allPages } from '@/lib/pages';
import type { Movement, MovementKind } from '../types';
import { queryRoots } from '@/lib/query-keys';

const PAGE = 100;

function toMovement(e: CJournalEntry): Movement {
    return { ...e, kind: variantName(e.kind) as MovementKind, contractId: fromOpt(e.contractId), block: fromOpt(e.block) };
}

type JournalRead = (cursor: number, limit: number) => Promise<CJournalPage>;

const newestFirst = (a: Movement, b: Movement) => (a.seq < b.seq ? 1 : a.seq > b.seq ? -1 : 0);

async function readAll(read: JournalRead): Promise<Movement[]> {
    const entries = await allPages((cursor) => read(cursor, PAGE));
    return entries.map(toMovement).sort(newestFirst);
}

/** Every movement of the signed-in principal's money, newest first (the canister's journal by caller). */
export function getMovements(actors: Actors): Promise<Movement[]> {
    return readAll((cursor, limit) => actors.marketplace.accountJournal(cursor, limit));
}

/** The movements of one contract, newest first. */
export function getContractMovements(actors: Actors, contractId: bigint): Promise<Movement[]> {
    return readAll((cursor, limit) => actors.marketplace.journal(cursor, limit, [contractId]));
}

export const getMovementsQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.wallet, 'movements', principal],
        queryFn: () => getMovements(actors!),
        enabled: actors !== undefined && principal !== undefined,
        refetchInterval: 30_000
    });

export function useMovements() {
    const { actors, principal } = useAuth();
    return useQuery(getMovementsQueryOptions(actors, principal));
}

export const getContractMovementsQueryOptions = (actors: Actors | undefined, contractId: bigint | undefined, enabled: boolean) =>
    queryOptions({
        queryKey: [...queryRoots.wallet, 'contract-movements', contractId?.toString()],
        queryFn: () => getContractMovements(actors!, contractId!),
        enabled: enabled && actors !== undefined && contractId !== undefined,
        refetchInterval: 15_000
    });

export function useContractMovements(contractId: bigint | undefined, enabled = true) {
    const { actors } = useAuth();
    return useQuery(getContractMovementsQueryOptions(actors, contractId, enabled));
}
