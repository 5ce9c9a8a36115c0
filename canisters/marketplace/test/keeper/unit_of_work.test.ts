// Structural: every state change of the market half (escrow, catalog, reporters) goes through
// escrow/apply.ts. Planners receive a read-only view; only apply.ts imports the store or the
// writable indexes, and no other file calls a write method on them. The module boundaries, the
// pure domains and file sizes are checked in modules.test.ts.
import { describe, expect, it } from 'vitest';

import { importsOf, sourceTree, withFile, type Tree } from './source';

const tree = sourceTree();
/** The escrow's own files: planners, keeper, reads, audit, entries (apply.ts among them). */
const escrowFiles = (t: Tree): string[] => [...t.keys()].filter((p) => p.startsWith('escrow/') && !p.startsWith('escrow/domain/'));

/** Write calls on storage, its indexes, its books or its due times. */
const WRITE = /\b(store(\.\w+)?|lists|books|due|index|dueOrder|dueAt)\.(put|remove|add|replace|set|setBalance|setTotals|setNegatives|replaceContract|replaceTransfer|takeDue)\(/;
/** The books and due times define the write operations apply.ts calls; the modules' storage (stable maps) implements them. */
const WRITERS = new Set(['escrow/apply.ts', 'escrow/domain/books.ts', 'escrow/domain/due_index.ts', 'root/storage.ts', 'platform/stable.ts', 'escrow/storage.ts', 'catalog/storage.ts']);
/** Everything of the market half that could write: the modules' files, the facade, the canister's entry and runtime. */
const marketHalf = (t: Tree): string[] =>
    [...t.keys()].filter((p) => /^(escrow|catalog|reporters)\//.test(p) || ['index.ts', 'root/market.ts', 'root/lifecycle.ts', 'root/state.ts', 'root/caller.ts', 'root/inspect.ts'].includes(p));

function writeOffenders(t: Tree): string[] {
    return marketHalf(t).filter((p) => !WRITERS.has(p)).flatMap((p) =>
        t.get(p)!.split('\n').flatMap((line, i) => (WRITE.test(line) ? [`${p}:${i + 1}: ${line.trim()}`] : []))
    );
}

/** Escrow files importing the store, or the lists, books and due times as values (apply.ts: the store as a type; exports.ts re-exports for the facade, which builds them). */
function storeImports(t: Tree): string[] {
    return escrowFiles(t).flatMap((f) => {
        const names = importsOf(t, f).filter((e) => e.kind === 'import').flatMap((e) => {
            const store = e.to === 'escrow/ports.ts' ? e.names.filter((n) => n.endsWith('Store')) : [];
            const writable = ['kernel/lists.ts', 'escrow/domain/books.ts', 'escrow/domain/due_index.ts'].includes(e.to ?? '') ? e.names.filter((n) => ['Lists', 'Books', 'DueIndex'].includes(n)) : [];
            return [...store, ...writable];
        });
        // apply.ts writes the store; storage.ts builds it from the stable maps.
        if (f === 'escrow/apply.ts' || f === 'escrow/storage.ts') return names.filter((n) => n.endsWith('Store')).join() === 'type Store' ? [] : [`${f}: ${names.join()}`];
        // audit.ts rebuilds books in the heap from the records (Books.build) to compare: a fresh copy, not the stored books.
        if (f === 'escrow/audit.ts') return names.join() === 'Books' ? [] : [`${f}: ${names.join()}`];
        return names.length === 0 ? [] : [`${f}: ${names.join()}`];
    });
}

/** Files that import the kernel's writer of planned records. */
const writeTablesCallers = (t: Tree): string[] =>
    [...t.keys()].filter((f) => importsOf(t, f).some((e) => e.to === 'kernel/unit_of_work.ts' && e.names.includes('writeTables'))).sort();

describe('the market half (escrow, catalog, reporters) writes only in escrow/apply.ts', () => {
    it('has the unit of work: view, effects, apply, planners by job, keeper, reads, audit', () => {
        for (const f of ['apply', 'effects', 'view', 'lifecycle', 'funding', 'payouts', 'release', 'sla', 'reads', 'audit', 'keeper']) expect(tree.has(`escrow/${f}.ts`), f).toBe(true);
    });

    it('only apply.ts imports the store, or the indexes, books and due times as values', () => {
        expect(escrowFiles(tree).length).toBeGreaterThan(15);
        expect(storeImports(tree)).toEqual([]);
    });

    it('no file but apply.ts calls a write method on storage (the facade, the entries and the catalog included)', () => {
        expect(marketHalf(tree).length).toBeGreaterThan(30);
        expect(writeOffenders(tree)).toEqual([]);
        expect(tree.get('escrow/apply.ts')).toMatch(WRITE);
    });

    it("the one writer of planned records (the kernel's writeTables) is called by the two applies only", () => {
        expect(writeTablesCallers(tree)).toEqual(['escrow/apply.ts', 'trust/keeper/apply.ts']);
        const sneaking = withFile(tree, 'escrow/payouts.ts', (t) => `import { writeTables } from '../kernel/unit_of_work';\n${t}`);
        expect(writeTablesCallers(sneaking)).toEqual(['escrow/apply.ts', 'escrow/payouts.ts', 'trust/keeper/apply.ts']);
    });

    it('the checks can fail: a write and a store import are detected', () => {
        expect(WRITE.test('        this.d.store.contracts.put(c.id, c);')).toBe(true);
        expect(WRITE.test('    s.lists.add(L.inFlight, id, true);')).toBe(true);
        expect(WRITE.test('    const c = v.contract(id);')).toBe(false);
        const writing = withFile(tree, 'catalog/keeper.ts', (t) => t.replace('export class Catalog {', 'export class Catalog {\n    sneak = (o: Offering) => this.d.store.offerings.put(o.id, o);'));
        expect(writeOffenders(writing)).toEqual([expect.stringMatching(/^catalog\/keeper\.ts:\d+: sneak = .*offerings\.put\(o\.id, o\);$/)]);
        const entry = withFile(tree, 'escrow/entry/money.ts', (t) => `${t}\nmarket().store.transfers.put(1n, t);\n`);
        expect(writeOffenders(entry)).toHaveLength(1);
        const importing = withFile(tree, 'escrow/payouts.ts', (t) => `import type { Clock, Store } from './ports';\nimport { Books } from './domain/books';\n${t}`);
        expect(storeImports(importing)).toEqual(['escrow/payouts.ts: type Store,Books']);
    });
});
