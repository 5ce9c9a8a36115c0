import { median } from './stats';

/**
 * Price per normalised resource unit (NRU). 1 NRU ≈ 1 vCPU + 2 GiB RAM + 50 GiB storage, so
 * units = vcpu + ramGiB / 2 + storageGiB / 50, plus 10 per GPU (a GPU dominates the price of a
 * GPU server). Offerings are comparable when they share category and pricing token.
 */
export interface PricedSpec {
    offeringId: string;
    category: string;
    token: string;
    monthlyPrice: bigint;
    vcpu: number;
    ramGiB: number;
    storageGiB: number;
    gpus: number;
}

export const MIN_COMPARABLES = 3;
export const CHEAP_ANOMALY = -0.5;
export const EXPENSIVE_ANOMALY = 1.0;

export function resourceUnits(s: PricedSpec): number {
    return s.vcpu + s.ramGiB / 2 + s.storageGiB / 50 + s.gpus * 10;
}

export function pricePerUnit(s: PricedSpec): number | null {
    const units = resourceUnits(s);
    return units <= 0 ? null : Number(s.monthlyPrice) / units;
}

export const marketKey = (s: Pick<PricedSpec, 'category' | 'token'>): string => `${s.category}|${s.token}`;

/** A comparable set kept sorted by price per unit: [pricePerUnit, offeringId]. */
export type MarketIndex = [number, string][];

export function upsertIndex(index: MarketIndex, offeringId: string, ppu: number | null): MarketIndex {
    const rest = index.filter(([, id]) => id !== offeringId);
    if (ppu === null) return rest;
    const at = rest.findIndex(([p]) => p > ppu);
    const entry: [number, string] = [ppu, offeringId];
    return at < 0 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
}

export type MarketLabel = 'below_market' | 'at_market' | 'above_market';

export interface MarketPosition {
    pricePerUnit: number | null;
    marketMedian: number | null;
    comparables: number;
    deltaPct: number | null;
    label: string;
    anomaly: 'too_cheap' | 'too_expensive' | null;
}

/** Compares an offering with the median of the others in its comparable set. */
export function marketPosition(index: MarketIndex, offeringId: string, ppu: number | null): MarketPosition {
    const others = index.filter(([, id]) => id !== offeringId).map(([p]) => p);
    const marketMedian = others.length >= MIN_COMPARABLES ? median(others) : null;
    if (ppu === null || marketMedian === null || marketMedian <= 0) {
        return { pricePerUnit: ppu, marketMedian, comparables: others.length, deltaPct: null, label: 'not enough comparable offerings', anomaly: null };
    }
    const delta = (ppu - marketMedian) / marketMedian;
    const pct = Math.round(Math.abs(delta) * 100);
    const label = pct === 0 ? 'at market price' : `${pct}% ${delta < 0 ? 'below' : 'above'} market`;
    const anomaly = delta <= CHEAP_ANOMALY ? 'too_cheap' : delta >= EXPENSIVE_ANOMALY ? 'too_expensive' : null;
    return { pricePerUnit: ppu, marketMedian, comparables: others.length, deltaPct: Math.round(delta * 1000) / 10, label, anomaly };
}
