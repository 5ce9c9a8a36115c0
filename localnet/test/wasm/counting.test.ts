import { describe, expect, it } from 'vitest';
import { I32, assemble, code, op } from './assemble.js';
import { meter, plain } from './harness.js';

// Rule under test: every executed instruction costs 1, except block/loop/else/end (cost 0).

const sumLoop = code(
    op.block(),
    op.loop(),
    op.localGet(1), op.localGet(0), op.i32LtS(), op.i32Eqz(), op.brIf(1), // 5 per test
    op.localGet(2), op.localGet(1), op.i32Add(), op.localSet(2),
    op.localGet(1), op.i32Const(1), op.i32Add(), op.localSet(1),
    op.br(0), // 9 per iteration
    op.end(),
    op.end(),
    op.localGet(2) // 1
);

const module = assemble({
    memory: 1,
    funcs: [
        { export: 'straight', results: [I32], body: code(op.i32Const(1), op.i32Const(2), op.i32Add(), op.drop(), op.i32Const(7)) },
        { export: 'sum', params: [I32], results: [I32], locals: [I32, I32], body: sumLoop },
        {
            export: 'branch',
            params: [I32],
            results: [I32],
            body: code(op.localGet(0), op.if(I32), op.i32Const(1), op.i32Const(2), op.i32Add(), op.else(), op.i32Const(5), op.end())
        },
        {
            export: 'early',
            params: [I32],
            results: [I32],
            body: code(op.block(), op.localGet(0), op.brIf(0), op.i32Const(1), op.drop(), op.i32Const(2), op.drop(), op.end(), op.i32Const(9))
        },
        {
            export: 'ret',
            params: [I32],
            results: [I32],
            body: code(op.localGet(0), op.if(), op.i32Const(1), op.return(), op.end(), op.i32Const(2))
        },
        {
            export: 'table',
            params: [I32],
            results: [I32],
            body: code(
                op.block(), op.block(), op.block(),
                op.localGet(0), op.brTable([0, 1], 2),
                op.end(), op.i32Const(10), op.return(),
                op.end(), op.i32Const(20), op.i32Const(1), op.i32Add(), op.return(),
                op.end(), op.i32Const(30)
            )
        },
        { export: 'twice', results: [I32], body: code(op.call(0), op.call(0), op.i32Add()) },
        { export: 'dead', results: [I32], body: code(op.block(), op.br(0), op.i32Const(1), op.drop(), op.end(), op.i32Const(3)) },
        {
            export: 'memory',
            results: [I32],
            body: code(op.i32Const(0), op.i32Const(7), op.i32Const(16), op.memoryFill(), op.i32Const(4), op.i32Load())
        },
        { export: 'nested', results: [I32], body: code(op.block(), op.block(), op.nop(), op.end(), op.end(), op.i32Const(1)) }
    ]
});

describe('instruction counting', () => {
    const m = meter(module);

    it('counts a straight-line function as its number of instructions', () => {
        expect(m.run('straight')).toEqual({ result: 7, count: 5n });
    });

    it('counts loops exactly: 14 per iteration plus 6', () => {
        for (const n of [0, 1, 2, 10, 1000]) {
            expect(m.run('sum', n)).toEqual({ result: ((n * (n - 1)) / 2) | 0, count: BigInt(14 * n + 6) });
        }
    });

    it('counts only the path taken through if/else', () => {
        expect(m.run('branch', 1)).toEqual({ result: 3, count: 5n });
        expect(m.run('branch', 0)).toEqual({ result: 5, count: 3n });
    });

    it('does not charge code skipped by br_if, return or br_table', () => {
        expect(m.run('early', 1)).toEqual({ result: 9, count: 3n });
        expect(m.run('early', 0)).toEqual({ result: 9, count: 7n });
        expect(m.run('ret', 1)).toEqual({ result: 1, count: 4n });
        expect(m.run('ret', 0)).toEqual({ result: 2, count: 3n });
        expect(m.run('table', 0)).toEqual({ result: 10, count: 4n });
        expect(m.run('table', 1)).toEqual({ result: 21, count: 6n });
        expect(m.run('table', 7)).toEqual({ result: 30, count: 3n });
    });

    it('adds the callee count to the caller', () => {
        expect(m.run('twice')).toEqual({ result: 14, count: 3n + 2n * 5n });
    });

    it('does not charge unreachable code or structural markers', () => {
        expect(m.run('dead')).toEqual({ result: 3, count: 2n });
        expect(m.run('nested')).toEqual({ result: 1, count: 2n });
    });

    it('counts memory and bulk-memory instructions as one each', () => {
        expect(m.run('memory')).toEqual({ result: 0x07070707, count: 6n });
    });

    it('is exact at every call, as performance_counter sees it', () => {
        const seen: bigint[] = [];
        const probe = assemble({
            imports: [{ module: 'host', name: 'probe' }],
            funcs: [
                { export: 'f', body: code(op.i32Const(1), op.drop(), op.call(0), op.nop(), op.call(2), op.call(0), op.nop()) },
                { body: code(op.nop(), op.call(0)) }
            ]
        });
        const p = meter(probe, { host: { probe: () => void seen.push(p.counter.value as bigint) } });
        expect(p.run('f').count).toBe(9n);
        expect(seen).toEqual([3n, 7n, 8n]);
    });

    it('keeps the count when leaving through a branch to the function label or a trap', () => {
        const exits = assemble({
            funcs: [
                { export: 'brIf', params: [I32], body: code(op.localGet(0), op.brIf(0), op.nop(), op.nop()) },
                { export: 'brTable', params: [I32], body: code(op.block(), op.localGet(0), op.brTable([0], 1), op.end(), op.nop()) },
                { export: 'br', body: code(op.nop(), op.br(0), op.nop()) },
                { export: 'trap', body: code(op.nop(), op.nop(), op.unreachable()) }
            ]
        });
        const e = meter(exits);
        expect(e.run('brIf', 1).count).toBe(2n);
        expect(e.run('brIf', 0).count).toBe(4n);
        expect(e.run('brTable', 0).count).toBe(3n);
        expect(e.run('brTable', 5).count).toBe(2n);
        expect(e.run('br').count).toBe(2n);
        e.counter.value = 0n;
        expect(() => (e.exports.trap as () => void)()).toThrow(WebAssembly.RuntimeError);
        expect(e.counter.value).toBe(3n);
    });

    it('is deterministic and accumulates until the host resets it', () => {
        const a = m.run('sum', 50).count;
        const b = m.run('sum', 50).count;
        expect(a).toBe(b);
        (m.exports.sum as (n: number) => number)(50);
        expect(m.counter.value).toBe(2n * a);
    });

    it('returns the same results as the original module', () => {
        const o = plain(module);
        for (const [name, arg] of [['sum', 77], ['branch', 1], ['early', 0], ['ret', 0], ['table', 1], ['memory', 0]] as const) {
            expect(m.run(name, arg).result).toEqual((o[name] as (x: number) => number)(arg));
        }
    });
});
