import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { PAGE, StableMemory } from '../../src/ic/stable_memory.js';

type Op =
    | { kind: 'grow'; pages: number }
    | { kind: 'write'; offset: number; data: Uint8Array }
    | { kind: 'message'; commit: boolean };

/** Reference model: a plain byte array that is copied for every message. */
class Model {
    bytes: Uint8Array = new Uint8Array(0);
    saved: Uint8Array | null = null;
    grow(pages: number): number {
        const old = this.bytes.length / PAGE;
        const next = new Uint8Array(this.bytes.length + pages * PAGE);
        next.set(this.bytes);
        this.bytes = next;
        return old;
    }
}

const op: fc.Arbitrary<Op> = fc.oneof(
    fc.record({ kind: fc.constant('grow' as const), pages: fc.integer({ min: 0, max: 3 }) }),
    fc.record({
        kind: fc.constant('write' as const),
        offset: fc.integer({ min: 0, max: 5 * PAGE }),
        data: fc.uint8Array({ minLength: 0, maxLength: 3 * PAGE })
    }),
    fc.record({ kind: fc.constant('message' as const), commit: fc.boolean() })
);

describe('StableMemory', () => {
    it('matches a full-copy model under random grows, writes, commits and rollbacks', () => {
        fc.assert(
            fc.property(fc.array(op, { maxLength: 40 }), (ops) => {
                const mem = new StableMemory();
                const model = new Model();
                mem.begin();
                model.saved = model.bytes.slice();
                for (const o of ops) {
                    if (o.kind === 'grow') {
                        expect(mem.grow(o.pages)).toBe(model.grow(o.pages));
                    } else if (o.kind === 'write') {
                        const fits = o.offset + o.data.length <= model.bytes.length;
                        if (fits) {
                            mem.write(o.offset, o.data);
                            model.bytes.set(o.data, o.offset);
                        } else {
                            expect(() => mem.write(o.offset, o.data)).toThrow(/out of bounds/);
                        }
                    } else {
                        if (o.commit) mem.commit();
                        else {
                            mem.rollback();
                            model.bytes = model.saved!;
                        }
                        mem.begin();
                        model.saved = model.bytes.slice();
                    }
                    expect(mem.size).toBe(model.bytes.length / PAGE);
                }
                const all = new Uint8Array(mem.size * PAGE);
                mem.read(all, 0);
                expect(Buffer.from(all).equals(Buffer.from(model.bytes))).toBe(true);
            }),
            { numRuns: 150 }
        );
    });

    it('undo log holds only the pages written, not a copy of everything', () => {
        const mem = new StableMemory();
        mem.grow(128 * 16); // 128 MiB
        mem.begin();
        mem.write(5 * PAGE + 10, new Uint8Array([1, 2, 3]));
        mem.commit();
        expect(mem.storedBytes).toBe(PAGE);
        mem.begin();
        mem.write(100 * PAGE, new Uint8Array(2 * PAGE).fill(7));
        mem.rollback();
        expect(mem.storedBytes).toBe(PAGE);
        const b = new Uint8Array(3);
        mem.read(b, 5 * PAGE + 10);
        expect([...b]).toEqual([1, 2, 3]);
    });
});
