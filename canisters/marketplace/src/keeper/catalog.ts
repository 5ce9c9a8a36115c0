// The catalog: providers and their offerings, the search index over them. Talks to the escrow
// only through the store it shares (offering stock is the escrow's to change).
import { scanDense } from '../kernel/lists';
import type { Lists } from '../kernel/lists';
import { itemId } from '../kernel/lists';
import { QUOTAS } from '../domain/limits';
import { validateOffering, validateProfile, type ProfileInput } from '../domain/offering';
import { facetGroups, facetItem, facetKey, itemMatches, matches, MAX_PAGE, SCAN_BUDGET, type FacetItem, type OfferingFilter, type Page, type TrustScoreHook } from '../domain/search';
import { err, ok, type MarketError, type Offering, type OfferingSpec, type Provider, type Result } from '../domain/types';
import type { Clock, Store } from './ports';

export const ANONYMOUS = '2vxsx-fae';

/** Called after an offering was created or its spec/price updated. */
export type OfferingHook = (offering: Offering) => void;

export interface CatalogDeps {
    store: Store;
    lists: Lists;
    clock: Clock;
    /** Token symbols accepted for offerings. */
    tokens(): string[];
    offeringHooks: OfferingHook[];
    trustScore(): TrustScoreHook | undefined;
}

export const CATALOG_LISTS = {
    offeringsProvider: (p: string) => `of|${p}`,
    providers: 'pv'
} as const;

const notFound = (what: string, id: string | bigint): MarketError => ({ NotFound: { what, id: String(id) } });
const unauthorized = (action: string, reason: string): MarketError => ({ Unauthorized: { action, reason } });

export class Catalog {
    constructor(private readonly d: CatalogDeps) {}


    registerProvider(caller: string, input: ProfileInput): Result<Provider> {
        if (caller === ANONYMOUS) return err(unauthorized('registerProvider', 'anonymous caller'));
        if (this.d.store.providers.get(caller) !== undefined) return err({ AlreadyExists: { what: 'provider', id: caller } });
        const e = validateProfile(input);
        if (e !== null) return err(e);
        const now = this.d.clock();
        const p: Provider = { id: caller, ...input, registeredAt: now, updatedAt: now };
        this.d.store.providers.put(caller, p);
        this.d.lists.add(CATALOG_LISTS.providers, [this.d.lists.count(CATALOG_LISTS.providers) + 1, caller], false);
        return ok(p);
    }

    updateProvider(caller: string, input: ProfileInput): Result<Provider> {
        const old = this.d.store.providers.get(caller);
        if (old === undefined) return err(unauthorized('updateProvider', 'caller is not a registered provider'));
        const e = validateProfile(input);
        if (e !== null) return err(e);
        const p: Provider = { ...old, ...input, id: caller, updatedAt: this.d.clock() };
        this.d.store.providers.put(caller, p);
        return ok(p);
    }

    /** `notify` false: bench seeding only (the other domains' hooks are skipped, see benchSeedOfferings). */
    createOffering(caller: string, spec: OfferingSpec, notify = true): Result<Offering> {
        if (this.d.store.providers.get(caller) === undefined) return err(unauthorized('createOffering', 'caller is not a registered provider'));
        const e = validateOffering(spec, this.d.tokens());
        if (e !== null) return err(e);
        const mine = this.d.lists.count(CATALOG_LISTS.offeringsProvider(caller));
        if (mine >= QUOTAS.offeringsPerProvider) return err({ QuotaExceeded: { what: 'offerings per provider', limit: QUOTAS.offeringsPerProvider } });
        const now = this.d.clock();
        const o: Offering = { ...spec, id: BigInt(this.d.store.offerings.len()) + 1n, provider: caller, active: true, inUse: 0, createdAt: now, updatedAt: now };
        this.d.store.offerings.put(o.id, o);
        this.d.lists.add(CATALOG_LISTS.offeringsProvider(caller), Number(o.id), false);
        this.indexOffering(undefined, o);
        if (notify) for (const h of this.d.offeringHooks) h(o);
        return ok(o);
    }

    /** The search lists follow the offering: out of its old facets, into the new ones while active. */
    private indexOffering(before: Offering | undefined, o: Offering): void {
        const id = Number(o.id);
        const old = before?.active === true ? facetGroups(before) : [];
        const now = o.active ? facetGroups(o) : [];
        const item = facetItem(o);
        for (const g of old) if (!now.includes(g)) this.d.lists.remove(g, id);
        for (const g of now) {
            if (old.includes(g)) this.d.lists.replace(g, item);
            else this.d.lists.add(g, item, true);
        }
    }

    private ownOffering(caller: string, id: bigint, action: string): Result<Offering> {
        const o = this.d.store.offerings.get(id);
        if (o === undefined) return err(notFound('offering', id));
        if (o.provider !== caller) return err(unauthorized(action, 'caller is not the offering\'s provider'));
        return ok(o);
    }

    updateOffering(caller: string, id: bigint, spec: OfferingSpec): Result<Offering> {
        const r = this.ownOffering(caller, id, 'updateOffering');
        if ('Err' in r) return r;
        const e = validateOffering(spec, this.d.tokens());
        if (e !== null) return err(e);
        const o: Offering = { ...r.Ok, ...spec, id, provider: caller, updatedAt: this.d.clock() };
        this.d.store.offerings.put(id, o);
        this.indexOffering(r.Ok, o);
        for (const h of this.d.offeringHooks) h(o);
        return ok(o);
    }

    setOfferingActive(caller: string, id: bigint, active: boolean): Result<Offering> {
        const r = this.ownOffering(caller, id, 'setOfferingActive');
        if ('Err' in r) return r;
        const o = { ...r.Ok, active, updatedAt: this.d.clock() };
        this.d.store.offerings.put(id, o);
        this.indexOffering(r.Ok, o);
        for (const h of this.d.offeringHooks) h(o);
        return ok(o);
    }

    /**
     * One page of offerings matching `filter`, from `cursor` (0 = the start; a page's `next`
     * continues it). Active offerings come from the facet list of the filter's type/region/token,
     * a provider's from its own list, inactive ones from the id order. Price and spec filters are
     * checked on the index entries; location, stock and trust on the record, at most SCAN_BUDGET
     * records per page (the page may then be short, with `next` set).
     */
    searchOfferings(filter: OfferingFilter, cursor: number, limit: number): Page<Offering> {
        const lim = Math.max(0, Math.min(limit, MAX_PAGE));
        const keep = (o: Offering): boolean => matches(o, filter, this.d.trustScore());
        if (filter.provider === undefined && filter.includeInactive === true) return scanDense(this.d.store.offerings.len(), cursor, lim, (id) => this.d.store.offerings.get(id), keep);
        const g = filter.provider !== undefined ? CATALOG_LISTS.offeringsProvider(filter.provider) : facetKey(filter);
        const faceted = filter.provider === undefined;
        const items: Offering[] = [];
        let reads = 0;
        const r = this.d.lists.scan(g, cursor, (i) => {
            if (items.length >= lim || reads >= SCAN_BUDGET) return false;
            if (faceted && !itemMatches(i as FacetItem, filter)) return true;
            reads++;
            const o = this.d.store.offerings.get(BigInt(itemId(i)));
            if (o !== undefined && keep(o)) items.push(o);
            return true;
        });
        return { items, total: r.total, next: r.next };
    }

    listProviders(cursor: number, limit: number): Page<Provider> {
        const page = this.d.lists.page(CATALOG_LISTS.providers, cursor, Math.max(0, Math.min(limit, MAX_PAGE)));
        const items = page.items.map((i) => this.d.store.providers.get((i as [number, string])[1])!).filter((p) => p !== undefined);
        return { items, total: page.total, next: page.next };
    }
}
