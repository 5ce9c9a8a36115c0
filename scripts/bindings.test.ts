// `scripts/bindings.mjs --check` is what makes `npm test` fail on stale bindings: prove it notices.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '..');
const check = (...args: string[]) => spawnSync(process.execPath, [join(root, 'scripts/bindings.mjs'), '--check', ...args], { cwd: root, encoding: 'utf8' });

describe('bindings --check', () => {
    it('fails when a .did no longer matches the generated declarations, and writes nothing', () => {
        const dir = mkdtempSync(join(tmpdir(), 'bindings-check-'));
        try {
            const did = readFileSync(join(root, 'canisters/ledger/ledger.did'), 'utf8');
            const changed = join(dir, 'ledger.did');
            writeFileSync(changed, did.replace(/\n}\s*$/, '\n    added_later: () -> (nat) query;\n}\n'));
            const before = readFileSync(join(root, 'canisters/ledger/declarations/ledger.did.ts'), 'utf8');
            const r = check('--did', `ledger=${changed}`);
            expect(r.status).toBe(1);
            expect(r.stderr).toContain('canisters/ledger/declarations/ledger.did.ts is stale');
            expect(readFileSync(join(root, 'canisters/ledger/declarations/ledger.did.ts'), 'utf8')).toBe(before);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('fails when a .did file is missing', () => {
        const r = check('--did', `ledger=${join(tmpdir(), 'no-such-dir', 'ledger.did')}`);
        expect(r.status).toBe(1);
        expect(r.stderr).toContain('not found');
    });
});
