import type { Offering, OfferingFilters } from './types';

/** Filters and sorts offerings on the client (the full list is small and already cached). */
export function applyFilters(
    offerings: Offering[],
    f: OfferingFilters,
    trustOf: (provider: string) => number | undefined,
    parsePrice: (text: string) => bigint | undefined,
    /** Sorting by trust uses the score's lower confidence bound ("100% of 2" below "99% of 300"). */
    rankOf: (provider: string) => number | undefined = trustOf
): Offering[] {
    const q = f.search.trim().toLowerCase();
    const maxPrice = f.maxPrice === '' ? undefined : parsePrice(f.maxPrice);
    const num = (s: string) => (s === '' ? undefined : Number(s));
    const minCpu = num(f.minCpuCores);
    const minRam = num(f.minRamGb);
    const minDisk = num(f.minStorageGb);
    const minTrust = num(f.minTrust);
    const out = offerings.filter((o) => {
        if (!o.active) return false;
        if (q !== '' && !`${o.name} ${o.description} ${o.providerName ?? ''} ${o.city} ${o.country}`.toLowerCase().includes(q)) return false;
        if (f.productType !== '' && o.productType !== f.productType) return false;
        if (f.region !== '' && o.region !== f.region) return false;
        if (maxPrice !== undefined && o.pricePerMonth > maxPrice) return false;
        if (minCpu !== undefined && o.cpuCores < minCpu) return false;
        if (minRam !== undefined && o.ramMb < minRam * 1024) return false;
        if (minDisk !== undefined && o.storageGb < minDisk) return false;
        if (minTrust !== undefined && (trustOf(o.provider) ?? -1) < minTrust) return false;
        if (f.availableOnly && o.inUse >= o.stock) return false;
        return true;
    });
    const cmpBig = (a: bigint, b: bigint) => (a < b ? -1 : a > b ? 1 : 0);
    const byId = (a: Offering, b: Offering) => cmpBig(a.id, b.id);
    const sorters: Record<OfferingFilters['sort'], (a: Offering, b: Offering) => number> = {
        'price-asc': (a, b) => cmpBig(a.pricePerMonth, b.pricePerMonth) || byId(a, b),
        'price-desc': (a, b) => cmpBig(b.pricePerMonth, a.pricePerMonth) || byId(a, b),
        'trust-desc': (a, b) => (rankOf(b.provider) ?? -1) - (rankOf(a.provider) ?? -1) || cmpBig(a.pricePerMonth, b.pricePerMonth),
        'cpu-desc': (a, b) => b.cpuCores - a.cpuCores || cmpBig(a.pricePerMonth, b.pricePerMonth),
        'ram-desc': (a, b) => b.ramMb - a.ramMb || cmpBig(a.pricePerMonth, b.pricePerMonth),
        newest: (a, b) => byId(b, a)
    };
    return out.sort(sorters[f.sort]);
}

export function regionsOf(offerings: Offering[]): string[] {
    return [...new Set(offerings.map((o) => o.region).filter((r) => r !== ''))].sort();
}

/** Filters ⇄ URL search params, so a filtered view can be shared and survives reload. */
export function filtersFromParams(p: URLSearchParams, defaults: OfferingFilters): OfferingFilters {
    const f = { ...defaults } as Record<string, string | boolean>;
    for (const k of Object.keys(defaults)) {
        const v = p.get(k);
        if (v === null) continue;
        f[k] = typeof (defaults as unknown as Record<string, unknown>)[k] === 'boolean' ? v === '1' : v;
    }
    return f as unknown as OfferingFilters;
}

export function filtersToParams(f: OfferingFilters, defaults: OfferingFilters): URLSearchParams {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(f)) {
        if (v === (defaults as unknown as Record<string, unknown>)[k]) continue;
        p.set(k, typeof v === 'boolean' ? (v ? '1' : '0') : String(v));
    }
    return p;
}
