// Webhook delivery as Chatwoot does it: every object that delivers (account webhook, agent bot) has
// its own secret and signs only when it has one and the version signs at all (account webhooks since
// 4.11.2, agent bots and API inboxes since 4.13.0): `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(
// secret, "<ts>.<body>")>`, the timestamp taken afresh on each attempt, `X-Chatwoot-Delivery` fixed
// when the event is enqueued. Account webhooks are not retried; agent-bot webhooks retry 3 times on
// 429 or 500 only, and when the bot cannot be reached on a pending conversation Chatwoot opens it.
// The HMAC is computed here with node:crypto, independently of the relay's own helpers.
import { createHmac, randomUUID } from 'node:crypto';

export interface WebhookTarget {
    url: string;
    /** null: the object has no secret, deliveries go out unsigned. */
    secret: string | null;
}

export type Version = `${number}.${number}.${number}`;

export const AGENT_BOT_EVENTS = new Set(['message_created', 'message_updated', 'webwidget_triggered', 'conversation_opened', 'conversation_resolved']);

function atLeast(v: Version, min: Version): boolean {
    const a = v.split('.').map(Number);
    const b = min.split('.').map(Number);
    for (let i = 0; i < 3; i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) > (b[i] ?? 0);
    return true;
}

export function signatureHeaders(secret: string | null, body: string, delivery: string): Record<string, string> {
    const headers: Record<string, string> = { 'content-type': 'application/json', 'x-chatwoot-delivery': delivery };
    if (secret === null) return headers;
    const ts = Math.floor(Date.now() / 1000);
    headers['x-chatwoot-timestamp'] = String(ts);
    headers['x-chatwoot-signature'] = `sha256=${createHmac('sha256', secret).update(`${ts}.${body}`).digest('hex')}`;
    return headers;
}

export class Deliveries {
    account: WebhookTarget | null = null;
    agentBot: WebhookTarget | null = null;
    readonly log: { target: 'account' | 'agent_bot'; event: string; status: number | 'error'; signed: boolean }[] = [];

    constructor(
        private readonly version: Version,
        private readonly botRetryPauseMs: number,
        private readonly say: (m: string) => void = () => undefined
    ) {}

    /** Sends the event to the account webhook and, for its events, the agent bot; resolves with whether the bot got it. */
    async emit(event: Record<string, unknown>): Promise<{ botDelivered: boolean | null }> {
        const body = JSON.stringify(event);
        const name = String(event.event);
        const account = this.account ? this.send('account', this.account, body, name, atLeast(this.version, '4.11.2')) : Promise.resolve(true);
        const bot = this.agentBot && AGENT_BOT_EVENTS.has(name) ? this.sendToBot(this.agentBot, body, name) : Promise.resolve(null);
        const [, botDelivered] = await Promise.all([account, bot]);
        return { botDelivered };
    }

    private async sendToBot(t: WebhookTarget, body: string, name: string): Promise<boolean> {
        const delivery = randomUUID();
        for (let attempt = 0; attempt <= 3; attempt++) {
            const status = await this.post('agent_bot', t, body, name, atLeast(this.version, '4.13.0'), delivery);
            if (status !== 'error' && status < 300) return true;
            if (status !== 429 && status !== 500) return false;
            await new Promise((r) => setTimeout(r, this.botRetryPauseMs));
        }
        return false;
    }

    private async send(target: 'account' | 'agent_bot', t: WebhookTarget, body: string, name: string, signs: boolean): Promise<boolean> {
        const status = await this.post(target, t, body, name, signs, randomUUID());
        return status !== 'error' && status < 300;
    }

    private async post(target: 'account' | 'agent_bot', t: WebhookTarget, body: string, name: string, signs: boolean, delivery: string): Promise<number | 'error'> {
        const secret = signs ? t.secret : null;
        try {
            const r = await fetch(t.url, { method: 'POST', headers: signatureHeaders(secret, body, delivery), body, signal: AbortSignal.timeout(5000) });
            this.log.push({ target, event: name, status: r.status, signed: secret !== null });
            if (!r.ok) this.say(`Chatwoot (local): ${target} webhook ${name} answered ${r.status}: ${(await r.text()).slice(0, 200)}`);
            return r.status;
        } catch (e) {
            this.log.push({ target, event: name, status: 'error', signed: secret !== null });
            this.say(`Chatwoot (local): ${target} webhook ${name} failed: ${(e as Error).message}`);
            return 'error';
        }
    }
}
