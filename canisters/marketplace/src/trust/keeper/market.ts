import { marketKey, marketPosition, pricePerUnit, upsertIndex, type MarketIndex, type MarketPosition, type PricedSpec } from '../domain/market';
import type { OfferingView } from '../ports';
import type { Draft } from './effects';
import type { Rows } from './view';
import type { OfferingTrust } from './state';

export const pricedSpec = (o: OfferingView): PricedSpec => ({
    offeringId: o.id,
    category: o.category,
    token: o.token,
    monthlyPrice: o.monthlyPrice,
    vcpu: o.vcpu,
    ramGiB: o.ramGiB,
    storageGiB: o.storageGiB,
    gpus: o.gpus
});

/**
 * The price index holds active offerings that someone paid for and was served: offerings nobody
 * can rent, or that nobody ever paid for (free to create), cannot move a market price.
 */
export function indexable(ctx: Draft, o: OfferingView): boolean {
    return o.active && ctx.get('offerings', o.id)?.served === true;
}

/** Brings an offering's market entry in line with its current price, specs and activity, and returns its record. */
export function offeringTrust(ctx: Draft, o: OfferingView): OfferingTrust {
    const prev = ctx.get('offerings', o.id);
    const spec = pricedSpec(o);
    const key = marketKey(spec);
    const ppu = pricePerUnit(spec);
    const indexed = indexable(ctx, o);
    const weight = prev?.independentServed ?? 0;
    const entry = (ctx.get('market', key) ?? []).find(([, id]) => id === o.id);
    const inSync = (entry === undefined) === !(indexed && ppu !== null) && (entry === undefined || entry[2] === weight);
    if (prev !== undefined && prev.marketKey === key && prev.pricePerUnit === ppu && (prev.indexed ?? true) === indexed && prev.name === o.name && inSync) return prev;
    if (prev !== undefined && prev.marketKey !== key) ctx.put('market', prev.marketKey, upsertIndex(ctx.get('market', prev.marketKey) ?? [], o.id, null));
    ctx.put('market', key, upsertIndex(ctx.get('market', key) ?? [], o.id, indexed ? ppu : null, weight, o.provider));
    const next: OfferingTrust = { ...prev, offeringId: o.id, provider: o.provider, name: o.name, indexed, served: prev?.served ?? false, marketKey: key, pricePerUnit: ppu, measurements: prev?.measurements ?? {}, claims: prev?.claims ?? [] };
    ctx.put('offerings', o.id, next);
    const p = ctx.provider(o.provider);
    if (!p.offerings.includes(o.id)) ctx.saveProvider({ ...p, offerings: [...p.offerings, o.id] });
    else ctx.touched.add(o.provider);
    return next;
}

/**
 * A provisioned paid contract of an offering brings it into the price index (while active) and
 * adds its tenant's independence to the offering's weight there: entries served only by sybils
 * weigh nothing.
 */
export function markServed(ctx: Draft, offeringId: string, independence: number): void {
    const o = ctx.market.offering(offeringId);
    if (o === undefined) return;
    const prev = offeringTrust(ctx, o);
    if (prev.served === true && independence === 0) return;
    ctx.put('offerings', o.id, { ...prev, served: true, independentServed: (prev.independentServed ?? 0) + independence });
    offeringTrust(ctx, o);
}

/** Re-reads every offering (after an upgrade, or when offerings changed without a hook). */
export function refreshMarket(ctx: Draft): number {
    const all = ctx.market.allOfferings();
    for (const o of all) offeringTrust(ctx, o);
    return all.length;
}

/** Market positions with a per-call cache of comparable sets. */
export class MarketView {
    private readonly cache = new Map<string, MarketIndex>();

    constructor(
        private readonly offerings: Rows<OfferingTrust>,
        private readonly market: Rows<MarketIndex>
    ) {}

    position(offeringId: string): (MarketPosition & { offeringId: string; name: string; indexed: boolean; claims: OfferingTrust['claims'] }) | null {
        const ot = this.offerings.get(offeringId);
        if (ot === undefined) return null;
        const meta = { name: ot.name ?? `offering ${offeringId}`, indexed: ot.indexed ?? true };
        let index = this.cache.get(ot.marketKey);
        if (index === undefined) {
            index = this.market.get(ot.marketKey) ?? [];
            this.cache.set(ot.marketKey, index);
        }
        return { offeringId, ...meta, claims: ot.claims, ...marketPosition(index, offeringId, ot.pricePerUnit, ot.provider) };
    }
}
