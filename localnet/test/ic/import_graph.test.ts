// localnet/src has no import cycles (type imports count too): the IC core owns the state and its
// collaborators receive narrow views (src/ic/host.ts) instead of importing the core.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { importCycles } from '../../../tests/structure/cycles';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

function graph(): Map<string, string[]> {
    const files: string[] = [];
    const walk = (d: string): void => {
        for (const f of readdirSync(d)) {
            const p = join(d, f);
            if (statSync(p).isDirectory()) walk(p);
            else if (p.endsWith('.ts')) files.push(p);
        }
    };
    walk(SRC);
    const g = new Map<string, string[]>();
    for (const f of files) {
        const targets = [...readFileSync(f, 'utf8').matchAll(/from '(\.[^']+)'/g)].map((m) => join(dirname(f), m[1]!).replace(/\.js$/, '.ts'));
        g.set(f, targets.map((t) => (t.endsWith('.ts') ? t : `${t}.ts`)));
    }
    return g;
}

describe('import graph of localnet/src', () => {
    it('has no cycles', () => {
        expect(importCycles(graph(), SRC)).toEqual([]);
    });

    it("delivery, install and the management canister do not import the IC core", () => {
        const g = graph();
        for (const f of ['delivery.ts', 'install.ts', 'management.ts']) {
            expect(g.get(join(SRC, 'ic', f))?.map((t) => relative(SRC, t))).not.toContain(join('ic', 'local_ic.ts'));
        }
    });

    it('finds a cycle when there is one (the check itself works)', () => {
        expect(importCycles(new Map([['a.ts', ['b.ts']], ['b.ts', ['a.ts']]]), SRC)).toHaveLength(1);
    });
});
