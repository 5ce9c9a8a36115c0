// A withdrawal reads the provider's payout account from the key apply keeps beside the profile;
// providers stored before that key existed are paid from the profile.
import { describe, expect, it } from 'vitest';
import { harness, P, T, unwrap } from '../domain/harness';

describe('payout account of a withdrawal', () => {
    it('follows updateProvider (subaccount included), and falls back to the profile without the key', async () => {
        const h = harness();
        h.provider();
        await h.provisioned(720);
        h.advance(3n * 24n * 3_600_000_000_000n);
        await h.runTimers();
        const sub = new Uint8Array(32).fill(7);
        unwrap(h.market.updateProvider(P, { name: P, description: '', website: '', contacts: [], payout: { owner: 'payout-owner', subaccount: sub } }));
        const t = unwrap(await h.market.withdraw(P, 'ICP', 1_000n));
        expect(t.to).toEqual({ owner: 'payout-owner', subaccount: sub });
        expect(h.ledger.balance('ICP', 'payout-owner')).toBe(0n); // the default account got nothing: the subaccount did
        h.store.index.remove(`po|${P}`);
        const t2 = unwrap(await h.market.withdraw(P, 'ICP', 1_000n));
        expect(t2.to).toEqual({ owner: 'payout-owner', subaccount: sub });
        expect(unwrap(await h.market.withdraw(T, 'ICP', null).then((r) => ('Err' in r ? { Ok: r.Err } : r)))).toHaveProperty('InsufficientBalance');
    });
});
