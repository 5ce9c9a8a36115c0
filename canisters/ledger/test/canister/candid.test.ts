import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadNames, namedDid } from '../../../../scripts/candid-names';
import { buildLedger } from '../../testing/build.js';

// `npm run bindings:check` proves declarations/ are generated from ledger.did; this proves
// ledger.did is what the canister's code exports today, named as the build names it.
describe('ledger.did', () => {
    it('is the named Candid interface of the freshly built canister', async () => {
        const root = fileURLToPath(new URL('../../../../', import.meta.url));
        const fresh = await namedDid(readFileSync(buildLedger().candid, 'utf8'), await loadNames(root, 'ledger'), 'ledger');
        const committed = readFileSync(fileURLToPath(new URL('../../ledger.did', import.meta.url)), 'utf8');
        const lines = (text: string) => text.split('\n').map((l) => l.trim()).filter((l) => l.length > 0);
        expect(lines(committed)).toEqual(lines(fresh));
    });
});
