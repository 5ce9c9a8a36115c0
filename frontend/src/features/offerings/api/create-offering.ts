import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import type { OfferingInput as COfferingInput } from '@declarations/marketplace';
import type { OfferingInput } from '../types';
import { queryRoots } from '@/lib/query-keys';

export async function createOffering(actors: Actors, o: OfferingInput): Promise<bigint> {
    const cfg = await actors.marketplace.getConfig();
    const token = cfg.tokens[0]?.symbol;
    if (token === undefined) throw new Error('The marketplace has no payment token configured.');
    const input: COfferingInput = { ...o, productType: { [o.productType]: null } as COfferingInput['productType'], token };
    return unwrap(await actors.marketplace.createOffering(input), 'createOffering').id;
}

export function useCreateOffering() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (o: OfferingInput) => createOffering(requireActors(auth), o),
        onSuccess: () => void qc.invalidateQueries({ queryKey: queryRoots.offerings })
    });
}
