import { z } from 'zod';
import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import type { Handler, Reply } from '../http/router.js';
import { applyTransition, VOUCH_SLACK, type Transition } from '../prober/transitions.js';
import { VerificationError } from '../verify/errors.js';
import { safeEqualSecret } from '../verify/hmac.js';

export interface AlertmanagerOptions {
    /** `http_config.authorization.credentials` of the receiver (Bearer). */
    bearerToken?: string;
    /** `http_config.basic_auth` of the receiver, as `user:password`. */
    basicAuth?: string;
    /** The route's repeat_interval: a firing alert is vouched for 1.5 × this after each notification. */
    repeatMs: number;
}

/** Alertmanager's zero time, sent as endsAt of alerts that carry no end. */
const time = z.string().datetime({ offset: true });
const alertSchema = z.object({
    status: z.enum(['firing', 'resolved']),
    labels: z.record(z.string()),
    startsAt: time,
    endsAt: time,
    fingerprint: z.string().regex(/^[0-9a-f]{1,32}$/)
});
/** Webhook payload version 4 (notify/webhook: Message = template.Data + version, groupKey, truncatedAlerts). */
const payloadSchema = z.object({ version: z.literal('4'), groupKey: z.string(), status: z.enum(['firing', 'resolved']), alerts: z.array(alertSchema).min(1).max(1000) });

/** A notification dated further ahead than this is refused (it would vouch for the future). */
const MAX_AHEAD_MS = 5 * 60_000;

function authorize(header: string | undefined, o: AlertmanagerOptions): void {
    if (header === undefined) throw new VerificationError('missing_header', 'Authorization is required (the receiver\'s bearer token or basic auth)');
    const [scheme, value = ''] = header.split(' ', 2);
    const expected = scheme === 'Bearer' ? o.bearerToken : scheme === 'Basic' && o.basicAuth !== undefined ? Buffer.from(o.basicAuth).toString('base64') : undefined;
    if (expected === undefined || !safeEqualSecret(expected, value)) throw new VerificationError('bad_signature', 'Authorization does not match');
}

/**
 * POST /webhooks/alertmanager[?contract=<id>]: a Prometheus Alertmanager webhook receiver. Each
 * alert of the group is a monitor (its fingerprint) of the contract in its `contract` label (or the
 * query's): firing is DOWN from startsAt, resolved is UP at endsAt (prober/transitions.ts). The
 * whole group is applied in one commit, or refused with nothing changed.
 */
export function alertmanagerWebhook(core: Core, o: AlertmanagerOptions): Handler {
    return async (ctx): Promise<Reply> => {
        authorize(typeof ctx.headers.authorization === 'string' ? ctx.headers.authorization : undefined, o);
        let body: unknown;
        try {
            body = JSON.parse(ctx.rawBody.toString('utf8'));
        } catch {
            throw badRequest('body is not JSON');
        }
        const parsed = payloadSchema.safeParse(body);
        if (!parsed.success) throw badRequest(`not an Alertmanager v4 notification: ${parsed.error.message.slice(0, 300)}`);
        const now = core.clock.now();
        const transitions = parsed.data.alerts.map((a): Transition => {
            const contractId = a.labels.contract ?? ctx.query.get('contract');
            if (contractId === undefined || contractId === null || !/^\d{1,20}$/.test(contractId)) throw badRequest(`alert ${a.fingerprint} has no contract: add a "contract" label or ?contract=<id>`, 'unknown_contract');
            const at = Date.parse(a.status === 'firing' ? a.startsAt : a.endsAt);
            if (at > now + MAX_AHEAD_MS) throw badRequest(`alert ${a.fingerprint} is dated in the future`);
            return { source: 'Alertmanager', contractId, monitorId: a.fingerprint, at, state: a.status === 'firing' ? 'down' : 'up', vouchedUntil: now + VOUCH_SLACK * o.repeatMs, latencyMs: null };
        });
        const late = await core.commit.run(() => transitions.filter((t) => applyTransition(core.store.db, t) === 'late').length);
        core.metrics.inc('relay_webhooks_total', { source: 'Alertmanager', outcome: 'accepted' }, 1, 'Webhooks by source and outcome');
        return { status: 200, body: { status: 'accepted', alerts: transitions.length, late } };
    };
}
