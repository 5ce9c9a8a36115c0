// Offering search: filters and pagination over plain offerings.
import { paginate, type Page } from '../../kernel/lists';
import type { Offering, ProductType } from '../../kernel/records';

export interface OfferingFilter {
    provider?: string;
    productType?: ProductType;
    region?: string;
    country?: string;
    city?: string;
    token?: string;
    minPrice?: bigint;
    maxPrice?: bigint;
    minCpuCores?: number;
    minRamMb?: number;
    minStorageGb?: number;
    minBandwidthMbps?: number;
    gpu?: boolean;
    /** Only offerings with free stock. */
    available?: boolean;
    includeInactive?: boolean;
    /** Minimum trust score of the provider; needs a `trustScore` hook (the trust domain supplies it). */
    minTrustScore?: number;
}

export type TrustScoreHook = (provider: string) => number | null;

const eq = (a: string, b: string | undefined): boolean => b === undefined || a.toLowerCase() === b.toLowerCase();

export function matches(o: Offering, f: OfferingFilter, trustScore?: TrustScoreHook): boolean {
    if (!o.active && f.includeInactive !== true) return false;
    if (f.provider !== undefined && o.provider !== f.provider) return false;
    if (f.productType !== undefined && o.productType !== f.productType) return false;
    if (!eq(o.region, f.region) || !eq(o.country, f.country) || !eq(o.city, f.city)) return false;
    if (f.token !== undefined && o.token !== f.token) return false;
    if (f.minPrice !== undefined && o.pricePerMonth < f.minPrice) return false;
    if (f.maxPrice !== undefined && o.pricePerMonth > f.maxPrice) return false;
    if (f.minCpuCores !== undefined && o.cpuCores < f.minCpuCores) return false;
    if (f.minRamMb !== undefined && o.ramMb < f.minRamMb) return false;
    if (f.minStorageGb !== undefined && o.storageGb < f.minStorageGb) return false;
    if (f.minBandwidthMbps !== undefined && o.bandwidthMbps < f.minBandwidthMbps) return false;
    if (f.gpu !== undefined && (o.gpuCount > 0) !== f.gpu) return false;
    if (f.available === true && o.inUse >= o.stock) return false;
    if (f.minTrustScore !== undefined && trustScore !== undefined) {
        const s = trustScore(o.provider);
        if (s === null || s < f.minTrustScore) return false;
    }
    return true;
}

// ------------------------------------------------------------ the search index
// An active offering is listed under every combination of its type, region and token (8 lists);
// each entry carries the numeric facets, so the price and spec filters are checked on the index
// entry and only matching offerings are read.

const lc = (s: string): string => s.toLowerCase();

export function facetKey(f: { productType?: string; region?: string; token?: string }): string {
    return `oa|${f.productType ?? '*'}|${f.region === undefined ? '*' : lc(f.region)}|${f.token ?? '*'}`;
}

// Listing is free, so one provider's offerings must not fill a page: each facet list comes in ROUNDS
// rounds, a provider's k-th offering in round min(k, ROUNDS - 1), and a search walks the rounds in
// order. A page shows every provider's first offering before anyone's second, and one provider takes
// at most ROUNDS - 1 places ahead of the others' firsts, whatever the size of the catalogue.
export const ROUNDS = 4;

/** The round of a provider's `ordinal`-th offering (0-based, creation order). */
export const roundOf = (ordinal: number): number => Math.min(Math.max(0, ordinal), ROUNDS - 1);

/** Round 0 keeps the plain facet key (offerings indexed before the rounds stay there). */
export const roundKey = (key: string, round: number): string => (round === 0 ? key : `${key}#${round}`);

/** The facet list that holds every active offering of a round. */
export const allKey = (round: number): string => roundKey(facetKey({}), round);

/** A search cursor is (round, cursor within the round's list): round + ROUNDS × list cursor. */
export const toCursor = (round: number, list: number): number => list * ROUNDS + round;
export const fromCursor = (c: number): { round: number; list: number } => ({ round: c % ROUNDS, list: Math.floor(c / ROUNDS) });

export function facetGroups(o: Offering, round: number): string[] {
    const out: string[] = [];
    for (const t of [o.productType, undefined])
        for (const r of [o.region, undefined]) for (const k of [o.token, undefined]) out.push(roundKey(facetKey({ productType: t, region: r, token: k }), round));
    return out;
}

/** [id, price, cpu, ram, storage, bandwidth, gpus] */
export type FacetItem = [number, string, number, number, number, number, number];

export function facetItem(o: Offering): FacetItem {
    return [Number(o.id), o.pricePerMonth.toString(), o.cpuCores, o.ramMb, o.storageGb, o.bandwidthMbps, o.gpuCount];
}

export function itemMatches(i: FacetItem, f: OfferingFilter): boolean {
    if (f.minPrice !== undefined || f.maxPrice !== undefined) {
        const price = BigInt(i[1]);
        if (f.minPrice !== undefined && price < f.minPrice) return false;
        if (f.maxPrice !== undefined && price > f.maxPrice) return false;
    }
    if (f.minCpuCores !== undefined && i[2] < f.minCpuCores) return false;
    if (f.minRamMb !== undefined && i[3] < f.minRamMb) return false;
    if (f.minStorageGb !== undefined && i[4] < f.minStorageGb) return false;
    if (f.minBandwidthMbps !== undefined && i[5] < f.minBandwidthMbps) return false;
    if (f.gpu !== undefined && i[6] > 0 !== f.gpu) return false;
    return true;
}

/** Records one search page may read when a filter is checked on the record (bounded work; the page then continues). */
export const SCAN_BUDGET = 100;

export function search(all: Iterable<Offering>, f: OfferingFilter, offset: number, limit: number, trustScore?: TrustScoreHook): Page<Offering> {
    const found: Offering[] = [];
    for (const o of all) if (matches(o, f, trustScore)) found.push(o);
    return paginate(found, offset, limit);
}
