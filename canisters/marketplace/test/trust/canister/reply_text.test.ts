// Replies encode texts through the host's Candid encoder (a JS loop cost ≈ 5k instructions per
// character): whatever a provider writes comes back byte for byte, escapes and all.
import { describe, expect, it } from 'vitest';
import { offering, provider, setupProvider, stranger, world } from '../../canister/fixture';

const TRICKY = ['Ünïcode "VPS" \\ back\\slash — 🚀 {x} \\u{41} \\n', 'ab"c', '\\', '"', 'plain ascii name that is long enough', 'é', '\u{10FFFF}ok'];

describe('reply texts', () => {
    it('names with quotes, backslashes, escapes-lookalikes and non-ASCII come back unchanged', async () => {
        const w = await world();
        for (const name of TRICKY) {
            await setupProvider(w, { name, description: `${name}\n\t${'long '.repeat(100)}` });
        }
        const prof = (await w.as(stranger).trustProfile(provider))[0];
        expect(prof.offerings.map((o: any) => o.name).sort()).toEqual([...TRICKY].sort());
        const page = await w.as(stranger).searchOfferings({ provider: [provider], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [], minBandwidthMbps: [], gpu: [], available: [], includeInactive: [], minTrustScore: [] }, 0, 20);
        const items = (page as any).items.map((i: any) => i.offering ?? i);
        expect(items.map((o: any) => o.description).sort()).toEqual(TRICKY.map((n) => `${n}\n\t${'long '.repeat(100)}`).sort());
    });
});
