import { z } from 'zod';
import type { Core } from '../context.js';
import { badRequest, HttpRequestError } from '../http/errors.js';
import type { Handler, Reply, RequestContext } from '../http/router.js';
import { hasSampleInMinute, insertSample } from '../prober/samples.js';
import { applyTransition, VOUCH_SLACK, type MonitorState } from '../prober/transitions.js';
import { pushToken, verifyPushToken, verifySharedSecret } from '../verify/shared_secret.js';

const heartbeatSchema = z
    .object({
        monitorID: z.coerce.number().int(),
        status: z.coerce.number().int().min(0).max(3),
        time: z.string().optional(),
        ping: z.coerce.number().nullish(),
        msg: z.string().nullish()
    })
    .passthrough();

const kumaSchema = z
    .object({
        heartbeat: heartbeatSchema.nullish(),
        monitor: z
            .object({
                id: z.coerce.number().int().optional(),
                name: z.string().optional(),
                tags: z.array(z.unknown()).optional(),
                interval: z.coerce.number().nullish(),
                resendInterval: z.coerce.number().nullish()
            })
            .passthrough()
            .nullish(),
        msg: z.string().nullish(),
        contract: z.string().optional()
    })
    .passthrough();

type KumaBody = z.infer<typeof kumaSchema>;

export interface UptimeWebhookOptions {
    kumaSecret: string;
    kumaHeader: string;
    pushSecret: string;
}

/** Kuma's heartbeat status: 0 DOWN, 1 UP, 2 PENDING (Kuma counts it as down), 3 MAINTENANCE. */
const STATUS: Record<number, MonitorState> = { 0: 'down', 1: 'up', 2: 'down', 3: 'maintenance' };
/**
 * Status as words: ours, and what Kuma's template renders for `{{status}}` ("🔴 Down", "✅ Up",
 * "⚠️ Test" for the Test button; notification-provider.js renderTemplate). Emoji and case are ignored.
 */
const STATUS_WORDS: Record<string, number | 'test'> = { down: 0, up: 1, pending: 2, maintenance: 3, test: 'test' };
/** Kuma's default check interval (s), when the notification does not say. */
const DEFAULT_INTERVAL_S = 60;
/** A notification dated further ahead than this is refused (it would vouch for the future). */
const MAX_AHEAD_MS = 5 * 60_000;

/**
 * POST|GET /webhooks/uptime-kuma[?contract=<id>]: Uptime Kuma's webhook notification, in every
 * form Kuma sends it (webhook.js): JSON `{heartbeat, monitor, msg}`; multipart form-data with the
 * JSON in `data`; a custom body template (posted as text, which axios labels form-urlencoded: JSON
 * or `key=value` fields, flat or the standard shape); GET with `heartbeat`/`monitor` JSON in the
 * query. Authenticated by a shared-secret header. A notification is a state transition at its own
 * time (prober/transitions.ts), not a sample.
 */
export function kumaWebhook(core: Core, opts: UptimeWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        verifySharedSecret(ctx.headers, opts.kumaHeader, opts.kumaSecret);
        const parsed = kumaSchema.safeParse(kumaBody(ctx));
        if (!parsed.success) throw badRequest(`not an Uptime Kuma notification: ${parsed.error.message.slice(0, 300)}`);
        const hb = parsed.data.heartbeat;
        // Kuma's "Test" button sends heartbeat: null.
        if (!hb) return { status: 200, body: { status: 'ignored' } };
        const contractId = ctx.query.get('contract') ?? parsed.data.contract ?? contractFromMonitor(parsed.data);
        if (!contractId) throw badRequest('no contract: add ?contract=<id>, a monitor tag "contract" or name "contract:<id>"', 'unknown_contract');
        const now = core.clock.now();
        const at = hb.time === undefined ? now : kumaTime(hb.time);
        if (at > now + MAX_AHEAD_MS) throw badRequest('heartbeat.time is in the future', 'malformed_body');
        const m = parsed.data.monitor;
        // A DOWN vouches until Kuma would repeat it: its resend interval (beats), or one beat without resends.
        const beatMs = Math.max(1, m?.interval ?? DEFAULT_INTERVAL_S) * 1000;
        const repeatMs = Math.max(1, m?.resendInterval ?? 0) * beatMs;
        const state = STATUS[hb.status]!;
        const outcome = await core.commit.run(() => {
            if (!core.store.receipt('kuma', `${contractId}:${hb.monitorID}:${at}:${hb.status}`)) return 'duplicate';
            const t = { source: 'Kuma' as const, contractId, monitorId: String(hb.monitorID), at, state, vouchedUntil: at + VOUCH_SLACK * repeatMs, latencyMs: hb.ping ?? null };
            return applyTransition(core.store.db, t) === 'late' ? 'late' : 'accepted';
        });
        core.metrics.inc('relay_webhooks_total', { source: 'Kuma', outcome }, 1, 'Webhooks by source and outcome');
        return { status: 200, body: { status: outcome } };
    };
}

/** The push token of a contract in Kuma's URL form `/api/push/<token>`: the contract id and its HMAC. */
export const kumaPushToken = (secret: string, contractId: string): string => `${contractId}-${pushToken(secret, contractId)}`;

const MAX_PING_MS = 100_000_000_000;

/**
 * GET|POST /api/push/<contract>-<token> (Kuma's push URL form) and /push/:contractId/:token: a push
 * heartbeat from the tenant's server, with Kuma's semantics (status "up" — the default — is up,
 * any other value down; `ping` parsed as a float). At most one sample per contract per minute.
 */
export function pushHeartbeat(core: Core, opts: UptimeWebhookOptions): Handler {
    return async (ctx): Promise<Reply> => {
        const [contractId, token] = pushTarget(ctx);
        verifyPushToken(opts.pushSecret, contractId, token);
        const up = (ctx.query.get('status') ?? 'up') === 'up';
        const ping = Number.parseFloat(ctx.query.get('ping') ?? '');
        if (Number.isFinite(ping) && (ping < 0 || ping > MAX_PING_MS)) throw badRequest(`ping must be within 0–${MAX_PING_MS} ms`, 'malformed_query');
        const now = core.clock.now();
        const sample = { contractId, source: 'Push' as const, at: now, up, latencyMs: Number.isFinite(ping) && ping > 0 ? Math.round(ping) : null };
        const counted = await core.commit.run(() => {
            if (hasSampleInMinute(core.store.db, contractId, 'Push', now)) return false;
            insertSample(core.store.db, sample);
            return true;
        });
        core.metrics.inc('relay_webhooks_total', { source: 'Push', outcome: counted ? 'accepted' : 'rate_limited' }, 1, 'Webhooks by source and outcome');
        if (!counted) throw new HttpRequestError(429, 'rate_limited', 'one push heartbeat per contract and minute counts; this one did not');
        return { status: 200, body: { ok: true } };
    };
}

function pushTarget(ctx: RequestContext): [string, string] {
    if (ctx.params.contractId !== undefined) return [ctx.params.contractId, ctx.params.token ?? ''];
    const m = /^([0-9]{1,20})-([0-9a-f]{32})$/.exec(ctx.params.pushToken ?? '');
    if (!m) throw new HttpRequestError(404, 'unknown_push_token', 'Monitor not found or not active.');
    return [m[1]!, m[2]!];
}

function kumaBody(ctx: RequestContext): unknown {
    if (ctx.method === 'GET') return fromFields(ctx.query);
    const type = String(ctx.headers['content-type'] ?? '');
    const raw = ctx.rawBody.toString('utf8');
    if (type.startsWith('multipart/form-data')) return parseJsonText(multipartField(raw, 'data'));
    const json = tryJson(raw);
    if (json !== undefined) return isObject(json) && !('heartbeat' in json) && 'status' in json ? fromFlat(json) : json;
    return fromFields(new URLSearchParams(raw));
}

/** Form fields or query parameters: `data` (Kuma's form body), `heartbeat`/`monitor` JSON (GET), or flat fields of a custom template. */
function fromFields(f: URLSearchParams): unknown {
    const data = f.get('data');
    if (data !== null) return parseJsonText(data);
    if (f.has('heartbeat') || f.has('monitor')) {
        const heartbeat = f.get('heartbeat');
        const monitor = f.get('monitor');
        return { heartbeat: heartbeat === null ? null : parseJsonText(heartbeat), monitor: monitor === null ? null : parseJsonText(monitor), msg: f.get('msg'), contract: f.get('contract') ?? undefined };
    }
    if (!f.has('status')) throw badRequest('no Kuma fields: expected data, heartbeat or a custom body with status');
    return fromFlat(Object.fromEntries(f));
}

/** A custom template's flat fields: status (0–3 or down/up/pending/maintenance), time, monitorID, ping, msg, contract, interval, resendInterval. */
function fromFlat(o: Record<string, unknown>): unknown {
    const word = typeof o.status === 'string' ? STATUS_WORDS[o.status.replace(/[^A-Za-z]/g, '').toLowerCase()] : undefined;
    if (word === 'test') return { heartbeat: null, monitor: null, msg: o.msg ?? null };
    const text = (k: string): string | undefined => (o[k] === undefined || o[k] === null || o[k] === '' ? undefined : String(o[k]));
    return {
        heartbeat: { monitorID: text('monitorID') ?? text('monitor_id') ?? text('monitorId') ?? '0', status: word ?? o.status, time: text('time'), ping: text('ping') ?? null, msg: text('msg') ?? null },
        monitor: { id: text('monitorID') ?? text('monitor_id'), interval: text('interval') ?? null, resendInterval: text('resendInterval') ?? null, name: text('monitorName') },
        msg: text('msg') ?? null,
        contract: text('contract')
    };
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function tryJson(raw: string): unknown {
    const t = raw.trim();
    if (!t.startsWith('{')) return undefined;
    try {
        return JSON.parse(t);
    } catch {
        return undefined;
    }
}

function parseJsonText(text: string): unknown {
    const v = tryJson(text);
    if (v === undefined) throw badRequest('Kuma field is not JSON');
    return v;
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
