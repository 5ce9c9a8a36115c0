// The kernel's unit-of-work engine: a plan reads its own writes over read-only tables, reads each
// stored record once, and writeTables writes only what was planned, table by table in the module's
// order, each record before what derives from it.
import { describe, expect, it } from 'vitest';
import type { Table } from '../../src/kernel/kv';
import { Overlay, writeTables, type Derive, type Views } from '../../src/kernel/unit_of_work';

interface Rows {
    a: string;
    b: number | null;
    c: string;
}

class MapTable<V> implements Table<string, V> {
    readonly m = new Map<string, V>();
    reads = 0;
    readonly log: string[];
    constructor(readonly name: string, log: string[], rows: [string, V][] = []) {
        this.log = log;
        for (const [k, v] of rows) this.m.set(k, v);
    }
    get = (k: string): V | undefined => (this.reads++, this.m.get(k));
    put = (k: string, v: V): void => void (this.log.push(`${this.name}:${k}`), this.m.set(k, v));
    remove = (k: string): void => void this.m.delete(k);
    len = (): number => this.m.size;
    values = (): V[] => [...this.m.values()];
}

function tables(log: string[] = []) {
    return { a: new MapTable<string>('a', log, [['1', 'one'], ['2', 'two']]), b: new MapTable<number | null>('b', log, [['x', 7]]), c: new MapTable<string>('c', log) };
}
const viewOf = (t: ReturnType<typeof tables>): Views<Rows, string> => ({ a: { get: (k) => t.a.get(k) }, b: { get: (k) => t.b.get(k) }, c: { get: (k) => t.c.get(k) } });

describe('Overlay: read-only tables with the plan’s own writes over them', () => {
    it('reads through to the view, then its own writes (the last write of a key wins); base stays what was stored', () => {
        const t = tables();
        const o = new Overlay<Rows, string>(viewOf(t));
        expect(o.get('a', '1')).toBe('one');
        o.put('a', '1', 'uno');
        o.put('a', '1', 'eins');
        expect(o.get('a', '1')).toBe('eins');
        expect(o.base('a', '1')).toBe('one');
        expect(o.get('a', '3')).toBeUndefined();
        o.put('a', '3', 'three');
        expect(o.get('a', '3')).toBe('three');
        expect(o.base('a', '3')).toBeUndefined();
        expect(t.a.m.get('1')).toBe('one');
    });

    it('reads each stored record once per plan, a missing one too', () => {
        const t = tables();
        const o = new Overlay<Rows, string>(viewOf(t));
        for (let i = 0; i < 3; i++) {
            o.get('a', '2');
            o.get('a', 'missing');
            o.base('b', 'x');
        }
        expect(t.a.reads).toBe(2);
        expect(t.b.reads).toBe(1);
    });

    it('keeps a planned null (a record may be null), lists written tables and records in first-write order', () => {
        const o = new Overlay<Rows, string>(viewOf(tables()));
        expect(o.tables()).toEqual([]);
        expect(o.written('b').size).toBe(0);
        o.put('b', 'x', null);
        o.put('a', '9', 'nine');
        o.put('a', '1', 'uno');
        o.put('a', '9', 'neun');
        expect(o.get('b', 'x')).toBeNull();
        expect(o.tables()).toEqual(['b', 'a']);
        expect([...o.written('a')]).toEqual([['9', 'neun'], ['1', 'uno']]);
        expect(o.writes('a')).toEqual([{ before: undefined, after: 'neun' }, { before: 'one', after: 'uno' }]);
        expect(o.writes('c')).toEqual([]);
    });
});

describe('writeTables: the only writer of planned records', () => {
    it('writes the planned records table by table in the given order, each record then what derives from it, with what it replaces', () => {
        const log: string[] = [];
        const t = tables(log);
        const o = new Overlay<Rows, string>(viewOf(t));
        o.put('c', 'k', 'new');
        o.put('a', '2', 'deux');
        o.put('a', '5', 'cinq');
        o.put('b', 'x', null);
        const derive: Derive<Rows, string[]> = { a: (l, before, after) => l.push(`derive a ${before ?? '-'}→${after}`) };
        writeTables(t, o, ['b', 'a', 'c'], derive, log);
        expect(log).toEqual(['b:x', 'a:2', 'derive a two→deux', 'a:5', 'derive a -→cinq', 'c:k']);
        expect(t.a.m.get('2')).toBe('deux');
        expect(t.b.m.get('x')).toBeNull();
    });

    it('writes nothing for a plan that planned nothing, and leaves out tables not in the order', () => {
        const log: string[] = [];
        const t = tables(log);
        writeTables(t, new Overlay<Rows, string>(viewOf(t)), ['a', 'b', 'c']);
        expect(log).toEqual([]);
        const o = new Overlay<Rows, string>(viewOf(t));
        o.put('c', 'k', 'v');
        writeTables(t, o, ['a', 'b']);
        expect(log).toEqual([]);
    });
});
