import { queryOptions, useQuery } from '@tanstack/react-query';
import { anonymousActors } from '@/lib/agent';
import { CanisterError } from '@/lib/canister-error';
import type { Offering } from '../types';
import { toOffering } from './mappers';
import { queryRoots } from '@/lib/query-keys';

export async function getOffering(id: bigint): Promise<Offering> {
    const { marketplace } = await anonymousActors();
    const [o] = await marketplace.getOffering(id);
    if (o === undefined) throw new CanisterError('NotFound', { what: 'offering', id: id.toString() }, 'getOffering');
    const [p] = await marketplace.getProvider(o.provider);
    return toOffering(o, p?.name);
}

export const getOfferingQueryOptions = (id: bigint | undefined) =>
    queryOptions({ queryKey: [...queryRoots.offerings, id?.toString()], queryFn: () => getOffering(id!), enabled: id !== undefined });

export function useOffering(id: bigint | undefined) {
    return useQuery(getOfferingQueryOptions(id));
}
