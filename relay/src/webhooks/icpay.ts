import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import type { Handler, Reply } from '../http/router.js';
import { eventSchema, type IcpayEvent, type PaymentJob } from '../icpay/payload.js';
import { JobKind } from '../outbox/kinds.js';
import { VerificationError } from '../verify/errors.js';
import { verifyIcpay } from '../verify/icpay.js';
import { parseJson } from '../http/json.js';
import { prepared } from '../outbox/prepared.js';

/** Which secret verified an event: the account's secret key, or the endpoint's own webhook secret. */
export type IcpaySecretName = 'secret_key' | 'endpoint_secret';

export interface IcpayWebhookOptions {
    /** Tried in order; an event verified by any is accepted, and the reply says which one. */
    secrets: { name: IcpaySecretName; secret: string }[];
    toleranceSec: number;
}

/** Verifies against each configured secret; the first that matches names the verifier (else the last error). */
export function verifyWithAny(headers: Parameters<typeof verifyIcpay>[0], rawBody: Buffer, opts: IcpayWebhookOptions, now: number): { form: ReturnType<typeof verifyIcpay>; verifiedBy: IcpaySecretName } {
    let last: unknown = new VerificationError('bad_signature', 'no ICPay secret configured');
    for (const s of opts.secrets) {
        try {
            return { form: verifyIcpay(headers, rawBody, s.secret, now, opts.toleranceSec), verifiedBy: s.name };
        } catch (e) {
            if (!(e instanceof VerificationError)) throw e;
            last = e;
        }
    }
    throw last;
}

type Outcome = 'accepted' | 'duplicate_event' | 'duplicate_payment' | 'recorded' | 'ignored';

const TERMINAL_FAILURES = new Set(['payment.failed', 'payment.cancelled', 'payment.canceled', 'payment.refunded']);

/** POST /webhooks/icpay: verify either signature form, deduplicate by event id and payment id. */
export function icpayWebhook(core: Core, opts: IcpayWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        const now = core.clock.now();
        const { form, verifiedBy } = verifyWithAny(ctx.headers, ctx.rawBody, opts, now);
        const parsed = eventSchema.safeParse(parseJson(ctx.rawBody));
        if (!parsed.success) throw badRequest(`not an ICPay event: ${parsed.error.message.slice(0, 300)}`);
        const event = parsed.data;
        if (form === 'plain') checkCreated(event, now, opts.toleranceSec);
        const outcome = await core.commit.run(() => store(core, event));
        core.metrics.inc('relay_webhooks_total', { source: 'icpay', outcome }, 1, 'Webhooks by source and outcome');
        core.metrics.inc('relay_icpay_webhooks_verified_total', { by: verifiedBy }, 1, 'ICPay webhooks by the secret that verified them');
        if (outcome === 'accepted') core.wake(JobKind.icpayPayment);
        return { status: 200, body: { status: outcome, verifiedBy } };
    };
}

function store(core: Core, event: IcpayEvent): Outcome {
    if (!core.store.receipt('icpay', event.id)) return 'duplicate_event';
    const paymentId = event.data.object.id;
    if (event.type === 'payment.completed') {
        const job: PaymentJob = { paymentId, eventId: event.id, eventType: event.type };
        const fresh = core.store.insert({ kind: JobKind.icpayPayment, dedupeKey: `icpay:payment:${paymentId}`, payload: job });
        return fresh ? 'accepted' : 'duplicate_payment';
    }
    if (TERMINAL_FAILURES.has(event.type)) {
        recordFailure(core, paymentId, event);
        return 'recorded';
    }
    return 'ignored';
}

function recordFailure(core: Core, paymentId: string, event: IcpayEvent): void {
    const status = String(event.data.object.status ?? event.type.replace('payment.', ''));
    prepared(core.store.db,
            `INSERT INTO payments (payment_id, status, outcome, reason, updated_at) VALUES (?, ?, 'not_credited', ?, ?)
             ON CONFLICT DO UPDATE SET status = excluded.status, reason = excluded.reason, updated_at = excluded.updated_at
             WHERE payments.outcome <> 'credited'`
        )
        .run(paymentId, status, `webhook ${event.type}`, core.clock.now());
}

/** The plain (untimed) signature form has no signed timestamp: judge freshness by `created`. */
function checkCreated(event: IcpayEvent, now: number, toleranceSec: number): void {
    if (event.created === undefined) return;
    const raw = typeof event.created === 'number' ? event.created : Date.parse(event.created);
    const ms = typeof event.created === 'number' && raw < 1e12 ? raw * 1000 : raw;
    if (Number.isNaN(ms)) throw new VerificationError('malformed_body', 'created is not a time');
    if (Math.abs(now - ms) > toleranceSec * 1000) throw new VerificationError('stale_timestamp', 'event created outside tolerance');
}
