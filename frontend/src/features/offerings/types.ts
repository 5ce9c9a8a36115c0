/** UI model of an offering (mapped from the marketplace Candid in `api/mappers.ts`). */
export type ProductType = 'VPS' | 'Dedicated' | 'GPU' | 'Other';

export interface Offering {
    id: bigint;
    provider: string;
    providerName: string | undefined;
    name: string;
    description: string;
    productType: ProductType;
    cpuCores: number;
    ramMb: number;
    storageGb: number;
    bandwidthMbps: number;
    gpu: string;
    gpuCount: number;
    region: string;
    country: string;
    city: string;
    token: string;
    pricePerMonth: bigint;
    setupFee: bigint;
    minHours: number;
    maxHours: number;
    stock: number;
    inUse: number;
    active: boolean;
    uptimeTargetBps: number;
    firstResponseMinutes: number;
}

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

/** What a provider edits of an offering (create, update, duplicate). */
export type OfferingInput = Pick<
    Offering,
    | 'name'
    | 'description'
    | 'productType'
    | 'cpuCores'
    | 'ramMb'
    | 'storageGb'
    | 'bandwidthMbps'
    | 'gpu'
    | 'gpuCount'
    | 'region'
    | 'country'
    | 'city'
    | 'pricePerMonth'
    | 'setupFee'
    | 'minHours'
    | 'maxHours'
    | 'stock'
    | 'uptimeTargetBps'
    | 'firstResponseMinutes'
>;
