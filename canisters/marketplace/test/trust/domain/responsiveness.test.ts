import { errorCase } from '../../../src/kernel/error';
import { describe, expect, it } from 'vitest';
import {
    addMeasurement,
    applyEvent,
    emptyResponsiveness,
    newConversation,
    summarize,
    type Conversation,
    type ConversationEvent,
    type Measurement
} from '../../../src/trust/domain/responsiveness';
import { closeWait, contractSilentSince, openWait, silentContracts, silentSince } from '../../../src/trust/domain/silence';

const H = 3600;
const T = 4 * H;
const c = (kind: ConversationEvent['kind'], at: number): ConversationEvent => ({ kind, at });

function run(events: ConversationEvent[]): { conv: Conversation; ms: Measurement[] } {
    let conv = newConversation();
    const ms: Measurement[] = [];
    for (const e of events) {
        const r = applyEvent(conv, e, T);
        if ('Err' in r) throw new Error(errorCase(r.Err));
        conv = r.Ok.conversation;
        if (r.Ok.measurement) ms.push(r.Ok.measurement);
    }
    return { conv, ms };
}

describe('conversation clock (Chatwoot rules)', () => {
    it.each([
        { name: 'first response', events: [c('customer_message', 0), c('provider_reply', 600)], want: [['first_response', 600, true]] },
        { name: 'later messages do not restart the clock', events: [c('customer_message', 0), c('customer_message', 500), c('provider_reply', 600)], want: [['first_response', 600, true]] },
        { name: 'bot hand-off restarts the clock', events: [c('customer_message', 0), c('bot_handoff', 3000), c('provider_reply', 3600)], want: [['first_response', 600, true]] },
        { name: 'reply time after the first response', events: [c('customer_message', 0), c('provider_reply', 60), c('customer_message', 1000), c('provider_reply', 1000 + 5 * H)], want: [['first_response', 60, true], ['reply', 5 * H, false]] },
        { name: 'proactive provider message measures nothing', events: [c('provider_reply', 10)], want: [] },
        { name: 'exactly on target is within', events: [c('customer_message', 0), c('provider_reply', T)], want: [['first_response', T, true]] }
    ])('$name', ({ events, want }) => {
        expect(run(events).ms.map((m) => [m.kind, m.seconds, m.withinTarget])).toEqual(want);
    });

    it('rejects events older than the last one and changes nothing', () => {
        const { conv } = run([c('customer_message', 100)]);
        const r = applyEvent(conv, c('provider_reply', 50), T);
        expect(('Ok' in r ? 'ok' : errorCase(r.Err))).toBe('Inconsistent');
    });

    it('aggregates median, p90, share within target and breaches', () => {
        let r = emptyResponsiveness();
        for (const s of [600, 1200, 1800, 2400, 20_000]) r = addMeasurement(r, { kind: 'first_response', seconds: s, withinTarget: s <= T });
        const sum = summarize(r);
        expect(sum.measured).toBe(5);
        expect(sum.breaches).toBe(1);
        expect(sum.withinTargetShare).toBeCloseTo(0.8);
        expect(Math.abs(sum.firstResponseMedian! - 1800) / 1800).toBeLessThan(0.2);
        expect(sum.firstResponseP90!).toBeGreaterThan(16_000);
        expect(sum.replyMedian).toBeNull();
    });
});

describe('silence', () => {
    it.each<{ name: string; waits: Record<string, number>; now: number; want: number | null }>([
        { name: 'nothing waiting', waits: {}, now: 10 * H, want: null },
        { name: 'waiting within target', waits: { a: 5 * H }, now: 4 * H, want: null },
        { name: 'past target since the deadline', waits: { a: 5 * H }, now: 6 * H, want: 5 * H },
        { name: 'earliest deadline wins', waits: { a: 5 * H, b: 3 * H, c: 9 * H }, now: 6 * H, want: 3 * H }
    ])('$name', ({ waits, now, want }) => {
        expect(silentSince(waits, now)).toBe(want);
    });

    it('a reply clears the flag', () => {
        const w = openWait({}, 'a', 4 * H);
        expect(silentContracts(w, 5 * H)).toEqual(['a']);
        expect(silentSince(closeWait(w, 'a'), 5 * H)).toBeNull();
    });

    it.each([
        { waitingSince: null, now: 10 * H, want: null },
        { waitingSince: 0, now: 3 * H, want: null },
        { waitingSince: 0, now: 5 * H, want: 4 * H }
    ])('contract silent since for waiting since $waitingSince at $now', ({ waitingSince, now, want }) => {
        expect(contractSilentSince(waitingSince, T, now)).toBe(want);
    });
});
