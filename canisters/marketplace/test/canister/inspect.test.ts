// inspect_message lists every update of the canister (the trust module's too): an update it does not
// list would be refused as unknown, and one listed too loosely would be paid for by the canister.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verdict } from '../../src/root/inspect';

const did = readFileSync(new URL('../../marketplace.did', import.meta.url), 'utf8');
const service = did.slice(did.indexOf('service'));
const updates = [...service.matchAll(/^\s+"?(\w+)"?\s*:\s*\(([^\n]*)$/gm)].filter((m) => !/\bquery\s*;?\s*$/.test(m[2]!)).map((m) => m[1]!);
const signed = 'aaaaa-aa';

describe('inspect_message', () => {
    it('accepts every update of the Candid interface from a controller relay, and no unknown name', () => {
        expect(updates.length).toBeGreaterThan(40);
        for (const m of updates) expect([m, verdict(m, 100, signed, true, true)]).toEqual([m, 'accept']);
        expect(verdict('notAMethod', 100, signed, true, true)).toBe('unknown method');
    });

    it("guards the trust module's updates: controllers, relays, signed callers, batch sizes", () => {
        expect(verdict('setTrustReporter', 100, signed, false, true)).toBe('controllers only');
        expect(verdict('submitConversationEvents', 100, signed, true, false)).toBe('relays only');
        expect(verdict('submitBenchmarks', 100, signed, true, false)).toBe('relays only');
        expect(verdict('refreshMarket', 100, signed, false, false)).toBe('relays only');
        expect(verdict('refreshMarket', 100, signed, true, false)).toBe('accept');
        expect(verdict('submitFeedback', 100, '2vxsx-fae', false, false)).toBe('anonymous caller');
        expect(verdict('submitFeedback', 20_000, signed, false, false)).toBe('argument too large');
        expect(verdict('submitUptime', 200_000, signed, false, false)).toBe('accept');
        expect(verdict('submitUptime', 3 * 1024 * 1024, signed, false, false)).toBe('argument too large');
    });
});
