// The canister's source as plain data (path under src/ → text) and its import edges, for the
// structural tests. Pure functions over a tree, so a test can change a copy and see a check fail.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

export const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');

export type Tree = ReadonlyMap<string, string>;

export function sourceTree(root = SRC): Tree {
    const walk = (d: string): string[] => readdirSync(join(root, d), { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
    return new Map(walk('').map((p) => [p, readFileSync(join(root, p), 'utf8')]));
}

/** A copy of the tree with `path`'s text changed (a new file when absent). */
export const withFile = (tree: Tree, path: string, change: (text: string) => string): Tree => new Map([...tree, [path, change(tree.get(path) ?? '')]]);

export interface Edge {
    from: string;
    /** The file imported (path under src/), or null for a package. */
    to: string | null;
    spec: string;
    /** An import, or a re-export (`export … from`). */
    kind: 'import' | 'export';
    /** Names imported, `type ` prefixed for type-only ones (empty for `* as` and re-exports of all). */
    names: string[];
}

const IMPORT = /(?:^|\n)\s*(import|export)\s+(type\s+)?([^'";]*?)\s*from\s+'([^']+)'|(?:^|\n)\s*import\s+'([^']+)'/g;

/** Every import and re-export of a file, resolved against the tree (`./x` → `dir/x.ts`). */
export function importsOf(tree: Tree, from: string): Edge[] {
    const text = tree.get(from) ?? '';
    return [...text.matchAll(IMPORT)].map((m) => {
        const spec = m[4] ?? m[5]!;
        const kind = m[1] === 'export' ? 'export' : 'import';
        const typeOnly = m[2] !== undefined;
        const names = /^\{([^}]*)\}$/.test(m[3]?.trim() ?? '')
            ? m[3]!.trim().slice(1, -1).split(',').map((n) => n.trim()).filter((n) => n !== '').map((n) => {
                  const name = n.replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
                  return typeOnly || n.startsWith('type ') ? `type ${name}` : name;
              })
            : [];
        if (!spec.startsWith('.')) return { from, to: null, spec, kind, names };
        const base = normalize(join(dirname(from), spec));
        const to = [`${base}.ts`, join(base, 'index.ts')].find((p) => tree.has(p)) ?? `${base}.ts`;
        return { from, to, spec, kind, names };
    });
}

/** The files `from` reaches through relative imports (itself excluded). */
export function reachable(tree: Tree, from: string): Set<string> {
    const seen = new Set<string>();
    const todo = [from];
    while (todo.length > 0) {
        for (const e of importsOf(tree, todo.pop()!)) if (e.to !== null && !seen.has(e.to) && e.to !== from) seen.add(e.to), todo.push(e.to);
    }
    return seen;
}
