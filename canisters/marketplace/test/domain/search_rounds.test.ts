// Catalogue spam (issue 19, part 1): listing is free, so search pages interleave providers: every
// provider's first offering comes before anyone's second, and one provider's many offerings take
// at most ROUNDS - 1 places ahead of a later newcomer's first, over pages the cursor walks.
import { describe, expect, it } from 'vitest';
import { ROUNDS } from '../../src/catalog/domain/search';
import type { OfferingFilter } from '../../src/catalog/exports';
import type { Offering } from '../../src/kernel/records';
import { harness } from './harness';

const all = (h: ReturnType<typeof harness>, filter: OfferingFilter, limit: number): { pages: Offering[][]; total: number } => {
    const pages: Offering[][] = [];
    let cursor: number | null = 0;
    let total = 0;
    while (cursor !== null && pages.length < 100) {
        const p = h.market.searchOfferings(filter, cursor, limit);
        pages.push(p.items);
        total = p.total;
        cursor = p.next;
    }
    return { pages, total };
};

function spammed() {
    const h = harness();
    h.provider('spammer');
    for (let i = 0; i < 24; i++) h.offering({ name: `spam ${i}` }, 'spammer');
    h.provider('newcomer');
    const mine = h.offering({ name: 'honest', pricePerMonth: 900_000n }, 'newcomer');
    return { h, mine };
}

describe('search pages interleave providers', () => {
    it("24 offerings of one provider leave room on the first page for a later newcomer's first", () => {
        const { h, mine } = spammed();
        const first = h.market.searchOfferings({}, 0, 24);
        expect(first.items.map((o) => o.id)).toContain(mine.id);
        expect(first.items.filter((o) => o.provider === 'spammer').length).toBe(23);
        // The newcomer's first offering comes right after the spammer's first: round 0 in creation order.
        expect(first.items.slice(0, 2).map((o) => o.provider)).toEqual(['spammer', 'newcomer']);
        expect(first.total).toBe(25);
    });

    it('the cursor walks every active offering exactly once, across rounds and small pages, with filters', () => {
        const { h, mine } = spammed();
        for (const limit of [1, 5, 7, 24, 100]) {
            const { pages, total } = all(h, {}, limit);
            const ids = pages.flat().map((o) => o.id);
            expect(new Set(ids).size).toBe(25);
            expect(ids.length).toBe(25);
            expect(total).toBe(25);
            expect(ids.indexOf(mine.id)).toBe(1);
        }
        const cheap = all(h, { maxPrice: 800_000n }, 5).pages.flat();
        expect(cheap.length).toBe(24);
        expect(cheap.every((o) => o.provider === 'spammer')).toBe(true);
    });

    it('an offering keeps its round through updates and pauses; a provider filter reads its own list in creation order', () => {
        const { h, mine } = spammed();
        const spam = h.market.searchOfferings({ provider: 'spammer' }, 0, 100).items;
        expect(spam.map((o) => o.name)).toEqual(Array.from({ length: 24 }, (_, i) => `spam ${i}`));
        // The spammer pauses and republishes its tail: the republished offerings do not move ahead.
        for (const o of spam.slice(ROUNDS)) {
            expect('Ok' in h.market.setOfferingActive('spammer', o.id, false)).toBe(true);
            expect('Ok' in h.market.setOfferingActive('spammer', o.id, true)).toBe(true);
            expect('Ok' in h.market.updateOffering('spammer', o.id, { ...o, pricePerMonth: 100n })).toBe(true);
        }
        const first = h.market.searchOfferings({}, 0, 24);
        expect(first.items.map((o) => o.id)).toContain(mine.id);
        expect(first.total).toBe(25);
        // A paused offering leaves every page; the price change is seen by the index.
        expect('Ok' in h.market.setOfferingActive('newcomer', mine.id, false)).toBe(true);
        expect(all(h, {}, 7).pages.flat().map((o) => o.id)).not.toContain(mine.id);
        expect(all(h, { maxPrice: 100n }, 7).pages.flat().length).toBe(24 - ROUNDS);
    });
});
