import { emptyHistogram, quantile, record, type Histogram } from './histogram';
import { ok, type Result } from '../../kernel/result';
import { inconsistent } from '../../kernel/error';
import { HOUR } from './time';

export const DEFAULT_RESPONSE_TARGET = 4 * HOUR;

export type ConversationEventKind = 'customer_message' | 'provider_reply' | 'bot_handoff';

export interface ConversationEvent {
    kind: ConversationEventKind;
    at: number;
}

/** Per-contract conversation clock, following Chatwoot's first-response and reply-time rules. */
export interface Conversation {
    lastEventAt: number | null;
    waitingSince: number | null;
    responded: boolean;
    lastReplyAt: number | null;
    events: number;
}

export const newConversation = (): Conversation => ({
    lastEventAt: null,
    waitingSince: null,
    responded: false,
    lastReplyAt: null,
    events: 0
});

export interface Measurement {
    kind: 'first_response' | 'reply';
    seconds: number;
    withinTarget: boolean;
}

export interface ConversationStep {
    conversation: Conversation;
    measurement: Measurement | null;
    wait: 'opened' | 'closed' | 'restarted' | 'unchanged';
}

/**
 * A customer message starts the clock if it is not running; a bot hand-off restarts it (time spent
 * with the bot is not the provider's); a provider reply stops it and yields a measurement.
 */
export function applyEvent(c: Conversation, e: ConversationEvent, target: number): Result<ConversationStep> {
    if (c.lastEventAt !== null && e.at < c.lastEventAt) {
        return inconsistent(`event at ${e.at} is older than the conversation's last event at ${c.lastEventAt}`);
    }
    const base = { ...c, lastEventAt: e.at, events: c.events + 1 };
    if (e.kind === 'customer_message') {
        if (c.waitingSince !== null) return ok({ conversation: base, measurement: null, wait: 'unchanged' });
        return ok({ conversation: { ...base, waitingSince: e.at }, measurement: null, wait: 'opened' });
    }
    if (e.kind === 'bot_handoff') {
        const wait = c.waitingSince === null ? 'opened' : 'restarted';
        return ok({ conversation: { ...base, waitingSince: e.at }, measurement: null, wait });
    }
    const next = { ...base, lastReplyAt: e.at, waitingSince: null, responded: true };
    if (c.waitingSince === null) return ok({ conversation: next, measurement: null, wait: 'unchanged' });
    const seconds = e.at - c.waitingSince;
    const kind = c.responded ? 'reply' : 'first_response';
    return ok({ conversation: next, measurement: { kind, seconds, withinTarget: seconds <= target }, wait: 'closed' });
}

export interface Responsiveness {
    firstResponse: Histogram;
    reply: Histogram;
    withinTarget: number;
    breaches: number;
    lastReplyAt: number | null;
}

export const emptyResponsiveness = (): Responsiveness => ({
    firstResponse: emptyHistogram(),
    reply: emptyHistogram(),
    withinTarget: 0,
    breaches: 0,
    lastReplyAt: null
});

export function addMeasurement(r: Responsiveness, m: Measurement): Responsiveness {
    return {
        ...r,
        firstResponse: m.kind === 'first_response' ? record(r.firstResponse, m.seconds) : r.firstResponse,
        reply: m.kind === 'reply' ? record(r.reply, m.seconds) : r.reply,
        withinTarget: r.withinTarget + (m.withinTarget ? 1 : 0),
        breaches: r.breaches + (m.withinTarget ? 0 : 1)
    };
}

export interface ResponsivenessSummary {
    firstResponseMedian: number | null;
    firstResponseP90: number | null;
    replyMedian: number | null;
    replyP90: number | null;
    measured: number;
    withinTargetShare: number | null;
    breaches: number;
}

export function summarize(r: Responsiveness): ResponsivenessSummary {
    const measured = r.withinTarget + r.breaches;
    return {
        firstResponseMedian: quantile(r.firstResponse, 0.5),
        firstResponseP90: quantile(r.firstResponse, 0.9),
        replyMedian: quantile(r.reply, 0.5),
        replyP90: quantile(r.reply, 0.9),
        measured,
        withinTargetShare: measured === 0 ? null : r.withinTarget / measured,
        breaches: r.breaches
    };
}
