import { Principal } from '@dfinity/principal';
import type { Actors } from '@/lib/agent';
import type { CContract } from '@/lib/candid-types';
import type { Contract } from '../types';
import { toContract } from './mappers';

/** Every contract matching a tenant or provider filter, newest first, with offering names. */
export async function listContracts(actors: Actors, by: { tenant?: string; provider?: string }): Promise<Contract[]> {
    const { marketplace } = actors;
    const raw: CContract[] = [];
    let offset = 0;
    for (;;) {
        const page = await marketplace.listContracts(
            {
                tenant: by.tenant ? [Principal.fromText(by.tenant)] : [],
                provider: by.provider ? [Principal.fromText(by.provider)] : [],
                status: []
            },
            offset,
            100
        );
        raw.push(...page.items);
        const next = page.next[0];
        if (next === undefined) break;
        offset = next;
    }
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
