import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { I32, assemble, code, op } from './assemble.js';
import { meter } from './harness.js';

// Random structured programs, compiled to Wasm and run instrumented; a reference interpreter
// here counts the same programs by the rule (every instruction 1, block/loop/else/end 0).

type Stmt =
    | { t: 'add'; k: number }
    | { t: 'if'; mask: number; then: Stmt[]; else: Stmt[] }
    | { t: 'block'; body: Stmt[] }
    | { t: 'exitIf'; mask: number } // leaves the innermost enclosing block
    | { t: 'loop'; n: number; body: Stmt[] }
    | { t: 'returnIf'; mask: number }
    | { t: 'call'; f: number };

interface Program {
    funcs: Stmt[][]; // funcs[i] may call only funcs[j] with j < i; the last is `main`
}

const G = 0;

function arbProgram(): fc.Arbitrary<Program> {
    const stmts = (depth: number, inBlock: boolean, callable: number): fc.Arbitrary<Stmt[]> => {
        const leaf: fc.Arbitrary<Stmt>[] = [
            fc.record({ t: fc.constant('add' as const), k: fc.integer({ min: 1, max: 9 }) }),
            fc.record({ t: fc.constant('returnIf' as const), mask: fc.integer({ min: 1, max: 64 }) })
        ];
        if (inBlock) leaf.push(fc.record({ t: fc.constant('exitIf' as const), mask: fc.integer({ min: 1, max: 64 }) }));
        if (callable > 0) leaf.push(fc.record({ t: fc.constant('call' as const), f: fc.integer({ min: 0, max: callable - 1 }) }));
        const nested: fc.Arbitrary<Stmt>[] =
            depth <= 0
                ? []
                : [
                      fc.record({ t: fc.constant('if' as const), mask: fc.integer({ min: 1, max: 64 }), then: stmts(depth - 1, inBlock, callable), else: stmts(depth - 1, inBlock, callable) }),
                      fc.record({ t: fc.constant('block' as const), body: stmts(depth - 1, true, callable) }),
                      fc.record({ t: fc.constant('loop' as const), n: fc.integer({ min: 1, max: 5 }), body: stmts(depth - 1, inBlock, callable) })
                  ];
        return fc.array(fc.oneof(...leaf, ...nested), { maxLength: 4 });
    };
    return fc.integer({ min: 1, max: 4 }).chain((n) =>
        fc.tuple(...Array.from({ length: n }, (_, i) => stmts(3, false, i))).map((funcs) => ({ funcs }))
    );
}

/** Compiles a function body; loop counters use locals 0.. by nesting level. */
function compile(body: Stmt[], loopLevel = 0, labels: ('block' | 'other')[] = []): number[] {
    const out: number[][] = [];
    const cond = (mask: number) => code(op.globalGet(G), op.i32Const(mask), [0x71]); // i32.and
    for (const s of body) {
        switch (s.t) {
            case 'add':
                out.push(op.globalGet(G), op.i32Const(s.k), op.i32Add(), op.globalSet(G));
                break;
            case 'if':
                out.push(cond(s.mask), op.if(), compile(s.then, loopLevel, [...labels, 'other']), op.else(), compile(s.else, loopLevel, [...labels, 'other']), op.end());
                break;
            case 'block':
                out.push(op.block(), compile(s.body, loopLevel, [...labels, 'block']), op.end());
                break;
            case 'exitIf':
                out.push(cond(s.mask), op.brIf(labels.length - 1 - labels.lastIndexOf('block')));
                break;
            case 'loop':
                out.push(
                    op.i32Const(s.n), op.localSet(loopLevel), op.loop(),
                    compile(s.body, loopLevel + 1, [...labels, 'other']),
                    op.localGet(loopLevel), op.i32Const(1), op.i32Sub(), op.localTee(loopLevel), op.brIf(0), op.end()
                );
                break;
            case 'returnIf':
                out.push(cond(s.mask), op.if(), op.return(), op.end());
                break;
            case 'call':
                out.push(op.call(s.f));
                break;
        }
    }
    return out.flat();
}

class Exit {
    constructor(readonly kind: 'block' | 'return') {}
}

/** Reference semantics and count. */
function interpret(p: Program): { g: number; count: number } {
    let g = 0;
    let count = 0;
    const test = (mask: number) => ((count += 3), (g & mask) !== 0);
    const run = (body: Stmt[]): void => {
        for (const s of body) {
            switch (s.t) {
                case 'add':
                    count += 4;
                    g = (g + s.k) | 0;
                    break;
                case 'if': {
                    const taken = test(s.mask);
                    count += 1;
                    run(taken ? s.then : s.else);
                    break;
                }
                case 'block':
                    try {
                        run(s.body);
                    } catch (e) {
                        if (!(e instanceof Exit && e.kind === 'block')) throw e;
                    }
                    break;
                case 'exitIf':
                    count += 1;
                    if (test(s.mask)) throw new Exit('block');
                    break;
                case 'loop':
                    count += 2;
                    for (let i = s.n; i > 0; i--) {
                        run(s.body);
                        count += 5;
                    }
                    break;
                case 'returnIf':
                    count += 1;
                    if (test(s.mask)) {
                        count += 1;
                        throw new Exit('return');
                    }
                    break;
                case 'call':
                    count += 1;
                    call(s.f);
                    break;
            }
        }
    };
    const call = (f: number) => {
        try {
            run(p.funcs[f]!);
        } catch (e) {
            if (!(e instanceof Exit && e.kind === 'return')) throw e;
        }
    };
    call(p.funcs.length - 1);
    return { g, count };
}

function build(p: Program): Uint8Array<ArrayBuffer> {
    return assemble({
        globals: [{ type: I32, mutable: true, init: op.i32Const(0) }],
        funcs: p.funcs.map((body, i) => ({
            locals: [I32, I32, I32, I32],
            body: compile(body),
            export: i === p.funcs.length - 1 ? 'main' : undefined
        }))
    });
}

describe('random structured programs', () => {
    it('count exactly what the reference interpreter counts, and compute the same', () => {
        fc.assert(
            fc.property(arbProgram(), (p) => {
                const wasm = build(p);
                const expected = interpret(p);
                const m = meter(wasm);
                const { count } = m.run('main');
                expect(count).toBe(BigInt(expected.count));
                expect((m.exports.__localnet_global_0 as WebAssembly.Global).value).toBe(expected.g);
            }),
            { numRuns: Number(process.env.FC_RUNS ?? 300) }
        );
    });
});
