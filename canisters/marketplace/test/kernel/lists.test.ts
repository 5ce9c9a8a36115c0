// The kernel's stable lists: order, removal, cursors that survive removals, and the bound on the
// chunks one page may read.
import { describe, expect, it } from 'vitest';
import { MemoryKV } from '../../src/kernel/kv';
import { CHUNK, Lists, MAX_CHUNKS_PER_PAGE, itemId, scanDense } from '../../src/kernel/lists';

/** Every item by following `next` from the start. */
function all(l: Lists, g: string, limit = 50): number[] {
    const out: number[] = [];
    let cursor = 0;
    for (let guard = 0; guard < 10_000; guard++) {
        const p = l.page(g, cursor, limit);
        out.push(...p.items.map(itemId));
        if (p.next === null) return out;
        cursor = p.next;
    }
    throw new Error('pages never end');
}

describe('kernel lists', () => {
    it('keeps insertion order across chunks and counts items', () => {
        const l = new Lists(new MemoryKV());
        for (let i = 1; i <= 3 * CHUNK + 5; i++) l.add('g', i, true);
        expect(l.count('g')).toBe(3 * CHUNK + 5);
        expect(all(l, 'g')).toEqual(Array.from({ length: 3 * CHUNK + 5 }, (_, i) => i + 1));
        // An append-only list's cursor is the position: offset paging still works.
        expect(l.page('g', 70, 3).items).toEqual([71, 72, 73]);
    });

    it('a list with small chunks: an append rewrites at most that many items; order, removal and cursors as with full chunks', () => {
        const kv = new MemoryKV();
        const l = new Lists(kv, (g) => (g === 'small' ? 4 : CHUNK));
        // A list that already holds a full-size chunk (written before its capacity was lowered) continues in small ones.
        const old = new Lists(kv);
        for (let i = 1; i <= 30; i++) old.add('small', i, true);
        for (let i = 31; i <= 200; i++) {
            l.add('small', [i, 'x'], true);
            const last = JSON.parse(kv.get(`c|small|${JSON.parse(kv.get('h|small')!)[1]}`)!)[2];
            expect(last.length).toBeLessThanOrEqual(4);
        }
        expect(all(l, 'small')).toEqual(Array.from({ length: 200 }, (_, i) => i + 1));
        l.remove('small', 33);
        l.remove('small', 2);
        const first = l.page('small', 0, 40);
        expect(first.items.map(itemId)).toEqual(Array.from({ length: 42 }, (_, i) => i + 1).filter((x) => x !== 2 && x !== 33));
        expect(l.page('small', first.next!, 3).items.map(itemId)).toEqual([43, 44, 45]);
        // A page may read as many entries as with full chunks (more, smaller chunks).
        let read = 0;
        l.scan('small', 0, () => ++read < 1_000);
        expect(read).toBe(198);
    });

    it('removes items; emptied chunks are unlinked, the rest keeps its order', () => {
        const l = new Lists(new MemoryKV());
        for (let i = 1; i <= 4 * CHUNK; i++) l.add('g', i, true);
        for (let i = 1; i <= 2 * CHUNK; i++) l.remove('g', i); // the first two chunks empty
        l.remove('g', 3 * CHUNK + 1);
        l.remove('g', 999_999); // absent: nothing happens
        const left = Array.from({ length: 2 * CHUNK }, (_, i) => 2 * CHUNK + 1 + i).filter((x) => x !== 3 * CHUNK + 1);
        expect(all(l, 'g')).toEqual(left);
        expect(l.count('g')).toBe(left.length);
        // The first page starts at the first live chunk: one chunk read, not three.
        expect(l.page('g', 0, 1).items).toEqual([2 * CHUNK + 1]);
        l.add('g', 10_000, true);
        expect(all(l, 'g').at(-1)).toBe(10_000);
    });

    it('a cursor taken before removals still leads forward through unlinked chunks', () => {
        const l = new Lists(new MemoryKV());
        for (let i = 1; i <= 3 * CHUNK; i++) l.add('g', i, true);
        const p = l.page('g', 0, CHUNK + 10); // ends inside the second chunk
        for (let i = CHUNK + 1; i <= 2 * CHUNK; i++) l.remove('g', i); // that chunk empties
        const rest = l.page('g', p.next!, 1000).items.map(itemId);
        expect(rest[0]).toBe(2 * CHUNK + 1);
        expect(rest.length).toBe(CHUNK);
    });

    it('replace updates an item\'s summary in place; accept filters on summaries', () => {
        const l = new Lists(new MemoryKV());
        for (let i = 1; i <= 10; i++) l.add('s', [i, i % 2], true);
        l.replace('s', [4, 1]);
        expect(l.page('s', 0, 100, (x) => (x as number[])[1] === 1).items.map(itemId)).toEqual([1, 3, 4, 5, 7, 9]);
    });

    it('a page reads at most MAX_CHUNKS_PER_PAGE chunks and returns a continuation', () => {
        const l = new Lists(new MemoryKV());
        const n = (MAX_CHUNKS_PER_PAGE + 6) * CHUNK;
        for (let i = 1; i <= n; i++) l.add('g', i, false);
        let reads = 0;
        const kv = new MemoryKV();
        const counting = new Lists({ get: (k) => (k.startsWith('c|') && reads++, kv.get(k)), put: (k, v) => kv.put(k, v), remove: (k) => kv.remove(k) });
        for (let i = 1; i <= n; i++) counting.add('g', i, false);
        reads = 0;
        const p = counting.page('g', 0, 20, (i) => itemId(i) > n); // nothing matches
        expect(p.items).toEqual([]);
        expect(reads).toBeLessThanOrEqual(MAX_CHUNKS_PER_PAGE);
        expect(p.next).not.toBeNull();
        void l;
    });

    it('dense scans read at most their budget and continue', () => {
        const got = scanDense(1000, 0, 20, (id) => id, (id) => id > 990n);
        expect(got.items).toEqual([]);
        expect(got.next).toBe(100);
        expect(scanDense(1000, 990, 20, (id) => id, () => true).items).toEqual(Array.from({ length: 10 }, (_, i) => BigInt(991 + i)));
    });
});
