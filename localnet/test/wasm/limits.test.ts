import { describe, expect, it } from 'vitest';
import { I32, assemble, code, op } from './assemble.js';
import { OutOfInstructions, meter } from './harness.js';

const module = assemble({
    extraTypes: [{ params: [], results: [] }],
    table: 1,
    elements: [[0x00, 0x41, 0x00, 0x0b, 0x01, 0x03]], // table[0] = func 3 (mutual)
    funcs: [
        { export: 'spin', body: code(op.loop(), op.br(0), op.end()) },
        { export: 'recurse', body: code(op.call(1)) },
        {
            export: 'count',
            params: [I32],
            body: code(op.loop(), op.localGet(0), op.i32Const(1), op.i32Sub(), op.localTee(0), op.brIf(0), op.end())
        },
        { export: 'mutual', body: code(op.i32Const(0), op.callIndirect(0)) },
        { export: 'spinNoCall', body: code(op.block(), op.loop(), op.i32Const(1), op.brIf(0), op.end(), op.end()) }
    ]
});

describe('instruction limit', () => {
    it('starts unlimited (2^64-1)', () => {
        const m = meter(module);
        expect(BigInt.asUintN(64, m.limit.value as bigint)).toBe(2n ** 64n - 1n);
        expect(m.run('count', 1000).count).toBe(5000n);
    });

    it('stops an infinite loop at a loop header', () => {
        const m = meter(module);
        m.limit.value = 10_000n;
        expect(() => m.run('spin')).toThrow(OutOfInstructions);
        expect(m.counter.value).toBe(10_001n);
        m.limit.value = 5_000n;
        expect(() => m.run('spinNoCall')).toThrow(OutOfInstructions);
    });

    it('stops unbounded recursion at a function entry, before the stack overflows', () => {
        const m = meter(module);
        m.limit.value = 1_000n;
        expect(() => m.run('recurse')).toThrow(OutOfInstructions);
        expect(m.counter.value).toBe(1_001n);
        expect(() => m.run('mutual')).toThrow(OutOfInstructions);
    });

    it('checks only at function entries and loop headers', () => {
        const m = meter(module);
        m.limit.value = 5_000n;
        expect(m.run('count', 1000).count).toBe(5000n);
        // the last iteration passes its header at 5000 and then overshoots; the host checks afterwards
        expect(m.run('count', 1001).count).toBe(5005n);
        expect(() => m.run('count', 1002)).toThrow(OutOfInstructions);
    });

    it('keeps the count exact after a trap, for the next message', () => {
        const m = meter(module);
        m.limit.value = 100n;
        expect(() => m.run('spin')).toThrow(OutOfInstructions);
        m.limit.value = -1n;
        expect(m.run('count', 10).count).toBe(50n);
    });
});
