import { describe, expect, it } from 'vitest';
import type { Actors } from '@/lib/agent';
import { getEarnings } from '../get-earnings';

const ME = '2vxsx-fae';

describe('earnings', () => {
    it('offers only the booked balance as withdrawable: accruing money is shown apart, as withdraw does not take it', async () => {
        const actors = {
            marketplace: {
                getConfig: async () => ({ tokens: [{ symbol: 'TCY' }] }),
                balanceOf: async () => ({ Ok: { account: ME, token: 'TCY', withdrawable: 1_000n, accruing: 300n, inFlight: 0n, escrowAsTenant: 0n } }),
                accountJournal: async () => ({ items: [], total: 0, next: [] })
            }
        } as unknown as Actors;
        const e = await getEarnings(actors, ME);
        expect(e.withdrawable).toBe(700n);
        expect(e.accruing).toBe(300n);
    });
});
