// What the catalog module offers the rest of the canister (the market facade, the entries, the
// Candid conversions): other modules import from here only (test/keeper/modules.test.ts checks it).
export { LIMITS, PRODUCT_TYPES, validateOffering, validateProfile, type ProfileInput } from './domain/offering';
export { chunkCapacity, search, type OfferingFilter, type TrustScoreHook } from './domain/search';
export { CATALOG_LISTS, Catalog, type CatalogDeps, type OfferingHook } from './keeper';
