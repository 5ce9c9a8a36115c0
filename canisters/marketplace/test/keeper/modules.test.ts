// Structural: the canister's one module layout. Modules (catalog, escrow, reporters, trust) reach
// each other only through their exports.ts; an entry (the module's Candid methods) is imported only
// by the canister class, a module's storage only by the canister's store; pure domain files reach no Azle, keeper, storage or entry; the kernel
// depends on nothing else; no module cycles; files stay under 300 lines. Each check is a function
// of the source tree, shown to fail on a changed copy.
import { describe, expect, it } from 'vitest';

import { importsOf, reachable, sourceTree, withFile, type Tree } from './source';

const MODULES = ['catalog', 'escrow', 'reporters', 'trust'] as const;
type Module = (typeof MODULES)[number];
/** Each module's Candid methods. */
const ENTRY: Record<Module, string> = { catalog: 'catalog/entry.ts', escrow: 'escrow/entry.ts', reporters: 'reporters/entry.ts', trust: 'trust/entry.ts' };
/** The canister class: it stacks the modules' entries. */
const CANISTER = new Set(['root/lifecycle.ts', 'index.ts']);
/** The modules' stable maps, composed into the market's store by root/storage.ts (trust keeps its own in trust/stable.ts). */
const STORAGE = new Set(['catalog/storage.ts', 'escrow/storage.ts']);
const STORE = 'root/storage.ts';
const moduleOf = (p: string): Module | null => MODULES.find((m) => p.startsWith(`${m}/`)) ?? null;
const MAX_LINES = 300;

/** Imports into a module from outside it that bypass its exports (or reach its entry from elsewhere than the canister class, its storage from elsewhere than the store). */
function boundaryViolations(tree: Tree): string[] {
    return [...tree.keys()].flatMap((from) =>
        importsOf(tree, from)
            .filter((e) => e.to !== null && moduleOf(e.to) !== null && moduleOf(e.to) !== moduleOf(from))
            .filter((e) => e.to !== `${moduleOf(e.to!)}/exports.ts` && !(e.to === ENTRY[moduleOf(e.to!)!] && CANISTER.has(from)) && !(STORAGE.has(e.to!) && from === STORE))
            .map((e) => `${from} → ${e.to}`)
    );
}

const isDomain = (p: string): boolean => /^(catalog|escrow|trust)\/domain\//.test(p);

/** Pure domain files that reach (directly or through what they import) Azle, or a file that is neither domain nor kernel. */
function impureDomain(tree: Tree): string[] {
    return [...tree.keys()].filter(isDomain).flatMap((f) => {
        const files = [f, ...reachable(tree, f)];
        const azle = files.flatMap((g) => importsOf(tree, g)).filter((e) => e.to === null && /^azle(\/|$)/.test(e.spec)).map((e) => `${f} → ${e.from} → ${e.spec}`);
        const outside = [...reachable(tree, f)].filter((g) => !isDomain(g) && !g.startsWith('kernel/')).map((g) => `${f} → ${g}`);
        return [...azle, ...outside];
    });
}

/** Kernel files importing anything but the kernel (packages other than Azle allowed: the Candid library). */
function kernelViolations(tree: Tree): string[] {
    return [...tree.keys()].filter((f) => f.startsWith('kernel/')).flatMap((f) =>
        importsOf(tree, f).filter((e) => (e.to === null ? /^azle(\/|$)/.test(e.spec) : !e.to.startsWith('kernel/'))).map((e) => `${f} → ${e.to ?? e.spec}`)
    );
}

/** Platform files (Candid replies, codecs, stable tables: under the modules) importing anything but the platform and the kernel. */
function platformViolations(tree: Tree): string[] {
    return [...tree.keys()].filter((f) => f.startsWith('platform/')).flatMap((f) =>
        importsOf(tree, f).filter((e) => e.to !== null && !/^(platform|kernel)\//.test(e.to) && !e.spec.includes('/common/')).map((e) => `${f} → ${e.to}`)
    );
}

/** The composition root (root/: the store, the market facade, timers, the canister lifecycle) sits over the modules: only their entries and trust's wiring (runtime.ts, and market_adapter.ts, its port on the facade) reach it. */
const REACH_ROOT = (p: string): boolean => /^\w+\/entry(\.ts|\/)/.test(p) || ['trust/runtime.ts', 'trust/market_adapter.ts', 'index.ts'].includes(p) || p.startsWith('root/');
function rootFromBelow(tree: Tree): string[] {
    return [...tree.keys()].filter((f) => !REACH_ROOT(f)).flatMap((f) => importsOf(tree, f).filter((e) => e.to?.startsWith('root/')).map((e) => `${f} → ${e.to}`));
}

/** A cycle among modules (direct imports from one module into another), or null. */
function moduleCycle(tree: Tree): string[] | null {
    const deps = new Map<Module, Set<Module>>(MODULES.map((m) => [m, new Set()]));
    for (const from of tree.keys()) for (const e of importsOf(tree, from)) {
        const [a, b] = [moduleOf(from), e.to === null ? null : moduleOf(e.to)];
        if (a !== null && b !== null && a !== b) deps.get(a)!.add(b);
    }
    const visit = (m: Module, path: Module[]): Module[] | null => {
        if (path.includes(m)) return [...path.slice(path.indexOf(m)), m];
        for (const n of deps.get(m)!) {
            const c = visit(n, [...path, m]);
            if (c !== null) return c;
        }
        return null;
    };
    for (const m of MODULES) {
        const c = visit(m, []);
        if (c !== null) return c;
    }
    return null;
}

/** The top of src/: the modules, the kernel, the platform under them, the composition root over them, and the canister class. */
const TOP = new Set<string>([...MODULES, 'kernel', 'platform', 'root', 'index.ts']);
/** Files outside the layout: anywhere but a module, the kernel, platform/, root/ or the canister class. */
const outsideLayout = (tree: Tree): string[] => [...tree.keys()].filter((p) => !TOP.has(p.split('/')[0]!));

/** File names not in the canister's one convention (snake_case, like the ledger, the relay and localnet). */
const misnamed = (tree: Tree): string[] => [...tree.keys()].filter((p) => !/^[a-z0-9_]+\.ts$/.test(p.split('/').pop()!));

/** Entries and trust's market adapter reach the market's records through the facade only: lines that touch its store. */
const storeReaders = (tree: Tree): string[] =>
    [...tree.keys()].filter((p) => /^\w+\/entry(\.ts|\/)/.test(p) || p === 'trust/market_adapter.ts').flatMap((p) => tree.get(p)!.split('\n').flatMap((l, i) => (/\.store\b/.test(l) ? [`${p}:${i + 1}`] : [])));

function oversize(tree: Tree): string[] {
    return [...tree].filter(([, t]) => t.split('\n').length >= MAX_LINES).map(([p, t]) => `${p}: ${t.split('\n').length} lines`);
}

const tree = sourceTree();

describe('the module layout', () => {
    it('has each module with its domain, keeper, entry and exports', () => {
        for (const f of ['catalog/domain/offering.ts', 'catalog/domain/search.ts', 'catalog/keeper.ts', 'catalog/entry.ts', 'catalog/exports.ts']) expect(tree.has(f), f).toBe(true);
        for (const f of ['reporters/keeper.ts', 'reporters/entry.ts', 'reporters/exports.ts']) expect(tree.has(f), f).toBe(true);
        for (const f of ['books', 'settlement', 'state_machine', 'transfers', 'due_index', 'pricing', 'probe']) expect(tree.has(`escrow/domain/${f}.ts`), f).toBe(true);
        for (const f of ['escrow/apply.ts', 'escrow/keeper.ts', 'escrow/entry.ts', 'escrow/exports.ts', 'escrow/ports.ts', 'trust/entry.ts']) expect(tree.has(f), f).toBe(true);
        expect(outsideLayout(tree)).toEqual([]);
    });

    it('modules reach each other only through exports.ts; entries only from the canister class', () => {
        const crossing = [...tree.keys()].flatMap((from) => importsOf(tree, from).filter((e) => e.to !== null && moduleOf(e.to) !== null && moduleOf(e.to) !== moduleOf(from)));
        expect(crossing.length).toBeGreaterThan(10);
        expect(boundaryViolations(tree)).toEqual([]);
    });

    it('pure domain files reach no Azle, keeper, storage or entry', () => {
        expect([...tree.keys()].filter(isDomain).length).toBeGreaterThan(20);
        expect(impureDomain(tree)).toEqual([]);
    });

    it('the kernel depends on nothing else', () => {
        expect(kernelViolations(tree)).toEqual([]);
    });

    it('the platform sits under the modules, the composition root over them', () => {
        expect([...tree.keys()].filter((f) => f.startsWith('platform/')).length).toBeGreaterThan(4);
        expect(platformViolations(tree)).toEqual([]);
        expect(rootFromBelow(tree)).toEqual([]);
    });

    it('modules depend on each other without cycles', () => {
        expect(moduleCycle(tree)).toBeNull();
    });

    it('entries read the market through its facade, never its store', () => {
        expect(storeReaders(tree)).toEqual([]);
    });

    it('every file name is snake_case', () => {
        expect(misnamed(tree)).toEqual([]);
    });

    it(`every file is under ${MAX_LINES} lines`, () => {
        expect(oversize(tree)).toEqual([]);
    });

    it('the checks fail on a tree that breaks them', () => {
        const deep = withFile(tree, 'catalog/keeper.ts', (t) => `import { applyEffects } from '../escrow/apply';\n${t}`);
        expect(boundaryViolations(deep)).toEqual(['catalog/keeper.ts → escrow/apply.ts']);
        const entry = withFile(tree, 'root/market.ts', (t) => `import { CatalogEntry } from '../catalog/entry';\n${t}`);
        expect(boundaryViolations(entry)).toEqual(['root/market.ts → catalog/entry.ts']);
        const storage = withFile(tree, 'root/market.ts', (t) => `import { catalogStorage } from '../catalog/storage';\n${t}`);
        expect(boundaryViolations(storage)).toEqual(['root/market.ts → catalog/storage.ts']);
        const multiline = withFile(tree, 'trust/ports.ts', (t) => `import {\n    settle,\n    type Settlement\n} from '../escrow/domain/settlement';\n${t}`);
        expect(boundaryViolations(multiline)).toEqual(['trust/ports.ts → escrow/domain/settlement.ts']);

        const azle = withFile(tree, 'escrow/domain/settlement.ts', (t) => `import { time } from 'azle';\n${t}`);
        expect(impureDomain(azle).filter((v) => v.startsWith('escrow/domain/settlement.ts'))).toEqual(["escrow/domain/settlement.ts → escrow/domain/settlement.ts → azle"]);
        const keeper = withFile(tree, 'catalog/domain/search.ts', (t) => `import type { Catalog } from '../keeper';\n${t}`);
        expect(impureDomain(keeper).filter((v) => v.startsWith('catalog/domain/search.ts → catalog/keeper.ts'))).toHaveLength(1);
        // Through the kernel: every domain file using kernel/time would reach Azle.
        const indirect = withFile(tree, 'kernel/time.ts', (t) => `import { time } from 'azle';\n${t}`);
        expect(impureDomain(indirect).length).toBeGreaterThan(0);
        expect(kernelViolations(indirect)).toEqual(['kernel/time.ts → azle']);
        expect(kernelViolations(withFile(tree, 'kernel/lists.ts', (t) => `import type { Store } from '../escrow/exports';\n${t}`))).toEqual(['kernel/lists.ts → escrow/exports.ts']);

        expect(outsideLayout(withFile(tree, 'domain/settlement.ts', (t) => t))).toEqual(['domain/settlement.ts']);
        expect(outsideLayout(withFile(tree, 'helpers.ts', (t) => t))).toEqual(['helpers.ts']);
        expect(storeReaders(withFile(tree, 'escrow/entry/money.ts', (t) => `${t}\nconst c = market().store.contracts.get(1n);`))).toHaveLength(1);
        expect(misnamed(withFile(tree, 'escrow/domain/due-index.ts', (t) => t))).toEqual(['escrow/domain/due-index.ts']);

        expect(platformViolations(withFile(tree, 'platform/stable.ts', (t) => `import type { Store } from '../escrow/exports';\n${t}`))).toEqual(['platform/stable.ts → escrow/exports.ts']);
        expect(rootFromBelow(withFile(tree, 'escrow/keeper.ts', (t) => `import { market } from '../root/state';\n${t}`))).toEqual(['escrow/keeper.ts → root/state.ts']);

        const cycle = withFile(tree, 'escrow/lifecycle.ts', (t) => `import { LIMITS } from '../catalog/exports';\n${t}`);
        expect(moduleCycle(cycle)).toEqual(['catalog', 'escrow', 'catalog']);

        expect(oversize(withFile(tree, 'reporters/keeper.ts', (t) => t + '\n'.repeat(MAX_LINES)))).toEqual([`reporters/keeper.ts: ${tree.get('reporters/keeper.ts')!.split('\n').length + MAX_LINES} lines`]);
    });
});
