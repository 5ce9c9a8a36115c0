import { readFileSync } from 'node:fs';
import { IDL } from '@dfinity/candid';
import { describe, expect, it } from 'vitest';
import { buildLedger } from '../../testing/build.js';
import { idlFactory, init } from '../../declarations/index.js';

describe('generated bindings (declarations/)', () => {
    it('declare exactly the Candid interface the freshly built canister exports', () => {
        const did = readFileSync(buildLedger().candid, 'utf8');
        const exported = did
            .split('\n')
            .map((line) => line.trim())
            .filter((line) => line.endsWith(';'))
            .sort();
        const service = idlFactory({ IDL }) as IDL.ServiceClass;
        const declared = service._fields
            .map(([name, func]) => `${name}: ${func.display().replace('→', '->').trim()};`)
            .sort();
        expect(declared).toEqual(exported);
        const [initArg] = init({ IDL });
        expect(did.startsWith(`service: (${initArg?.display()}) -> {`)).toBe(true);
    });
});
