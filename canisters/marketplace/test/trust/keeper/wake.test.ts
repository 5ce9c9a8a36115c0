// Flags raised by time alone (silent, ghost_risk, stuck) reach the certified summary at their
// deadline: the keeper keeps one wake-up per provider in a due index, and the timer's run wakes a
// bounded batch of the earliest.
import { describe, expect, it } from 'vitest';
import { nextWake, parseWakeKey, wakeKey } from '../../../src/trust/keeper/wake';
import { giveVoice, setup, withRunningContract } from './fakes';

const H = 3600;
const DAY = 86_400;

const certifiedFlags = (s: ReturnType<typeof setup>, provider = 'prov'): string[] => {
    const w = s.keeper.certifiedSummary(provider);
    return w === null ? [] : (JSON.parse(w.summary) as { flags: string[] }).flags;
};

describe('wake-up keys', () => {
    it('order by time whatever the principal length, and parse back', () => {
        const a = wakeKey(99, 'aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaaaa-aaa');
        const b = wakeKey(100, 'x');
        expect(a.length).toBe(b.length);
        expect(a < b).toBe(true);
        expect(parseWakeKey(b)).toEqual({ at: 100, provider: 'x' });
    });
});

describe('time-raised flags reach the certified summary', () => {
    it('a customer message schedules a wake-up just past its deadline; the run certifies `silent`', () => {
        const s = withRunningContract();
        giveVoice(s, 'alice');
        const t0 = 10 * DAY + H;
        s.now.t = t0;
        s.keeper.submitConversationEvents('relay-1', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: t0 }]);
        const deadline = t0 + 4 * H;
        expect(s.keeper.nextWake()).toBe(deadline + 1);
        expect(certifiedFlags(s)).not.toContain('silent');
        s.now.t = deadline;
        expect(s.keeper.wake()).toBe(0);
        expect(certifiedFlags(s)).not.toContain('silent');
        s.now.t = deadline + 60;
        expect(s.keeper.wake()).toBe(0);
        expect(certifiedFlags(s)).toContain('silent');
        // The next time-raised change of this provider: its ghost deadline (7 days after its last activity).
        expect(s.keeper.nextWake()).toBeGreaterThan(s.now.t);
        expect(s.keeper.wakeups.size()).toBe(1);
    });

    it('the reply clears the silence wake-up; ghost_risk is certified 7 days after the last activity', () => {
        const s = withRunningContract();
        const t0 = 10 * DAY + H;
        s.now.t = t0;
        s.keeper.submitConversationEvents('relay-1', [{ id: 'm1', contractId: '1', kind: 'customer_message', at: t0 }, { id: 'r1', contractId: '1', kind: 'provider_reply', at: t0 + 60 }]);
        const at = s.keeper.nextWake()!;
        expect(at).toBe(t0 + 60 + 7 * DAY + 1);
        s.now.t = at;
        s.keeper.wake();
        expect(certifiedFlags(s)).toContain('ghost_risk');
    });

    it('a run wakes at most its batch, earliest first, and reports what remains', () => {
        const s = setup();
        const t0 = 10 * DAY + H;
        for (let i = 0; i < 5; i++) {
            s.market.addOffering(`o${i}`, `p${i}`);
            s.market.addContract(`${i}`, `o${i}`, `t${i}`, 'running');
            s.keeper.contractChanged(`${i}`);
            s.now.t = t0 + i;
            s.keeper.submitConversationEvents('relay-1', [{ id: `m${i}`, contractId: `${i}`, kind: 'customer_message', at: t0 + i }]);
        }
        s.now.t = t0 + 5 * H;
        expect(s.keeper.wake(2)).toBe(2);
        expect(s.keeper.wake(2)).toBe(1);
        expect(s.keeper.wake(2)).toBe(0);
        expect(s.keeper.wake(2)).toBe(0);
        expect(s.keeper.wakeups.size()).toBe(5);
        expect(s.keeper.nextWake()).toBeGreaterThan(s.now.t);
    });

    it('nothing time-raised ahead: no wake-up', () => {
        const s = setup();
        s.market.addOffering('o1', 'prov');
        s.market.addContract('1', 'o1', 'alice', 'completed');
        s.keeper.contractChanged('1');
        expect(nextWake(s.store.providers.get('prov')!, s.now.t)).toBeNull();
        expect(s.keeper.nextWake()).toBeNull();
    });
});
