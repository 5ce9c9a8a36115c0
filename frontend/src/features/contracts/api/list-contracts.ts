import { Principal } from '@dfinity/principal';
import type { Actors } from '@/lib/agent';
import type { Contract as CContract, ContractFilter as CContractFilter } from '@declarations/marketplace';
import { allPages } from '@/lib/pages';
import type { Contract } from '../types';
import { toContract } from './mappers';

/** The caller's own contracts as tenant or provider (the canister lists no one else's), newest first, with offering names. */
export async function listContracts(actors: Actors, by: { tenant?: string; provider?: string }): Promise<Contract[]> {
    const { marketplace } = actors;
    const filter = { tenant: by.tenant ? [Principal.fromText(by.tenant)] : [], provider: by.provider ? [Principal.fromText(by.provider)] : [], status: [] } as CContractFilter;
    const raw: CContract[] = await allPages((cursor) => marketplace.listContracts(filter, cursor, 100));
    const ids = [...new Set(raw.map((c) => c.offeringId))];
    const names = new Map<bigint, string>();
    await Promise.all(
        ids.map(async (id) => {
            const [o] = await marketplace.getOffering(id);
            if (o) names.set(id, o.name);
        })
    );
    return raw.map((c) => toContract(c, names.get(c.offeringId))).sort((a, b) => (a.id < b.id ? 1 : -1));
}
