import { z } from 'zod';
import type { Core } from '../context.js';
import { badRequest } from '../http/errors.js';
import type { Handler, Reply, RequestContext } from '../http/router.js';
import { insertSample } from '../prober/samples.js';
import { verifyPushToken, verifySharedSecret } from '../verify/shared_secret.js';
import { parseJson } from '../http/json.js';

const heartbeatSchema = z
    .object({
        monitorID: z.coerce.number().int(),
        status: z.coerce.number().int().min(0).max(3),
        time: z.string(),
        ping: z.coerce.number().nullish(),
        msg: z.string().nullish()
    })
    .passthrough();

const kumaSchema = z
    .object({
        heartbeat: heartbeatSchema.nullish(),
        monitor: z.object({ id: z.coerce.number().int().optional(), name: z.string().optional(), tags: z.array(z.unknown()).optional() }).passthrough().nullish(),
        msg: z.string().nullish()
    })
    .passthrough();

type KumaBody = z.infer<typeof kumaSchema>;

export interface UptimeWebhookOptions {
    kumaSecret: string;
    kumaHeader: string;
    pushSecret: string;
}

/**
 * POST /webhooks/uptime-kuma[?contract=<id>]: Uptime Kuma's webhook notification (JSON, or
 * form data with the JSON in `data`), authenticated by a shared-secret header. The contract is
 * the `contract` query parameter, a monitor tag `contract` or a monitor name `contract:<id>`.
 */
export function kumaWebhook(core: Core, opts: UptimeWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        verifySharedSecret(ctx.headers, opts.kumaHeader, opts.kumaSecret);
        const parsed = kumaSchema.safeParse(kumaBody(ctx));
        if (!parsed.success) throw badRequest(`not an Uptime Kuma notification: ${parsed.error.message.slice(0, 300)}`);
        const hb = parsed.data.heartbeat;
        if (!hb || hb.status === 3) return { status: 200, body: { status: 'ignored' } };
        const contractId = ctx.query.get('contract') ?? contractFromMonitor(parsed.data);
        if (!contractId) throw badRequest('no contract: add ?contract=<id>, a monitor tag "contract" or name "contract:<id>"', 'unknown_contract');
        const at = kumaTime(hb.time);
        const fresh = await core.commit.run(() => {
            if (!core.store.receipt('kuma', `${contractId}:${hb.monitorID}:${hb.time}`)) return false;
            insertSample(core.store.db, { contractId, source: 'uptime_kuma', at, up: hb.status === 1, latencyMs: hb.ping ?? null });
            return true;
        });
        core.metrics.inc('relay_webhooks_total', { source: 'uptime_kuma', outcome: fresh ? 'accepted' : 'duplicate' }, 1, 'Webhooks by source and outcome');
        return { status: 200, body: { status: fresh ? 'accepted' : 'duplicate' } };
    };
}

/** GET|POST /push/:contractId/:token?status=up|down&msg=&ping=: a push-monitor heartbeat. */
export function pushHeartbeat(core: Core, opts: UptimeWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        const contractId = ctx.params.contractId ?? '';
        verifyPushToken(opts.pushSecret, contractId, ctx.params.token ?? '');
        const status = (ctx.query.get('status') ?? 'up').toLowerCase();
        if (status !== 'up' && status !== 'down') throw badRequest('status must be up or down', 'malformed_query');
        const ping = Number(ctx.query.get('ping'));
        const sample = { contractId, source: 'push' as const, at: core.clock.now(), up: status === 'up', latencyMs: Number.isFinite(ping) && ping > 0 ? Math.round(ping) : null };
        await core.commit.run(() => insertSample(core.store.db, sample));
        core.metrics.inc('relay_webhooks_total', { source: 'push', outcome: 'accepted' }, 1, 'Webhooks by source and outcome');
        return { status: 200, body: { ok: true } };
    };
}

function kumaBody(ctx: RequestContext): unknown {
    const type = String(ctx.headers['content-type'] ?? '');
    if (type.startsWith('application/x-www-form-urlencoded')) {
        const data = new URLSearchParams(ctx.rawBody.toString('utf8')).get('data');
        if (data === null) throw badRequest('form body has no data field');
        return parseJson(Buffer.from(data));
    }
    if (type.startsWith('multipart/form-data')) return parseJson(Buffer.from(multipartField(ctx.rawBody.toString('utf8'), 'data')));
    return parseJson(ctx.rawBody);
}

function multipartField(body: string, name: string): string {
    const m = new RegExp(`name="${name}"\\r?\\n(?:[^\\r\\n]+\\r?\\n)*\\r?\\n([\\s\\S]*?)\\r?\\n--`).exec(body);
    if (!m?.[1]) throw badRequest(`multipart body has no ${name} field`);
    return m[1];
}

function contractFromMonitor(body: KumaBody): string | null {
    for (const tag of body.monitor?.tags ?? []) {
        const t = tag as { name?: unknown; value?: unknown };
        if (t.name === 'contract' && typeof t.value === 'string' && t.value !== '') return t.value;
    }
    const m = /^contract:(\S+)/.exec(body.monitor?.name ?? '');
    return m?.[1] ?? null;
}

/** Kuma sends UTC as "YYYY-MM-DD HH:mm:ss.SSS". */
function kumaTime(time: string): number {
    const ms = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(time) ? time : `${time.replace(' ', 'T')}Z`);
    if (Number.isNaN(ms)) throw badRequest('heartbeat.time is not a time');
    return ms;
}
