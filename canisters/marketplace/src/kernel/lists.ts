// Ordered id lists in a key-value table: the marketplace's stable indexes. A list is a chain of
// chunks of at most CHUNK items (oldest first); a page reads one chunk per CHUNK items, whatever
// the list's length, and a removal touches one chunk and its neighbours. Items are an id or a
// small summary `[id, ...facets]` (search reads facets from the index, not from the records).
//
// Keys: `h|g` head [first, last, nextChunk, count]; `c|g|n` chunk [prev, next, items];
// `m|g|id` the chunk holding id (removable lists only). An emptied chunk is unlinked from the
// live chain but kept with its forward link, so a cursor into it still leads forward.
import type { KV } from './kv';

export const CHUNK = 64;
/** Chunks one page may read (stale or sparse chunks included) before it returns a continuation. */
export const MAX_CHUNKS_PER_PAGE = 24;
/**
 * A list's chunk capacity (≤ CHUNK; cursors keep the stride CHUNK). An append rewrites the last
 * chunk, so its cost grows with that chunk's fill: lists written by a frequent update (the search
 * facets, 8 per offering) use small chunks, and their pages may read proportionally more of them.
 */
export type ChunkCapacity = (g: string) => number;

export type Item = number | (number | string)[];
type Head = [first: number, last: number, nextChunk: number, count: number];
type Chunk = [prev: number, next: number, items: Item[]];

export const itemId = (i: Item): number => (typeof i === 'number' ? i : (i[0] as number));

export interface ListPage {
    items: Item[];
    total: number;
    /** Cursor of the next page (chunk × CHUNK + position), null at the end. */
    next: number | null;
}

export class Lists {
    constructor(private readonly kv: KV, private readonly capacity: ChunkCapacity = () => CHUNK) {}

    private head(g: string): Head | null {
        const h = this.kv.get(`h|${g}`);
        return h === undefined ? null : (JSON.parse(h) as Head);
    }

    private chunk(g: string, n: number): Chunk | null {
        const c = this.kv.get(`c|${g}|${n}`);
        return c === undefined ? null : (JSON.parse(c) as Chunk);
    }

    private putChunk(g: string, n: number, c: Chunk): void {
        this.kv.put(`c|${g}|${n}`, JSON.stringify(c));
    }

    count(g: string): number {
        return this.head(g)?.[3] ?? 0;
    }

    /** Appends `item` (removable: remembers its chunk so `remove` is O(1)). */
    add(g: string, item: Item, removable: boolean): void {
        const h = this.head(g) ?? [-1, -1, 0, 0];
        let n = h[1];
        let c = n >= 0 ? this.chunk(g, n) : null;
        if (c === null || c[2].length >= this.capacity(g)) {
            const fresh = h[2];
            if (c !== null) {
                c[1] = fresh;
                this.putChunk(g, n, c);
            }
            c = [n, -1, []];
            if (h[0] < 0) h[0] = fresh;
            h[1] = n = fresh;
            h[2] = fresh + 1;
        }
        c[2].push(item);
        this.putChunk(g, n, c);
        h[3]++;
        this.kv.put(`h|${g}`, JSON.stringify(h));
        if (removable) this.kv.put(`m|${g}|${itemId(item)}`, String(n));
    }

    has(g: string, id: number): boolean {
        return this.kv.get(`m|${g}|${id}`) !== undefined;
    }

    /** Removes the item with `id` from a removable list (no-op when absent). */
    remove(g: string, id: number): void {
        const mk = `m|${g}|${id}`;
        const at = this.kv.get(mk);
        if (at === undefined) return;
        this.kv.remove(mk);
        const n = Number(at);
        const c = this.chunk(g, n);
        const h = this.head(g);
        if (c === null || h === null) return;
        c[2] = c[2].filter((i) => itemId(i) !== id);
        h[3]--;
        if (c[2].length === 0 && n !== h[1]) this.unlink(g, n, c, h);
        else this.putChunk(g, n, c);
        this.kv.put(`h|${g}`, JSON.stringify(h));
    }

    /** Replaces the summary of a removable item in place (same id). */
    replace(g: string, item: Item): void {
        const at = this.kv.get(`m|${g}|${itemId(item)}`);
        if (at === undefined) return;
        const c = this.chunk(g, Number(at));
        if (c === null) return;
        c[2] = c[2].map((i) => (itemId(i) === itemId(item) ? item : i));
        this.putChunk(g, Number(at), c);
    }

    private unlink(g: string, n: number, c: Chunk, h: Head): void {
        const [prev, next] = c;
        if (prev >= 0) {
            const p = this.chunk(g, prev)!;
            p[1] = next;
            this.putChunk(g, prev, p);
        } else h[0] = next;
        const x = this.chunk(g, next)!;
        x[0] = prev;
        this.putChunk(g, next, x);
        // Kept as a tombstone: its forward link lets a cursor into it continue.
        this.putChunk(g, n, [-1, next, []]);
    }

    /**
     * Visits items from `cursor` (0 = the start) until `visit` returns false (that item is not
     * consumed: `next` points at it) or the end. Reads at most MAX_CHUNKS_PER_PAGE chunks; then
     * `next` continues where it stopped.
     */
    scan(g: string, cursor: number, visit: (i: Item) => boolean): { total: number; next: number | null } {
        const h = this.head(g);
        if (h === null) return { total: 0, next: null };
        let n = cursor === 0 ? h[0] : Math.floor(cursor / CHUNK);
        let pos = cursor === 0 ? 0 : cursor % CHUNK;
        const max = (MAX_CHUNKS_PER_PAGE * CHUNK) / this.capacity(g);
        for (let reads = 0; n >= 0; reads++) {
            if (reads >= max) return { total: h[3], next: n * CHUNK + pos };
            const c = this.chunk(g, n);
            if (c === null) break;
            const list = c[2];
            for (; pos < list.length; pos++) if (!visit(list[pos]!)) return { total: h[3], next: n * CHUNK + pos };
            n = c[1];
            pos = 0;
        }
        return { total: h[3], next: null };
    }

    /** Up to `limit` items from `cursor` that `accept` takes (see `scan`). */
    page(g: string, cursor: number, limit: number, accept: (i: Item) => boolean = () => true): ListPage {
        const items: Item[] = [];
        if (limit <= 0) return { items, total: this.count(g), next: null };
        const r = this.scan(g, cursor, (i) => {
            if (items.length >= limit) return false;
            if (accept(i)) items.push(i);
            return true;
        });
        return { items, total: r.total, next: r.next };
    }
}

/** Records one scan of dense ids may read (bounded work; the page continues with `next`). */
export const SCAN_READS = 100;

/** Dense ids 1..n read directly from `cursor` (ids are never reused), at most SCAN_READS reads. */
export function scanDense<T>(n: number, cursor: number, lim: number, get: (id: bigint) => T | undefined, keep: (t: T) => boolean): { items: T[]; total: number; next: number | null } {
    const items: T[] = [];
    let i = cursor;
    for (let reads = 0; i < n && items.length < lim && reads < SCAN_READS; reads++, i++) {
        const t = get(BigInt(i + 1));
        if (t !== undefined && keep(t)) items.push(t);
    }
    return { items, total: n, next: i < n ? i : null };
}

/** One page of a list; `next` is the cursor of the following page. */
export interface Page<T> {
    items: T[];
    total: number;
    /** Offset of the next page, or null at the end. */
    next: number | null;
}

export const MAX_PAGE = 100;

export function paginate<T>(all: readonly T[], offset: number, limit: number): Page<T> {
    const lim = Math.max(0, Math.min(limit, MAX_PAGE));
    const start = Math.max(0, offset);
    const items = all.slice(start, start + lim);
    const end = start + items.length;
    return { items, total: all.length, next: end < all.length ? end : null };
}
