import type Database from 'better-sqlite3';
import type { CanisterGateway } from '../gateway/types.js';
import type { JobResult, Lane } from '../outbox/forwarder.js';
import { JobKind } from '../outbox/kinds.js';
import type { Job, OutboxStore } from '../outbox/store.js';
import type { Clock } from '../util/clock.js';
import { errorMessage, type Logger } from '../util/log.js';
import { countSent, sentToday } from './caps.js';
import { getContacts } from './contacts.js';
import type { Channel, ChannelDelivery, NotifyRequest, ProviderContacts, Sender } from './types.js';
import { prepared } from '../outbox/prepared.js';
import { queueNotice } from '../chatwoot/notice_lane.js';

export interface NotifyDeps {
    store: OutboxStore;
    gateway: CanisterGateway;
    senders: Partial<Record<Channel, Sender>>;
    caps: Record<Channel, number>;
    clock: Clock;
    log: Logger;
    wake(kind: string): void;
}

/** `notify.send`: find the provider and its contacts, fan out one `notify.channel` job per channel. */
export function notifyLane(deps: NotifyDeps): Lane<NotifyRequest> {
    return {
        kind: JobKind.notify,
        batchSize: 20,
        async handle(jobs: Job<NotifyRequest>[]): Promise<Map<number, JobResult>> {
            const results = new Map<number, JobResult>();
            for (const job of jobs) results.set(job.id, await fanOut(deps, job));
            return results;
        }
    };
}

async function fanOut(deps: NotifyDeps, job: Job<NotifyRequest>): Promise<JobResult> {
    let providerId: string | null;
    try {
        providerId = (await deps.gateway.getContractForPayment(job.payload.contractId))?.providerId ?? null;
    } catch (e) {
        return { status: 'retry', error: errorMessage(e) };
    }
    if (!providerId) {
        tell(deps, job.dedupeKey, job.payload, 'I could not find this contract, so I could not alert its provider. Your question stays open here for the marketplace team.');
        return { status: 'dead', error: `unknown contract ${job.payload.contractId}` };
    }
    const contacts = getContacts(deps.store.db, providerId);
    const deliveries = contacts ? channelsFor(deps, providerId, contacts, job.payload) : [];
    if (deliveries.length === 0) {
        tell(deps, job.dedupeKey, job.payload, 'I could not alert the provider: they have set up no notification channel. Your question stays open here, and they will see it when they next open their chat inbox.');
        return { status: 'dead', error: `provider ${providerId} has no reachable notification channel` };
    }
    deps.store.db.transaction(() => {
        for (const d of deliveries) deps.store.insert({ kind: JobKind.notifyChannel, dedupeKey: `${job.dedupeKey}:${d.channel}`, payload: d, maxAttempts: 8 });
        tell(deps, job.dedupeKey, job.payload, `I am alerting the provider (${deliveries.map((d) => CHANNEL_NAMES[d.channel]).join(', ')}); a person will answer here. I will tell you if the alert cannot be delivered.`);
    })();
    deps.wake(JobKind.notifyChannel);
    return { status: 'done' };
}

const CHANNEL_NAMES: Record<Channel, string> = { telegram: 'Telegram', email: 'email', sms: 'SMS' };

/** The customer learns what happened to an escalation, in the conversation. */
function tell(deps: NotifyDeps, key: string, r: NotifyRequest, content: string): void {
    if (!r.tellCustomer) return;
    queueNotice(deps.store, key, { accountId: r.accountId, conversationId: r.conversationId, content });
    deps.wake(JobKind.chatwootNotice);
}

function channelsFor(deps: NotifyDeps, providerId: string, c: ProviderContacts, request: NotifyRequest): ChannelDelivery[] {
    const out: ChannelDelivery[] = [];
    const add = (channel: Channel, address: string | null): void => {
        if (address && deps.senders[channel]) out.push({ channel, providerId, address, request });
    };
    add('telegram', c.telegramChatId);
    add('email', c.email);
    add('sms', c.phone);
    return out;
}

/** `notify.channel`: send through one channel unless the provider's daily cap is reached. */
export function channelLane(deps: NotifyDeps): Lane<ChannelDelivery> {
    return {
        kind: JobKind.notifyChannel,
        batchSize: 20,
        async handle(jobs: Job<ChannelDelivery>[]): Promise<Map<number, JobResult>> {
            const results = new Map<number, JobResult>();
            for (const job of jobs) results.set(job.id, await deliver(deps, job.payload, job.dedupeKey));
            return results;
        }
    };
}

async function deliver(deps: NotifyDeps, d: ChannelDelivery, key: string): Promise<JobResult> {
    const sender = deps.senders[d.channel];
    if (!sender) return undelivered(deps, key, d, `${d.channel} is not configured`);
    const now = deps.clock.now();
    if (sentToday(deps.store.db, d.providerId, d.channel, now) >= deps.caps[d.channel]) {
        deps.log.warn('notification capped', { channel: d.channel, providerId: d.providerId });
        return undelivered(deps, key, d, `daily ${d.channel} cap reached`);
    }
    const subject = d.request.reason === 'escalation' ? 'A customer asked for a human' : 'A customer is waiting for your answer';
    try {
        const messageId = await sender.send(d.address, subject, d.request.text);
        deps.store.db.transaction(() => {
            countSent(deps.store.db, d.providerId, d.channel, now);
            if (d.channel === 'telegram' && messageId !== null) rememberTelegram(deps.store.db, d.address, messageId, d.request);
        })();
        return { status: 'done' };
    } catch (e) {
        return { status: 'retry', error: errorMessage(e) };
    }
}

function undelivered(deps: NotifyDeps, key: string, d: ChannelDelivery, error: string): JobResult {
    const content = `The ${CHANNEL_NAMES[d.channel]} alert to the provider could not be delivered (${error.replace(d.channel, CHANNEL_NAMES[d.channel])}). Your question stays open here.`;
    tell(deps, `undelivered:${key}`, d.request, content);
    return { status: 'dead', error };
}

function rememberTelegram(db: Database.Database, chatId: string, messageId: number, r: NotifyRequest): void {
    prepared(db, `INSERT OR REPLACE INTO telegram_messages (chat_id, message_id, account_id, conversation_id) VALUES (?, ?, ?, ?)`).run(chatId, messageId, r.accountId, r.conversationId);
}
