// The catalog's stable maps: providers (memory 1) and offerings (memory 2), in the market's memory
// range; written by the market's one apply (escrow changes offering stock in the same unit of work).
import { idKey, offeringCodec, providerCodec, textKey } from '../platform/codec';
import { messageWatch, StableTable } from '../platform/stable';
import { cachedTable } from '../kernel/cache';
import { claim } from '../kernel/memory';
import type { Offering, Provider } from '../kernel/records';
import type { Store } from '../escrow/exports';

export const CATALOG_MEMORY = { providers: claim('market', 'providers', 1), offerings: claim('market', 'offerings', 2) } as const;

export function catalogStorage(): Pick<Store, 'providers' | 'offerings'> {
    return {
        providers: cachedTable(new StableTable<string, Provider>(CATALOG_MEMORY.providers, textKey, providerCodec), messageWatch()),
        offerings: cachedTable(new StableTable<bigint, Offering>(CATALOG_MEMORY.offerings, idKey, offeringCodec), messageWatch())
    };
}
