// One memory map for the canister: the market's and the trust module's StableBTreeMap ids are
// claimed at start-up, and a second owner of an id, or an id outside an owner's range, is refused.
import { describe, expect, it } from 'vitest';
import { MEMORY } from '../../src/root/storage';
import { claim } from '../../src/kernel/memory';
import { TRUST_MEMORY } from '../../src/trust/stable';

describe('memory map', () => {
    it("the market's and trust's ids are claimed, each in its range, none shared", () => {
        const market = Object.values(MEMORY);
        const trust = Object.values(TRUST_MEMORY);
        expect(new Set([...market, ...trust]).size).toBe(market.length + trust.length);
        expect(trust.every((id) => id >= 20 && id <= 99)).toBe(true);
        expect(market.every((id) => id >= 0 && id <= 19)).toBe(true);
    });

    it('refuses a second owner and an id outside the range', () => {
        expect(() => claim('trust', 'intruder', TRUST_MEMORY.providers)).toThrow(/claimed by trust.providers/);
        expect(() => claim('trust', 'intruder', MEMORY.contracts)).toThrow(/outside trust's range/);
        expect(() => claim('market', 'intruder', TRUST_MEMORY.providers)).toThrow(/outside market's range/);
        expect(claim('trust', 'providers', TRUST_MEMORY.providers)).toBe(TRUST_MEMORY.providers);
    });
});
