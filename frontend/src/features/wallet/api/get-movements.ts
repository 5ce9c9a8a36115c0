import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import type { CJournalPage } from '@/lib/candid-types';
import type { Movement, MovementKind } from '../types';

const PAGE = 200;

function toMovement(e: CJournalPage['items'][number]): Movement {
    return {
        seq: e.seq,
        at: e.at,
        kind: variantName(e.kind) as MovementKind,
        contractId: fromOpt(e.contractId),
        account: e.account,
        token: e.token,
        amount: e.amount,
        fee: e.fee,
        block: fromOpt(e.block),
        ref: e.ref
    };
}

async function readJournal(actors: Actors, contractId: bigint | undefined, keep: (m: Movement) => boolean): Promise<Movement[]> {
    const out: Movement[] = [];
    let offset = 0;
    for (;;) {
        const page = await actors.marketplace.journal(offset, PAGE, contractId === undefined ? [] : [contractId]);
        for (const e of page.items) {
            const m = toMovement(e);
            if (keep(m)) out.push(m);
        }
        const next = page.next[0];
        if (next === undefined || next <= offset) break;
        offset = next;
    }
    return out.reverse();
}

/** Where the journal was read up to, per principal: it is append-only, so a refresh reads only what is new. */
const readUpTo = new Map<string, { offset: number; kept: Movement[] }>();

/**
 * Every movement of one principal's money, newest first. The current canister has no journal by
 * principal, so this reads the journal and keeps the principal's entries, each page once per
 * session (to be switched to the canister's journal-by-principal cursor when it lands).
 */
export async function getMovements(actors: Actors, principal: string): Promise<Movement[]> {
    const seen = readUpTo.get(principal) ?? { offset: 0, kept: [] };
    const kept = [...seen.kept];
    let offset = seen.offset;
    for (;;) {
        const page = await actors.marketplace.journal(offset, PAGE, []);
        for (const e of page.items) {
            const m = toMovement(e);
            if (m.account === principal) kept.push(m);
        }
        const next = page.next[0];
        if (next === undefined || next <= offset) {
            offset += page.items.length;
            break;
        }
        offset = next;
    }
    readUpTo.set(principal, { offset, kept });
    return [...kept].reverse();
}

/** For sign-out and tests: forget what was read. */
export function forgetMovements(): void {
    readUpTo.clear();
}

/** The movements of one contract, newest first. */
export function getContractMovements(actors: Actors, contractId: bigint): Promise<Movement[]> {
    return readJournal(actors, contractId, () => true);
}

export const getMovementsQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: ['wallet', 'movements', principal],
        queryFn: () => getMovements(actors!, principal!),
        enabled: actors !== undefined && principal !== undefined,
        refetchInterval: 30_000
    });

export function useMovements() {
    const { actors, principal } = useAuth();
    return useQuery(getMovementsQueryOptions(actors, principal));
}

export const getContractMovementsQueryOptions = (actors: Actors | undefined, contractId: bigint | undefined, enabled: boolean) =>
    queryOptions({
        queryKey: ['wallet', 'contract-movements', contractId?.toString()],
        queryFn: () => getContractMovements(actors!, contractId!),
        enabled: enabled && actors !== undefined && contractId !== undefined,
        refetchInterval: 15_000
    });

export function useContractMovements(contractId: bigint | undefined, enabled = true) {
    const { actors } = useAuth();
    return useQuery(getContractMovementsQueryOptions(actors, contractId, enabled));
}
