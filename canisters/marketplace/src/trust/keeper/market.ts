import { marketKey, marketPosition, pricePerUnit, upsertIndex, type MarketIndex, type MarketPosition, type PricedSpec } from '../domain/market';
import type { OfferingView, Table } from '../ports';
import type { Ctx } from './context';
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
 * The price index holds active offerings of providers with at least one provisioned paid contract:
 * offerings nobody can rent, or of providers nobody paid, cannot move a market price.
 */
export function indexable(ctx: Ctx, o: OfferingView): boolean {
    return o.active && ctx.provider(o.provider).contracts.provisioned > 0;
}

/** Brings an offering's market entry in line with its current price, specs and activity, and returns its record. */
export function offeringTrust(ctx: Ctx, o: OfferingView): OfferingTrust {
    const prev = ctx.tx.offerings.get(o.id);
    const spec = pricedSpec(o);
    const key = marketKey(spec);
    const ppu = pricePerUnit(spec);
    const indexed = indexable(ctx, o);
    if (prev !== undefined && prev.marketKey === key && prev.pricePerUnit === ppu && (prev.indexed ?? true) === indexed && prev.name === o.name) return prev;
    if (prev !== undefined && prev.marketKey !== key) ctx.tx.market.put(prev.marketKey, upsertIndex(ctx.tx.market.get(prev.marketKey) ?? [], o.id, null));
    ctx.tx.market.put(key, upsertIndex(ctx.tx.market.get(key) ?? [], o.id, indexed ? ppu : null));
    const next: OfferingTrust = { offeringId: o.id, provider: o.provider, name: o.name, indexed, marketKey: key, pricePerUnit: ppu, measurements: prev?.measurements ?? {}, claims: prev?.claims ?? [] };
    ctx.tx.offerings.put(o.id, next);
    const p = ctx.provider(o.provider);
    if (!p.offerings.includes(o.id)) ctx.saveProvider({ ...p, offerings: [...p.offerings, o.id] });
    else ctx.touched.add(o.provider);
    return next;
}

/** Re-indexes a provider's offerings (its first provisioned paid contract makes them count). */
export function reindexProvider(ctx: Ctx, provider: string): void {
    for (const id of ctx.provider(provider).offerings) {
        const o = ctx.market.offering(id);
        if (o !== undefined) offeringTrust(ctx, o);
    }
}

/** Re-reads every offering (after an upgrade, or when offerings changed without a hook). */
export function refreshMarket(ctx: Ctx): number {
    const all = ctx.market.allOfferings();
    for (const o of all) offeringTrust(ctx, o);
    return all.length;
}

/** Market positions with a per-call cache of comparable sets. */
export class MarketView {
    private readonly cache = new Map<string, MarketIndex>();

    constructor(
        private readonly offerings: Table<string, OfferingTrust>,
        private readonly market: Table<string, MarketIndex>
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
        return { offeringId, ...meta, claims: ot.claims, ...marketPosition(index, offeringId, ot.pricePerUnit) };
    }
}
