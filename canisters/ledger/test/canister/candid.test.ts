import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildLedger } from '../../testing/build.js';

// `npm run bindings:check` proves declarations/ are generated from ledger.did; this proves
// ledger.did is what the canister's code exports today (method by method, for a readable diff).
describe('ledger.did', () => {
    it('is the Candid interface the freshly built canister exports', () => {
        const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
        const fresh = readFileSync(buildLedger().candid, 'utf8');
        const committed = readFileSync(fileURLToPath(new URL('../../ledger.did', import.meta.url)), 'utf8');
        expect(lines(committed)).toEqual(lines(fresh));
    });
});
