// Structural: every state change of the trust half goes through trust/keeper/apply.ts. Planners get
// a read-only TrustView and the market's reads; only apply.ts writes the trust tables (through the
// kernel's one writer, writeTables) or calls what changes the market (SLA credits, reporter roles),
// and only the keeper and apply hold the store.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';
import { TABLE_ORDER } from '../../../src/trust/keeper/apply';
import { memoryTrustStore } from './fakes';

const TRUST = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'src', 'trust');
const walk = (d: string): string[] => readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(join(d, e.name)) : e.name.endsWith('.ts') ? [join(d, e.name)] : []));
const files = walk(TRUST).map((p) => p.slice(TRUST.length + 1));
const read = (f: string): string => readFileSync(join(TRUST, f), 'utf8');

/** A write on a table or a market change, unless it is a planned write (`ctx.put`, `d.put`, `this.put`, the overlay's `writes.put`). */
const WRITE = /\b(?!ctx\.|d\.|this\.put|[\w.]*writes\.put)([\w.]+)\.(put|insert|creditTenant|setReporterRoles|writeTables)\(|\bwriteTables\(/;
/** Files that implement the edges rather than plan: the stable tables, and the adapter over the market's exports. */
const EDGES = ['stable.ts', 'market_adapter.ts'];

const offenders = (f: string): string[] =>
    read(f)
        .split('\n')
        .map((line, i) => [i + 1, line] as const)
        .filter(([, line]) => WRITE.test(line))
        .map(([n, line]) => `${f}:${n}: ${line.trim()}`);

describe('the trust half writes only in trust/keeper/apply.ts', () => {
    it('has the unit-of-work files, and the staging area is gone', () => {
        for (const f of ['keeper/view.ts', 'keeper/effects.ts', 'keeper/apply.ts', 'keeper/plans.ts', 'keeper/scores.ts']) expect(files).toContain(f);
        expect(files).not.toContain('keeper/tx.ts');
        expect(files.filter((f) => /StagedTable|commitAll|ctx\.tx\./.test(read(f)))).toEqual([]);
    });

    it('no file but apply.ts writes a table or changes the market', () => {
        expect(files.filter((f) => f !== 'keeper/apply.ts' && !EDGES.includes(f)).flatMap(offenders)).toEqual([]);
        expect(offenders('keeper/apply.ts').length).toBeGreaterThanOrEqual(3);
        expect(read('keeper/apply.ts')).toMatch(/\bwriteTables\(s\.store, e\.writes, TABLE_ORDER\)/);
    });

    it('apply.ts writes every table (a planned write to a table missing from its order would be lost)', () => {
        expect([...TABLE_ORDER].sort()).toEqual(Object.keys(memoryTrustStore()).sort());
        expect(new Set(TABLE_ORDER).size).toBe(TABLE_ORDER.length);
    });

    it('only the keeper, its view and apply.ts name the store; planners get the market reads only', () => {
        const naming = (word: RegExp): string[] => files.filter((f) => word.test(read(f))).sort();
        // state.ts declares it, stable.ts builds it, view.ts wraps it read-only.
        expect(naming(/\bTrustStore\b/)).toEqual(['keeper/apply.ts', 'keeper/state.ts', 'keeper/trust.ts', 'keeper/view.ts', 'stable.ts']);
        expect(naming(/\bMarketReader\b/)).toEqual(['keeper/apply.ts', 'keeper/trust.ts', 'keeper/view.ts', 'market_adapter.ts', 'ports.ts']);
    });

    it('the checks can fail: a staged write, a store write and a market change are detected', () => {
        expect(WRITE.test("    ctx.tx.serving.put(view.id, out.serving);")).toBe(true);
        expect(WRITE.test('        this.store.reporters.put(\'reporters\', {});')).toBe(true);
        expect(WRITE.test('        const r = ctx.market.creditTenant(view.id, d.credit, ref);')).toBe(true);
        expect(WRITE.test('    t.put(nodeKey(prefix), { levels });')).toBe(true);
        expect(WRITE.test('    writeTables(this.store, e.writes, TABLE_ORDER);')).toBe(true);
        expect(WRITE.test("    ctx.put('serving', view.id, out.serving);")).toBe(false);
        expect(WRITE.test('        this.effects.writes.put(table, key, value);')).toBe(false);
        expect(WRITE.test("        this.put('providers', p.provider, p);")).toBe(false);
    });
});
