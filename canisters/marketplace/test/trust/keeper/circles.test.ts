// The keeper's circle aggregates (keeper/circles.ts): anchors named by controllers only, and a
// tenant's history elsewhere counted by the other provider's standing without this one's circle.
import { describe, expect, it } from 'vitest';
import { INDEPENDENT_SHARE } from '../../../src/trust/domain/independence';
import { setup } from './fakes';

const H = 3_600;

describe('anchors and circles in the keeper', () => {
    it('only a controller names an anchor, of a registered provider; a refusal writes nothing', () => {
        const s = setup();
        s.market.addOffering('ox', 'x');
        expect(s.keeper.setAnchor({ caller: 'x', isController: false }, 'x', true)).toMatchObject({ Err: { Unauthorized: {} } });
        expect(s.keeper.setAnchor(s.admin, 'nobody', true)).toMatchObject({ Err: { NotFound: { what: 'provider' } } });
        expect(s.store.standing.get('x')).toBeUndefined();
        expect(s.keeper.setAnchor(s.admin, 'x', true)).toEqual({ Ok: { vouch: 0, months: 0, anchor: true } });
        expect(s.store.standing.get('x')).toEqual({ vouch: 0, months: 0, anchor: true });
    });

    it('a month with an anchor makes a tenant independent of the next provider; a month in a circle does not', () => {
        const s = setup();
        s.market.addOffering('ox', 'x');
        s.market.addOffering('oy', 'y');
        s.market.addOffering('o1', 'prov');
        s.keeper.setAnchor(s.admin, 'x', true);
        // alice: a month with the anchor x; bob: a month with y, whose only other tenant also pays prov.
        for (const [id, o, t] of [['1', 'ox', 'alice'], ['2', 'oy', 'bob'], ['3', 'oy', 'carol']] as const) {
            s.market.addContract(id, o, t, 'running', { startedAt: s.now.t, plannedStart: s.now.t, plannedEnd: s.now.t + 30 * 24 * H });
            s.keeper.contractChanged(id);
        }
        s.now.t += 31 * 24 * H;
        for (const id of ['1', '2', '3']) {
            s.market.setStatus(id, 'completed');
            s.keeper.contractChanged(id);
        }
        for (const [id, t] of [['4', 'alice'], ['5', 'bob'], ['6', 'carol']] as const) {
            s.market.addContract(id, 'o1', t, 'running', { startedAt: s.now.t, plannedStart: s.now.t, plannedEnd: s.now.t + 30 * 24 * H });
            s.keeper.contractChanged(id);
        }
        // Judged when each month here ends: a month with the anchor against a month here.
        s.now.t += 31 * 24 * H;
        for (const id of ['4', '5', '6']) {
            s.market.setStatus(id, 'completed');
            s.keeper.contractChanged(id);
        }
        expect(s.store.payers.get('prov|alice')!.independence).toBeCloseTo(0.5, 6);
        // y's standing: its tenants had no history elsewhere, so nobody vouched for it.
        expect(s.store.payers.get('prov|bob')!.independence).toBeLessThan(INDEPENDENT_SHARE);
        expect(s.store.standing.get('y')).toMatchObject({ vouch: 0 });
        expect(s.store.circles.get('y|prov') ?? 0).toBe(0);
        expect(s.store.providers.get('prov')!.contracts.evidence).toMatchObject({ payers: 3, independent: 1 });
    });
});
