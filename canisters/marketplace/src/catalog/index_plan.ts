// The catalog's lists and how an offering's search entries follow it: planned into a Draft, written
// by the escrow's one apply. Only listed providers' active offerings are in the search lists.
import { facetGroups, facetItem } from './domain/search';
import type { Offering } from '../kernel/records';
import type { Draft } from '../escrow/exports';

export const CATALOG_LISTS = {
    offeringsProvider: (p: string) => `of|${p}`,
    providers: 'pv'
} as const;

/** An offering's search round (domain/search.ts): read from the index, or from its place in its provider's list. */
export type RoundOf = (o: Offering) => number;

/** The search lists follow the offering: out of its old facets, into the new ones while active and listed (same round). */
export function indexOffering(d: Draft, before: Offering | undefined, o: Offering, round: number, listed: boolean): void {
    if (!listed) return;
    const id = Number(o.id);
    const old = before?.active === true ? facetGroups(before, round) : [];
    const now = o.active ? facetGroups(o, round) : [];
    const item = facetItem(o);
    for (const g of old) if (!now.includes(g)) d.list({ op: 'remove', list: g, id });
    for (const g of now) d.list(old.includes(g) ? { op: 'replace', list: g, item } : { op: 'add', list: g, item, removable: true });
}
