import { z } from 'zod';

/** Configuration comes only from environment variables; see relay/.env.example. */
const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');
const int = (min: number, max: number) => z.coerce.number().int().min(min).max(max);
const url = z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL').transform((u) => u.replace(/\/+$/, ''));
const secret = (min = 16) => z.string().min(min, `must be at least ${min} characters`);
const principalText = z.string().regex(/^[a-z0-9]{5}(-[a-z0-9]{1,5})+$/, 'must be a principal in text form');
const csv = z.string().transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean));

const benchmarkSource = z.object({
    kind: z.enum(['serververify', 'vpsbenchmarks', 'json_feed']),
    url,
    providerId: z.string().min(1)
});

const schema = z
    .object({
        RELAY_HOST: z.string().default('127.0.0.1'),
        RELAY_PORT: int(0, 65535).default(8787),
        RELAY_DB_PATH: z.string().min(1),
        RELAY_DB_SYNC: z.enum(['normal', 'full']).default('normal'),
        RELAY_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
        RELAY_IDENTITY_FILE: z.string().min(1),
        RELAY_MONITOR_IDENTITY_FILE: z.string().min(1).optional(),
        RELAY_CORS_ORIGINS: csv.pipe(z.array(z.string().regex(/^https?:\/\/[^/]+$/, 'each must be an origin like https://app.example'))).default(''),
        RELAY_MAX_BODY_BYTES: int(1024, 10_000_000).default(1_000_000),
        RELAY_BATCH_SIZE: int(1, 1000).default(100),
        RELAY_LEASE_MS: int(1000, 3_600_000).default(60_000),
        RELAY_POLL_MS: int(10, 60_000).default(1000),
        RELAY_LINGER_MS: int(0, 10_000).default(200),
        RELAY_BACKOFF_BASE_MS: int(10, 3_600_000).default(2000),
        RELAY_BACKOFF_CAP_MS: int(100, 86_400_000).default(600_000),
        RELAY_MAX_ATTEMPTS: int(1, 1000).default(50),
        RELAY_RETENTION_DAYS: int(1, 3650).default(30),
        WEBHOOK_TOLERANCE_SECONDS: int(10, 3600).default(300),

        IC_HOST: url.default('http://127.0.0.1:4943'),
        IC_FETCH_ROOT_KEY: bool.optional(),
        /** Development only: localnet's `GET /_/time`, so event times follow canister time after `/_/time/advance`. */
        IC_DEV_TIME_URL: url.optional(),
        MARKETPLACE_CANISTER_ID: principalText,

        CHATWOOT_URL: url,
        CHATWOOT_ACCOUNT_ID: int(1, 1e12),
        CHATWOOT_API_TOKEN: secret(8),
        CHATWOOT_BOT_TOKEN: secret(8).optional(),
        /** Chatwoot signs with the secret of the object that delivers: an account webhook (≥ 4.11.2), an agent bot or an API inbox (≥ 4.13.0). */
        CHATWOOT_WEBHOOK_SECRET: secret().optional(),
        CHATWOOT_AGENT_BOT_SECRET: secret().optional(),
        CHATWOOT_API_INBOX_SECRET: secret().optional(),
        CHATWOOT_INBOX_ID: int(1, 1e12),
        CHATWOOT_INBOX_HMAC_TOKEN: secret(),
        CHATWOOT_PORTAL_SLUG: z.string().min(1).default('help'),
        CHATWOOT_SYNC_INTERVAL_MS: int(1000, 86_400_000).default(60_000),

        ICPAY_API_URL: url.default('https://api.icpay.org'),
        /** ICPay signs its webhooks with this key too (Stripe-style; there is no separate webhook secret). */
        ICPAY_SECRET_KEY: z.string().regex(/^sk_[\w-]{4,}$/, 'must be the ICPay account secret key (sk_…)'),
        ICPAY_WEBHOOK_SECRET: z.string().optional(),
        ICPAY_RECONCILE_INTERVAL_MS: int(10_000, 86_400_000).default(600_000),
        ICPAY_RECONCILE_WINDOW_HOURS: int(1, 24 * 90).default(72),
        ICPAY_ALLOWED_LEDGERS: csv.pipe(z.array(principalText).min(1)).default('ryjl3-tyaaa-aaaaa-aaaba-cai,xevnm-gaaaa-aaaar-qafnq-cai'),

        UPTIME_KUMA_SECRET: secret(),
        UPTIME_KUMA_HEADER: z.string().regex(/^[A-Za-z0-9-]+$/).default('x-relay-secret'),
        PUSH_TOKEN_SECRET: secret(),
        /** Alertmanager receiver auth: `authorization.credentials` (Bearer) and/or `basic_auth` as user:password. */
        ALERTMANAGER_BEARER_TOKEN: secret().optional(),
        ALERTMANAGER_BASIC_AUTH: z.string().regex(/^[^:]+:.{16,}$/, 'must be user:password, password of 16 characters or more').optional(),
        ALERTMANAGER_REPEAT_INTERVAL_MS: int(60_000, 86_400_000).default(4 * 3_600_000),
        PROBE_ENABLED: bool.default('true'),
        PROBE_INTERVAL_MS: int(1000, 3_600_000).default(60_000),
        PROBE_TIMEOUT_MS: int(100, 120_000).default(10_000),
        PROBE_CONCURRENCY: int(1, 512).default(16),
        CONTRACTS_REFRESH_MS: int(1000, 86_400_000).default(300_000),

        TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]{10,}$/, 'must look like <id>:<token>').optional(),
        TELEGRAM_API_URL: url.default('https://api.telegram.org'),
        TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[A-Za-z0-9_-]{16,256}$/, 'must be 16–256 of A-Z a-z 0-9 _ -').optional(),
        TELEGRAM_DAILY_CAP: int(0, 10_000).default(50),
        SMTP_URL: z.string().regex(/^smtps?:\/\//, 'must be smtp:// or smtps://').optional(),
        SMTP_FROM: z.string().email().optional(),
        EMAIL_DAILY_CAP: int(0, 10_000).default(20),
        SMS_GATEWAY_URL: url.optional(),
        SMS_GATEWAY_TOKEN: secret(8).optional(),
        SMS_DAILY_CAP: int(0, 10_000).default(5),
        SILENCE_AFTER_MINUTES: int(1, 100_000).default(240),

        HELPBOT_ENABLED: bool.default('true'),
        HELPBOT_MIN_CONFIDENCE: z.coerce.number().min(0).max(1).default(0.5),
        LLM_URL: url.optional(),
        LLM_API_KEY: secret(8).optional(),
        LLM_MODEL: z.string().min(1).default('gpt-4o-mini'),
        LLM_TIMEOUT_MS: int(1000, 300_000).default(30_000),

        BENCHMARK_SOURCES: z
            .string()
            .transform((s, ctx) => parseJson(s, ctx))
            .pipe(z.array(benchmarkSource))
            .default('[]'),
        BENCHMARK_INTERVAL_MS: int(60_000, 7 * 86_400_000).default(6 * 3_600_000)
    })
    .superRefine((c, ctx) => {
        requireTogether(ctx, c, ['TELEGRAM_BOT_TOKEN', 'TELEGRAM_WEBHOOK_SECRET']);
        requireTogether(ctx, c, ['SMTP_URL', 'SMTP_FROM']);
        requireTogether(ctx, c, ['SMS_GATEWAY_URL', 'SMS_GATEWAY_TOKEN']);
        requireTogether(ctx, c, ['LLM_URL', 'LLM_API_KEY']);
        if (!c.CHATWOOT_WEBHOOK_SECRET && !c.CHATWOOT_AGENT_BOT_SECRET && !c.CHATWOOT_API_INBOX_SECRET) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['CHATWOOT_WEBHOOK_SECRET'], message: 'set at least one of CHATWOOT_WEBHOOK_SECRET, CHATWOOT_AGENT_BOT_SECRET, CHATWOOT_API_INBOX_SECRET' });
        }
        if (c.ICPAY_WEBHOOK_SECRET !== undefined) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['ICPAY_WEBHOOK_SECRET'], message: 'ICPay signs webhooks with the secret key: remove this and set ICPAY_SECRET_KEY' });
        }
        if (c.RELAY_BACKOFF_CAP_MS < c.RELAY_BACKOFF_BASE_MS) {
            ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['RELAY_BACKOFF_CAP_MS'], message: 'must be ≥ RELAY_BACKOFF_BASE_MS' });
        }
    });

export type Env = z.infer<typeof schema>;

export interface Config extends Env {
    fetchRootKey: boolean;
}

export class ConfigError extends Error {
    override readonly name = 'ConfigError';
    constructor(readonly problems: string[]) {
        super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
    const input = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
        throw new ConfigError(parsed.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${describe(i)}`));
    }
    const c = parsed.data;
    return { ...c, fetchRootKey: c.IC_FETCH_ROOT_KEY ?? /^http:\/\/(127\.0\.0\.1|localhost)[:/]/.test(c.IC_HOST + '/') };
}

function describe(issue: z.ZodIssue): string {
    if (issue.code === 'invalid_type' && issue.received === 'undefined') return 'is required but not set';
    return issue.message;
}

function requireTogether(ctx: z.RefinementCtx, c: Record<string, unknown>, keys: string[]): void {
    const set = keys.filter((k) => c[k] !== undefined);
    if (set.length === 0 || set.length === keys.length) return;
    for (const k of keys.filter((k) => c[k] === undefined)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [k], message: `is required when ${set.join(', ')} is set` });
    }
}

function parseJson(s: string, ctx: z.RefinementCtx): unknown {
    try {
        return JSON.parse(s);
    } catch {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'must be JSON' });
        return z.NEVER;
    }
}

/** The Chatwoot signing secrets that are set, named by the object that signs with each. */
export function chatwootSecrets(c: Config): { name: string; secret: string }[] {
    const all = [
        { name: 'account webhook', secret: c.CHATWOOT_WEBHOOK_SECRET },
        { name: 'agent bot', secret: c.CHATWOOT_AGENT_BOT_SECRET },
        { name: 'API inbox', secret: c.CHATWOOT_API_INBOX_SECRET }
    ];
    return all.filter((s): s is { name: string; secret: string } => s.secret !== undefined);
}
