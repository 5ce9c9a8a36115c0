// No file-level import cycle in the canisters (canisters/*/src, their tests' helpers included) or
// the app (frontend/src), type-only imports included: the same check localnet runs over its own
// source (localnet/test/ic/import_graph.test.ts; both use ./cycles.ts). The frontend's ESLint (import-x/no-cycle) says the
// same file by file; this one also covers the canisters and runs with the root suite.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { importCycles } from './cycles';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const APP = join(ROOT, 'frontend', 'src');
const SPEC = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)'/g;

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => {
        const p = join(dir, f);
        if (f === 'node_modules' || f === 'declarations' || f.startsWith('.')) return [];
        return statSync(p).isDirectory() ? files(p) : /\.tsx?$/.test(f) ? [p] : [];
    });
}

/** The file an import names, or null for a package. */
function resolve(from: string, spec: string): string | null {
    const base = spec.startsWith('@/') ? join(APP, spec.slice(2)) : spec.startsWith('.') ? join(dirname(from), spec) : null;
    if (base === null) return null;
    const stem = base.replace(/\.js$/, '');
    return [`${stem}.ts`, `${stem}.tsx`, join(stem, 'index.ts'), join(stem, 'index.tsx')].find((p) => existsSync(p)) ?? null;
}

export function graph(roots: string[]): Map<string, string[]> {
    const g = new Map<string, string[]>();
    for (const f of roots.flatMap(files)) {
        const text = readFileSync(f, 'utf8');
        g.set(f, [...text.matchAll(SPEC)].map((m) => resolve(f, m[1]!)).filter((t): t is string => t !== null));
    }
    return g;
}

describe('import graph of the canisters and the app', () => {
    const canisters = readdirSync(join(ROOT, 'canisters')).map((c) => join(ROOT, 'canisters', c)).filter((p) => statSync(p).isDirectory());

    it('reads the files and their imports', () => {
        const g = graph([...canisters, APP]);
        expect(g.size).toBeGreaterThan(300);
        expect([...g.values()].flat().length).toBeGreaterThan(1000);
    });

    it('has no cycle in canisters/', () => {
        expect(importCycles(graph(canisters), ROOT)).toEqual([]);
    });

    it('has no cycle in frontend/src', () => {
        expect(importCycles(graph([APP]), ROOT)).toEqual([]);
    });

    it('finds a cycle when there is one, through type imports and the app alias too', () => {
        expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]), ROOT)).toHaveLength(1);
        const f = join(APP, 'lib', 'format.ts');
        expect(resolve(f, '@/lib/money')).toBe(join(APP, 'lib', 'money.ts'));
        expect(resolve(f, './money.js')).toBe(join(APP, 'lib', 'money.ts'));
        expect(resolve(f, 'react')).toBeNull();
    });
});
