// The timer run stops at its instruction budget counting what applying costs (writes and the other
// domains' status hooks), not only the planning: each due contract is its own unit of work.
import { describe, expect, it } from 'vitest';
import { NS_PER_DAY } from '../../src/kernel/records';
import { RUN_BUDGET } from '../../src/root/market';
import { harness } from '../domain/harness';

describe('timer run budget', () => {
    it('a status hook costing 60% of the budget stops the run after two contracts; the next run continues', async () => {
        const h = harness();
        h.provider();
        for (let i = 0; i < 3; i++) await h.provisioned(720);
        let used = 0n;
        h.market.instructionsUsed = () => used;
        h.market.hooks.push(() => (used += (RUN_BUDGET * 6n) / 10n));
        h.advance(NS_PER_DAY + 1n);
        const first = h.market.processDue(100);
        expect(first).toMatchObject({ processed: 2, remaining: 1 });
        used = 0n;
        const second = h.market.processDue(100);
        expect(second).toMatchObject({ processed: 1, remaining: 0 });
        expect(h.store.contracts.values().map((c) => c.status)).toEqual(['Active', 'Active', 'Active']);
        h.checkConservation();
    });
});
