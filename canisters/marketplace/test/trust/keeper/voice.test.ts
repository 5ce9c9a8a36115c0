// A tenant's word weighs its independence and its contract's value (domain/voice.ts): feedback of
// both signs, silence and the provider's response figures. The sinks of issue 19: sybils of one
// hour answering "no", and one cheap sybil messaging at night.
import { describe, expect, it } from 'vitest';
import { contractTokens, voice } from '../../../src/trust/domain/voice';
import { giveVoice, setup } from './fakes';

const H = 3600;
const DAY = 86_400;

/** Provider `prov`, offering `o1` (response target 4 h), contract `id` of `tenant` lasting `hours`, running. */
function rented(s: ReturnType<typeof setup>, id: string, tenant: string, hours: number, elsewhere = 0) {
    if (!s.market.offerings.has('o1')) s.market.addOffering('o1', 'prov');
    if (elsewhere > 0) s.store.histories.put(tenant, { weight: elsewhere, factorSum: 0, factorStartSum: 0 });
    s.market.addContract(id, 'o1', tenant, 'running', { plannedEnd: 2000 + hours * H });
    s.keeper.contractChanged(id);
}

const no = { matchedDescription: false, wouldRentAgain: false };

describe('voice', () => {
    it('is 0 without history elsewhere, grows with independence and paid value, at most 1', () => {
        expect(voice(0.2, 10)).toBe(0);
        expect(voice(1, 10)).toBe(1);
        expect(voice(0.4, 1)).toBe(0.8);
        expect(voice(1, 0.25)).toBe(0.25);
        expect(contractTokens({ monthlyTokens: 4, plannedStart: 0, plannedEnd: 3 * H })).toBeCloseTo(4 * 3 / 720, 6);
    });
});

describe('feedback is weighted by voice, both signs', () => {
    it('"no" from sybils without history elsewhere is kept and weighs nothing', () => {
        const s = setup();
        for (let i = 0; i < 6; i++) {
            rented(s, `${i}`, `sybil${i}`, 1);
            s.market.setStatus(`${i}`, 'completed');
            s.keeper.contractChanged(`${i}`);
            const r = s.keeper.submitFeedback(`sybil${i}`, `${i}`, no);
            expect('Ok' in r && [r.Ok.counted, r.Ok.weight]).toEqual([false, 0]);
        }
        const p = s.keeper.providerProfile('prov')!;
        expect(p.trust.feedback).toEqual({ matchedYes: 0, matchedNo: 0, againYes: 0, againNo: 0 });
        expect(p.breakdown.flags.map((f) => f.code)).toEqual([]);
    });

    it('an independent tenant of a one-hour contract counts for what it paid; a month counts fully', () => {
        const s = setup();
        rented(s, '1', 'hour', 1, 2);
        rented(s, '2', 'month', 720, 2);
        for (const id of ['1', '2']) {
            s.market.setStatus(id, 'completed');
            s.keeper.contractChanged(id);
        }
        const hour = s.keeper.submitFeedback('hour', '1', no);
        const month = s.keeper.submitFeedback('month', '2', no);
        expect('Ok' in hour && hour.Ok.weight).toBeCloseTo(1 / 720, 3);
        expect('Ok' in month && month.Ok.weight).toBe(1);
        const p = s.keeper.providerProfile('prov')!;
        expect(p.trust.feedback.againNo).toBeCloseTo(1 + 1 / 720, 3);
        expect(p.net90d).toBeCloseTo(-2 - 2 / 720, 2);
    });
});

describe('silence is weighted by voice', () => {
    function silentAfter(s: ReturnType<typeof setup>, id: string) {
        const t0 = 9 * DAY;
        expect('Ok' in s.keeper.submitConversationEvents('relay-1', [{ id: `q${id}`, contractId: id, kind: 'customer_message', at: t0 }])).toBe(true);
        s.now.t = t0 + 5 * H;
        return s.keeper.providerProfile('prov')!;
    }

    it('one sybil without history elsewhere: the wait is shown, no flag, no points, no warning', () => {
        const s = setup();
        rented(s, '1', 'sybil', 720);
        const p = silentAfter(s, '1');
        expect(p.silentSince).toBe(9 * DAY + 4 * H);
        expect(p.breakdown.flags.map((f) => f.code)).not.toContain('silent');
        expect(p.breakdown.rules.find((l) => l.rule === 'silent')?.points).toBe(0);
        expect(p.warnBeforeCheckout).toBe(false);
    });

    it('one independent tenant of a 3-hour contract (a low value) raises no critical flag', () => {
        const s = setup();
        rented(s, '1', 'cheap', 3);
        giveVoice(s, 'cheap');
        const p = silentAfter(s, '1');
        expect(p.breakdown.flags.map((f) => f.code)).not.toContain('silent');
        expect(p.critical).toBe(false);
    });

    it('an independent tenant of a month-long contract makes the provider silent (critical)', () => {
        const s = setup();
        rented(s, '1', 'alice', 720);
        giveVoice(s, 'alice');
        const p = silentAfter(s, '1');
        expect(p.breakdown.flags.find((f) => f.code === 'silent')).toMatchObject({ critical: true, since: 9 * DAY + 4 * H });
        expect(p.warnBeforeCheckout).toBe(true);
    });

    it("a voiceless tenant's late reply is measured on its contract, not in the provider's figures", () => {
        const s = setup();
        rented(s, '1', 'sybil', 720);
        silentAfter(s, '1');
        s.keeper.submitConversationEvents('relay-1', [{ id: 'r1', contractId: '1', kind: 'provider_reply', at: 9 * DAY + 5 * H }]);
        expect(s.keeper.providerProfile('prov')!.responsiveness.breaches).toBe(0);
        expect(s.keeper.contractSignals('1')!.responsiveness.breaches).toBe(1);
    });
});
