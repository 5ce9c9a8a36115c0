import type { Offering as CandidOffering, OfferingInput as CandidOfferingInput, ProductType as CandidProductType } from '@declarations/marketplace';
import type { VariantName } from '@/lib/candid';

export type ProductType = VariantName<CandidProductType>;

/** UI model of an offering: the Candid record (mapped in `api/mappers.ts`) with the provider as text and its name. */
export type Offering = Omit<CandidOffering, 'provider' | 'productType'> & {
    provider: string;
    providerName: string | undefined;
    productType: ProductType;
};

export type SortKey = 'price-asc' | 'price-desc' | 'trust-desc' | 'cpu-desc' | 'ram-desc' | 'newest';

export interface OfferingFilters {
    search: string;
    productType: ProductType | '';
    region: string;
    maxPrice: string;
    minCpuCores: string;
    minRamGb: string;
    minStorageGb: string;
    minTrust: string;
    availableOnly: boolean;
    sort: SortKey;
}

export const defaultFilters: OfferingFilters = {
    search: '',
    productType: '',
    region: '',
    maxPrice: '',
    minCpuCores: '',
    minRamGb: '',
    minStorageGb: '',
    minTrust: '',
    availableOnly: false,
    sort: 'price-asc'
};

/** What a provider edits of an offering (create, update, duplicate); the token is chosen apart. */
export type OfferingInput = Omit<CandidOfferingInput, 'productType' | 'token'> & { productType: ProductType };
