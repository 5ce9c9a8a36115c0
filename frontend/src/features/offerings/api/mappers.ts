import type { Offering as COffering } from '@declarations/marketplace';
import { variantName } from '@/lib/candid';
import type { Offering, ProductType } from '../types';

export function toOffering(o: COffering, providerName?: string): Offering {
    return { ...o, provider: o.provider.toText(), providerName, productType: variantName(o.productType) as ProductType };
}
