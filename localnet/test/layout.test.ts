// localnet's layout rule, as the canister's (canisters/marketplace/test/keeper/modules.test.ts):
// every source file stays under 300 lines. The check is a function of the source tree, shown to
// fail on a changed copy. (Import cycles: test/ic/import_graph.test.ts.)
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', 'src');
const MAX_LINES = 300;

function sourceTree(dir: string): Map<string, string> {
    const tree = new Map<string, string>();
    const walk = (d: string): void => {
        for (const f of readdirSync(d)) {
            const p = join(d, f);
            if (statSync(p).isDirectory()) walk(p);
            else if (p.endsWith('.ts')) tree.set(relative(dir, p), readFileSync(p, 'utf8'));
        }
    };
    walk(dir);
    return tree;
}

function oversize(tree: Map<string, string>): string[] {
    return [...tree].filter(([, t]) => t.split('\n').length >= MAX_LINES).map(([p, t]) => `${p}: ${t.split('\n').length} lines`);
}

describe('localnet/src layout', () => {
    const tree = sourceTree(SRC);

    it(`keeps every file under ${MAX_LINES} lines`, () => {
        expect(tree.size).toBeGreaterThan(50);
        expect(oversize(tree)).toEqual([]);
    });

    it('finds an oversized file (the check itself works)', () => {
        const changed = new Map(tree).set('ic/local_ic.ts', 'x\n'.repeat(MAX_LINES));
        expect(oversize(changed)).toEqual([`ic/local_ic.ts: ${MAX_LINES + 1} lines`]);
    });
});
