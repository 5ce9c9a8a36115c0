import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import type { OfferingInput as COfferingInput } from '@declarations/marketplace';
import type { Offering, OfferingInput } from '../types';
import { queryRoots } from '@/lib/query-keys';

export function offeringInputOf(o: Offering): OfferingInput {
    const { id: _id, provider: _provider, providerName: _name, token: _token, active: _active, inUse: _inUse, createdAt: _createdAt, updatedAt: _updatedAt, ...input } = o;
    return input;
}

/** Saves new terms; running contracts keep the price they were quoted. */
export async function updateOffering(actors: Actors, id: bigint, token: string, o: OfferingInput): Promise<void> {
    const input: COfferingInput = { ...o, productType: { [o.productType]: null } as COfferingInput['productType'], token };
    unwrap(await actors.marketplace.updateOffering(id, input), 'updateOffering');
}

/** Paused (unpublished) offerings leave the marketplace; running contracts continue. */
export async function setOfferingActive(actors: Actors, id: bigint, active: boolean): Promise<void> {
    unwrap(await actors.marketplace.setOfferingActive(id, active), 'setOfferingActive');
}

export function useUpdateOffering() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, token, input }: { id: bigint; token: string; input: OfferingInput }) => updateOffering(requireActors(auth), id, token, input),
        onSuccess: () => void qc.invalidateQueries({ queryKey: queryRoots.offerings })
    });
}

export function useSetOfferingActive() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, active }: { id: bigint; active: boolean }) => setOfferingActive(requireActors(auth), id, active),
        onSuccess: () => void qc.invalidateQueries({ queryKey: queryRoots.offerings })
    });
}
