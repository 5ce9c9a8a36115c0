import { describe, expect, it } from 'vitest';
import { allPages } from './pages';

describe('cursor pages', () => {
    it('follows next through short and empty pages to the end', async () => {
        const pages: Record<number, { items: number[]; next: [] | [number] }> = { 0: { items: [1, 2], next: [7] }, 7: { items: [], next: [3] }, 3: { items: [3], next: [] } };
        const cursors: number[] = [];
        expect(await allPages(async (c) => (cursors.push(c), pages[c]!))).toEqual([1, 2, 3]);
        expect(cursors).toEqual([0, 7, 3]);
    });
    it('stops at a cursor it was already given', async () => {
        let calls = 0;
        expect(await allPages(async () => (calls++, { items: [1], next: [0] as [number] }))).toEqual([1]);
        expect(calls).toBe(1);
    });
});
