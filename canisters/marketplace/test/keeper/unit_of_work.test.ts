// Structural: every state change of the escrow goes through escrow/apply.ts. Planners receive a
// read-only view; only apply.ts imports the store or the writable indexes, and no other file of
// the escrow or its facade calls a write method on them.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

const SRC = join(dirname(fileURLToPath(import.meta.url)), '..', '..', 'src');
const ESCROW = join(SRC, 'escrow');
const files = readdirSync(ESCROW).filter((f) => f.endsWith('.ts'));
const read = (p: string): string => readFileSync(p, 'utf8');

/** Names a file imports from a module whose path ends with `module`, type imports included. */
function importsFrom(text: string, module: string): string[] {
    const out: string[] = [];
    for (const m of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'([^']+)'/g)) {
        if (!m[3]!.endsWith(module)) continue;
        for (const n of m[2]!.split(',')) {
            const name = n.trim().replace(/^type\s+/, '').split(/\s+as\s+/)[0]!;
            if (name !== '') out.push(m[1] !== undefined || n.trim().startsWith('type ') ? `type ${name}` : name);
        }
    }
    return out;
}

/** Write calls on storage, its indexes, its books or its due times. */
const WRITE = /\b(store(\.\w+)?|lists|books|due|index|dueOrder|dueAt)\.(put|remove|add|replace|set|setBalance|setTotals|setNegatives|replaceContract|replaceTransfer|takeDue)\(/;

describe('the market half (escrow, catalog, reporters) writes only in escrow/apply.ts', () => {
    it('has the module files, each well under 300 lines', () => {
        for (const f of ['apply.ts', 'effects.ts', 'view.ts', 'lifecycle.ts', 'funding.ts', 'payouts.ts', 'release.ts', 'sla.ts', 'reads.ts', 'audit.ts', 'keeper.ts']) expect(files).toContain(f);
        for (const f of [...files.map((f) => join(ESCROW, f)), join(SRC, 'keeper', 'market.ts')]) expect(read(f).split('\n').length, f).toBeLessThan(300);
    });

    it('only apply.ts imports the store, or the indexes, books and due times as values', () => {
        for (const f of files) {
            const t = read(join(ESCROW, f));
            const store = importsFrom(t, 'keeper/ports').filter((n) => n.endsWith('Store'));
            const writable = [...importsFrom(t, 'kernel/lists'), ...importsFrom(t, 'domain/books'), ...importsFrom(t, 'domain/due-index')].filter((n) => ['Lists', 'Books', 'DueIndex'].includes(n));
            if (f === 'apply.ts') expect(store).toEqual(['type Store']);
            // audit.ts rebuilds books in the heap from the records (Books.build) to compare: a fresh copy, not the stored books.
            else if (f === 'audit.ts') expect([f, ...store, ...writable]).toEqual([f, 'Books']);
            else expect([f, ...store, ...writable]).toEqual([f]);
        }
    });

    it('no file but apply.ts calls a write method on storage (the facade included)', () => {
        const offenders = [...files.filter((f) => f !== 'apply.ts').map((f) => join(ESCROW, f)), join(SRC, 'keeper', 'market.ts'), join(SRC, 'keeper', 'catalog.ts'), join(SRC, 'keeper', 'reporters.ts'), join(SRC, 'api', 'market.ts'), join(SRC, 'api', 'state.ts')]
            .flatMap((p) => read(p).split('\n').map((line, i) => [p, i + 1, line] as const))
            .filter(([, , line]) => WRITE.test(line))
            .map(([p, n, line]) => `${p.slice(SRC.length)}:${n}: ${line.trim()}`);
        expect(offenders).toEqual([]);
        expect(read(join(ESCROW, 'apply.ts'))).toMatch(WRITE);
    });

    it('the rest of the canister reaches the escrow module only through escrow/exports.ts', () => {
        const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
        const outside = walk(SRC).filter((p) => !p.startsWith(ESCROW));
        const reaching = outside.flatMap((p) => [...read(p).matchAll(/from '([^']*escrow\/[^']+)'/g)].map((m) => `${p.slice(SRC.length)} → ${m[1]}`));
        expect(reaching.length).toBeGreaterThan(0);
        expect(reaching.filter((r) => !r.endsWith('escrow/exports'))).toEqual([]);
    });

    it('the checks can fail: a write and a store import are detected', () => {
        expect(WRITE.test('        this.d.store.contracts.put(c.id, c);')).toBe(true);
        expect(WRITE.test('    s.lists.add(L.inFlight, id, true);')).toBe(true);
        expect(WRITE.test('    const c = v.contract(id);')).toBe(false);
        expect(importsFrom("import type { Clock, Store } from '../keeper/ports';", 'keeper/ports')).toEqual(['type Clock', 'type Store']);
    });
});
