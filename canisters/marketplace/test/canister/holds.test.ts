// Issue 18 parts 5–6 against the compiled canister: a flood of free requests blocks no rental,
// a provider's pause releases nothing for unmeasured time (the catalogue's scenarios, asserted).
import { describe, expect, it } from 'vitest';
import { floodOutcome, pausedBilling, pauseOutcome, requestFlood } from '../../../../bench/attacks/holds';

describe('issue 18 attacks: free holds and paused billing', () => {
    it('request flood: 5 free principals × 10 requests block no honest rental, at no holding power', async () => {
        const f = await requestFlood();
        console.log(`request flood: ${floodOutcome(f).effect}; attacker cost ${f.attackerCost}`);
        expect(f.floodRequests).toBe(50);
        expect(f.attackerCost).toBe(0n);
        expect(f.errors).toEqual([]);
        expect(f.honestBlocked).toBe(0);
    });

    it('paused billing: 3 provider-paused days release nothing, and the tenant gets the paused time back on cancel', async () => {
        const f = await pausedBilling();
        console.log(`paused billing: ${pauseOutcome(f).effect}; refund on cancel ${f.refundOnCancel}`);
        expect(f.probeTargetsWhilePaused).toBe(0);
        expect(f.releasedWhilePaused).toBe(0n);
        expect(f.auditOk).toBe(true);
    });
});
