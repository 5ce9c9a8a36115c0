
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
/** Comparables must come from at least this many other providers: one rival's entries are no market. */
export const MIN_COMPARABLE_PROVIDERS = 3;
/** An offering below this many resource units (e.g. 0 CPU and 1 MB of RAM) has no plausible price per unit. */
export const MIN_UNITS = 1;
export const CHEAP_ANOMALY = -0.5;
export const EXPENSIVE_ANOMALY = 1.0;

export function resourceUnits(s: PricedSpec): number {
    return s.vcpu + s.ramGiB / 2 + s.storageGiB / 50 + s.gpus * 10;
}

export function pricePerUnit(s: PricedSpec): number | null {
    const units = resourceUnits(s);
    return units < MIN_UNITS ? null : Number(s.monthlyPrice) / units;
}

export const marketKey = (s: Pick<PricedSpec, 'category' | 'token'>): string => `${s.category}|${s.token}`;

/**
 * A comparable set kept sorted by price per unit: [pricePerUnit, offeringId, weight, provider].
 * The weight is the offering's independent served contracts (Σ tenant independence); entries of
 * the earlier layout have none and weigh 0.
 */
export type IndexEntry = [number, string, number?, string?];
export type MarketIndex = IndexEntry[];

export function upsertIndex(index: MarketIndex, offeringId: string, ppu: number | null, weight = 0, provider = ''): MarketIndex {
    const rest = index.filter(([, id]) => id !== offeringId);
    if (ppu === null) return rest;
    const at = rest.findIndex(([p]) => p > ppu);
    const entry: IndexEntry = [ppu, offeringId, weight, provider];
    return at < 0 ? [...rest, entry] : [...rest.slice(0, at), entry, ...rest.slice(at)];
}

/** Weighted median of entries sorted by price: the price where half the weight lies on each side. */
export function weightedMedian(entries: readonly (readonly [number, number])[]): number | null {
    const total = entries.reduce((a, [, w]) => a + w, 0);
    if (total <= 0) return null;
    let acc = 0;
    for (const [p, w] of entries) {
        acc += w;
        if (acc >= total / 2) return p;
    }
    return entries[entries.length - 1]![0];
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

/**
 * Compares an offering with the weighted median of other providers' offerings in its comparable
 * set: only entries with independent served contracts weigh, and they must come from at least
 * MIN_COMPARABLE_PROVIDERS providers, so a rival's entries served by its own sybils move nothing.
 */
export function marketPosition(index: MarketIndex, offeringId: string, ppu: number | null, provider = ''): MarketPosition {
    const others = index.filter(([, id, w = 0, by = '']) => id !== offeringId && w > 0 && (provider === '' || by !== provider));
    const providers = new Set(others.map(([, , , by = '']) => by)).size;
    const enough = others.length >= MIN_COMPARABLES && providers >= MIN_COMPARABLE_PROVIDERS;
    const marketMedian = enough ? weightedMedian(others.map(([p, , w = 0]) => [p, w] as const)) : null;
    if (ppu === null || marketMedian === null || marketMedian <= 0) {
        return { pricePerUnit: ppu, marketMedian, comparables: others.length, deltaPct: null, label: 'not enough comparable offerings', anomaly: null };
    }
    const delta = (ppu - marketMedian) / marketMedian;
    const pct = Math.round(Math.abs(delta) * 100);
    const label = pct === 0 ? 'at market price' : `${pct}% ${delta < 0 ? 'below' : 'above'} market`;
    const anomaly = delta <= CHEAP_ANOMALY ? 'too_cheap' : delta >= EXPENSIVE_ANOMALY ? 'too_expensive' : null;
    return { pricePerUnit: ppu, marketMedian, comparables: others.length, deltaPct: Math.round(delta * 1000) / 10, label, anomaly };
}
