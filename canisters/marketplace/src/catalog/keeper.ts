// The catalog: providers and their offerings, the search index over them. Its changes are planned
// over the same read-only view as the escrow's and written by the same apply (offering stock is
// the escrow's to change).
import { itemId, MAX_PAGE, scanDense, type Lists, type Page } from '../kernel/lists';
import { QUOTAS } from '../kernel/limits';
import { validateOffering, validateProfile, type ProfileInput } from './domain/offering';
import { allKey, facetGroups, facetItem, facetKey, fromCursor, itemMatches, matches, ROUNDS, roundKey, roundOf, SCAN_BUDGET, toCursor, type FacetItem, type OfferingFilter, type TrustScoreHook } from './domain/search';
import { ANONYMOUS, err, ok, type Offering, type OfferingSpec, type Provider, type Result } from '../kernel/records';
import { notFound, unauthorized } from '../kernel/error';
import type { Clock } from '../kernel/time';
import { Draft, type EscrowView, type Plan, type Store } from '../escrow/exports';

/** Called after an offering was created or its spec/price updated. */
export type OfferingHook = (offering: Offering) => void;

export interface CatalogDeps {
    store: Store;
    lists: Lists;
    clock: Clock;
    /** Token symbols accepted for offerings. */
    tokens(): string[];
    trustScore(): TrustScoreHook | undefined;
    /** The read-only view planners read, and the one apply that writes their effects. */
    view: EscrowView;
    commit<T>(plan: Plan<T>): T;
}

export const CATALOG_LISTS = {
    offeringsProvider: (p: string) => `of|${p}`,
    providers: 'pv'
} as const;


export function planRegisterProvider(v: EscrowView, caller: string, input: ProfileInput, now: bigint): Result<Plan<Provider>> {
    if (caller === ANONYMOUS) return unauthorized('registerProvider', 'anonymous caller');
    if (v.provider(caller) !== undefined) return err({ AlreadyExists: { what: 'provider', id: caller } });
    const e = validateProfile(input);
    if (e !== null) return err(e);
    const d = new Draft(v, now);
    const p = d.putProvider({ id: caller, ...input, registeredAt: now, updatedAt: now });
    d.list({ op: 'add', list: CATALOG_LISTS.providers, item: [v.listCount(CATALOG_LISTS.providers) + 1, caller], removable: false });
    return ok(d.done(p));
}

export function planUpdateProvider(v: EscrowView, caller: string, input: ProfileInput, now: bigint): Result<Plan<Provider>> {
    const old = v.provider(caller);
    if (old === undefined) return unauthorized('updateProvider', 'caller is not a registered provider');
    const e = validateProfile(input);
    if (e !== null) return err(e);
    const d = new Draft(v, now);
    return ok(d.done(d.putProvider({ ...old, ...input, id: caller, updatedAt: now })));
}

/** An offering's search round (domain/search.ts): read from the index, or from its place in its provider's list. */
export type RoundOf = (o: Offering) => number;

/** The search lists follow the offering: out of its old facets, into the new ones while active (same round). */
function indexOffering(d: Draft, before: Offering | undefined, o: Offering, round: number): void {
    const id = Number(o.id);
    const old = before?.active === true ? facetGroups(before, round) : [];
    const now = o.active ? facetGroups(o, round) : [];
    const item = facetItem(o);
    for (const g of old) if (!now.includes(g)) d.list({ op: 'remove', list: g, id });
    for (const g of now) d.list(old.includes(g) ? { op: 'replace', list: g, item } : { op: 'add', list: g, item, removable: true });
}

/** `notify` false: bench seeding only (the other domains' hooks are skipped, see benchSeedOfferings). */
export function planCreateOffering(v: EscrowView, caller: string, spec: OfferingSpec, tokens: string[], notify: boolean, now: bigint): Result<Plan<Offering>> {
    if (v.provider(caller) === undefined) return unauthorized('createOffering', 'caller is not a registered provider');
    const e = validateOffering(spec, tokens);
    if (e !== null) return err(e);
    if (v.listCount(CATALOG_LISTS.offeringsProvider(caller)) >= QUOTAS.offeringsPerProvider) return err({ QuotaExceeded: { what: 'offerings per provider', limit: QUOTAS.offeringsPerProvider } });
    const d = new Draft(v, now);
    const o: Offering = { ...spec, id: d.nextOfferingId(), provider: caller, active: true, inUse: 0, createdAt: now, updatedAt: now };
    d.putOffering(o);
    const ordinal = v.listCount(CATALOG_LISTS.offeringsProvider(caller));
    d.list({ op: 'add', list: CATALOG_LISTS.offeringsProvider(caller), item: Number(o.id), removable: false });
    indexOffering(d, undefined, o, roundOf(ordinal));
    if (notify) d.notifyOffering(o);
    return ok(d.done(o));
}

function ownOffering(v: EscrowView, caller: string, id: bigint, action: string): Result<Offering> {
    const o = v.offering(id);
    if (o === undefined) return notFound('offering', id);
    if (o.provider !== caller) return unauthorized(action, "caller is not the offering's provider");
    return ok(o);
}

export function planUpdateOffering(v: EscrowView, caller: string, id: bigint, spec: OfferingSpec, tokens: string[], round: RoundOf, now: bigint): Result<Plan<Offering>> {
    const r = ownOffering(v, caller, id, 'updateOffering');
    if ('Err' in r) return r;
    const e = validateOffering(spec, tokens);
    if (e !== null) return err(e);
    return ok(changeOffering(v, r.Ok, { ...r.Ok, ...spec, id, provider: caller, updatedAt: now }, round(r.Ok), now));
}

export function planSetOfferingActive(v: EscrowView, caller: string, id: bigint, active: boolean, round: RoundOf, now: bigint): Result<Plan<Offering>> {
    const r = ownOffering(v, caller, id, 'setOfferingActive');
    return 'Err' in r ? r : ok(changeOffering(v, r.Ok, { ...r.Ok, active, updatedAt: now }, round(r.Ok), now));
}

function changeOffering(v: EscrowView, before: Offering, o: Offering, round: number, now: bigint): Plan<Offering> {
    const d = new Draft(v, now);
    d.putOffering(o);
    indexOffering(d, before, o, round);
    d.notifyOffering(o);
    return d.done(o);
}

export class Catalog {
    constructor(private readonly d: CatalogDeps) {}

    private run<T>(r: Result<Plan<T>>): Result<T> {
        return 'Err' in r ? r : ok(this.d.commit(r.Ok));
    }

    registerProvider = (caller: string, input: ProfileInput): Result<Provider> => this.run(planRegisterProvider(this.d.view, caller, input, this.d.clock()));
    updateProvider = (caller: string, input: ProfileInput): Result<Provider> => this.run(planUpdateProvider(this.d.view, caller, input, this.d.clock()));
    createOffering = (caller: string, spec: OfferingSpec, notify = true): Result<Offering> => this.run(planCreateOffering(this.d.view, caller, spec, this.d.tokens(), notify, this.d.clock()));
    updateOffering = (caller: string, id: bigint, spec: OfferingSpec): Result<Offering> => this.run(planUpdateOffering(this.d.view, caller, id, spec, this.d.tokens(), this.roundOf, this.d.clock()));
    setOfferingActive = (caller: string, id: bigint, active: boolean): Result<Offering> => this.run(planSetOfferingActive(this.d.view, caller, id, active, this.roundOf, this.d.clock()));

    /** The round whose list holds the offering, else its place among its provider's first offerings (at most ROUNDS reads each). */
    private readonly roundOf: RoundOf = (o) => {
        const id = Number(o.id);
        for (let r = 0; r < ROUNDS; r++) if (this.d.lists.has(allKey(r), id)) return r;
        const k = this.d.lists.page(CATALOG_LISTS.offeringsProvider(o.provider), 0, ROUNDS - 1).items.map(itemId).indexOf(id);
        return roundOf(k < 0 ? ROUNDS : k);
    };

    /**
     * One page of offerings matching `filter`, from `cursor` (0 = the start; a page's `next`
     * continues it). Active offerings come from the facet lists of the filter's type/region/token,
     * round by round (domain/search.ts), a provider's from its own list, inactive ones from the id
     * order. Price and spec filters are checked on the index entries; location, stock and trust on
     * the record, at most SCAN_BUDGET records per page (the page may then be short, with `next` set).
     */
    searchOfferings(filter: OfferingFilter, cursor: number, limit: number): Page<Offering> {
        const lim = Math.max(0, Math.min(limit, MAX_PAGE));
        const keep = (o: Offering): boolean => matches(o, filter, this.d.trustScore());
        if (filter.provider === undefined && filter.includeInactive === true) return scanDense(this.d.store.offerings.len(), cursor, lim, (id) => this.d.store.offerings.get(id), keep);
        if (filter.provider !== undefined) return this.scanList(CATALOG_LISTS.offeringsProvider(filter.provider), cursor, lim, false, filter, keep, { reads: 0 });
        const key = facetKey(filter);
        const at = fromCursor(cursor);
        const items: Offering[] = [];
        const budget = { reads: 0 };
        let total = 0;
        let next: number | null = null;
        for (let r = 0; r < ROUNDS; r++) {
            if (r < at.round || next !== null) {
                total += this.d.lists.count(roundKey(key, r));
                continue;
            }
            const page = this.scanList(roundKey(key, r), r === at.round ? at.list : 0, lim - items.length, true, filter, keep, budget);
            items.push(...page.items);
            total += page.total;
            if (page.next !== null) next = toCursor(r, page.next);
            else if (items.length >= lim && r + 1 < ROUNDS) next = toCursor(r + 1, 0);
        }
        return { items, total, next };
    }

    /** Up to `lim` offerings of one list from `cursor`; `budget` counts the records this page read (SCAN_BUDGET). */
    private scanList(g: string, cursor: number, lim: number, faceted: boolean, filter: OfferingFilter, keep: (o: Offering) => boolean, budget: { reads: number }): Page<Offering> {
        const items: Offering[] = [];
        const r = this.d.lists.scan(g, cursor, (i) => {
            if (items.length >= lim || budget.reads >= SCAN_BUDGET) return false;
            if (faceted && !itemMatches(i as FacetItem, filter)) return true;
            budget.reads++;
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
