// File-level import cycles of an import graph (file → the files it imports), each named by its
// path relative to `base`: shared by the repository's structure test and localnet's.
import { relative } from 'node:path';

export function importCycles(g: Map<string, string[]>, base: string): string[] {
    const found: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const visit = (n: string, stack: string[]): void => {
        state.set(n, 'open');
        stack.push(n);
        for (const t of g.get(n) ?? []) {
            if (state.get(t) === 'open') found.push([...stack.slice(stack.indexOf(t)), t].map((p) => relative(base, p)).join(' → '));
            else if (!state.has(t)) visit(t, stack);
        }
        stack.pop();
        state.set(n, 'done');
    };
    for (const n of g.keys()) if (!state.has(n)) visit(n, []);
    return found;
}
