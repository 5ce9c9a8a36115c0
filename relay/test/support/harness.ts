import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startRelay, type Relay } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config.js';
import { FakeGateway } from '../../src/gateway/fake.js';
import type { CanisterGateway } from '../../src/gateway/types.js';
import { signChatwoot, signIcpay } from '../../src/verify/index.js';
import { silentLogger, type Logger } from '../../src/util/log.js';
import { FakeChatwoot } from '../fakes/chatwoot.js';
import { FakeIcpay } from '../fakes/icpay.js';
import { FakeSms } from '../fakes/sms.js';
import { FakeSmtp } from '../fakes/smtp.js';
import { FakeTelegram } from '../fakes/telegram.js';

export const SECRETS = {
    chatwoot: 'chatwoot-webhook-secret-0123456789',
    /** ICPay signs with the account secret key. */
    icpay: 'sk_test_relay',
    chatwootBot: 'chatwoot-agent-bot-secret-0123',
    kuma: 'kuma-shared-secret-0123456789',
    push: 'push-token-secret-0123456789',
    inboxHmac: 'inbox-hmac-token-0123456789',
    telegramWebhook: 'telegram-webhook-secret-0123'
};

export const ICP_LEDGER = 'ryjl3-tyaaa-aaaaa-aaaba-cai';
export const CANISTER_ID = 'uxrrr-q7777-77774-qaaaq-cai';

/** Environment for a relay that talks to the given fakes; `overrides` win. */
export function testEnv(dir: string, urls: Partial<Record<'chatwoot' | 'icpay' | 'telegram' | 'sms', string>> & { smtpPort?: number }, overrides: Record<string, string> = {}): Record<string, string> {
    return {
        RELAY_PORT: '0',
        RELAY_DB_PATH: join(dir, 'relay.db'),
        RELAY_DB_SYNC: 'normal',
        RELAY_IDENTITY_FILE: join(dir, 'relay.pem'),
        RELAY_LOG_LEVEL: 'error',
        RELAY_POLL_MS: '50',
        RELAY_LINGER_MS: '10',
        RELAY_BACKOFF_BASE_MS: '50',
        RELAY_BACKOFF_CAP_MS: '200',
        RELAY_LEASE_MS: '5000',
        MARKETPLACE_CANISTER_ID: CANISTER_ID,
        CHATWOOT_URL: urls.chatwoot ?? 'http://127.0.0.1:9',
        CHATWOOT_ACCOUNT_ID: '1',
        CHATWOOT_API_TOKEN: 'cw-api-token',
        CHATWOOT_BOT_TOKEN: 'cw-bot-token',
        CHATWOOT_WEBHOOK_SECRET: SECRETS.chatwoot,
        CHATWOOT_AGENT_BOT_SECRET: SECRETS.chatwootBot,
        CHATWOOT_INBOX_ID: '7',
        CHATWOOT_INBOX_HMAC_TOKEN: SECRETS.inboxHmac,
        CHATWOOT_SYNC_INTERVAL_MS: '3600000',
        ICPAY_API_URL: urls.icpay ?? 'http://127.0.0.1:9',
        ICPAY_SECRET_KEY: SECRETS.icpay,
        UPTIME_KUMA_SECRET: SECRETS.kuma,
        PUSH_TOKEN_SECRET: SECRETS.push,
        PROBE_ENABLED: 'false',
        ...(urls.telegram ? { TELEGRAM_BOT_TOKEN: '123456:TEST-telegram-token', TELEGRAM_API_URL: urls.telegram, TELEGRAM_WEBHOOK_SECRET: SECRETS.telegramWebhook } : {}),
        ...(urls.sms ? { SMS_GATEWAY_URL: `${urls.sms}/send`, SMS_GATEWAY_TOKEN: 'sms-gateway-token' } : {}),
        ...(urls.smtpPort ? { SMTP_URL: `smtp://127.0.0.1:${urls.smtpPort}`, SMTP_FROM: 'relay@trustcloud.test' } : {}),
        ...overrides
    };
}

/** A relay in this process with a fake canister and every fake service on loopback. */
export class Harness {
    readonly dir = mkdtempSync(join(tmpdir(), 'relay-test-'));
    readonly gateway = new FakeGateway();
    readonly chatwoot = new FakeChatwoot();
    readonly icpay = new FakeIcpay();
    readonly telegram = new FakeTelegram();
    readonly sms = new FakeSms();
    readonly smtp = new FakeSmtp();
    relay!: Relay;
    config!: Config;
    /** The relay's logger (silent unless a test wants to read the log). */
    log: Logger = silentLogger;
    private active: CanisterGateway = this.gateway;

    /** `real` builds the gateway to use instead of the fake one (for localnet end-to-end tests). */
    constructor(private readonly real?: (config: Config) => Promise<CanisterGateway>) {}

    async start(overrides: Record<string, string> = {}): Promise<this> {
        const [chatwoot, icpay, telegram, sms, smtpPort] = await Promise.all([this.chatwoot.start(), this.icpay.start(), this.telegram.start(), this.sms.start(), this.smtp.start()]);
        this.config = loadConfig(testEnv(this.dir, { chatwoot, icpay, telegram, sms, smtpPort }, overrides));
        if (this.real) this.active = await this.real(this.config);
        this.relay = await startRelay(this.config, { gateway: this.active, log: this.log });
        return this;
    }

    get activeGateway(): CanisterGateway {
        return this.active;
    }

    async stop(): Promise<void> {
        await this.relay.stop();
        await Promise.all([this.chatwoot.stop(), this.icpay.stop(), this.telegram.stop(), this.sms.stop(), this.smtp.stop()]);
        rmSync(this.dir, { recursive: true, force: true });
    }

    get url(): string {
        return `http://127.0.0.1:${this.relay.port}`;
    }

    post(path: string, body: string, headers: Record<string, string> = {}): Promise<Response> {
        return fetch(this.url + path, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers } });
    }

    fetchPut(path: string, body: unknown): Promise<Response> {
        return fetch(this.url + path, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    }

    chatwootHook(payload: unknown, delivery: string, opts: { timestamp?: number; secret?: string } = {}): Promise<Response> {
        const body = JSON.stringify(payload);
        const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
        return this.post('/webhooks/chatwoot', body, {
            'x-chatwoot-signature': signChatwoot(opts.secret ?? SECRETS.chatwoot, ts, body),
            'x-chatwoot-timestamp': String(ts),
            'x-chatwoot-delivery': delivery
        });
    }

    icpayHook(payload: unknown, opts: { timestamp?: number; secret?: string } = {}): Promise<Response> {
        const body = JSON.stringify(payload);
        const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
        return this.post('/webhooks/icpay', body, { 'x-icpay-signature': signIcpay(opts.secret ?? SECRETS.icpay, ts, body) });
    }
}

export async function until(cond: () => boolean | Promise<boolean>, timeoutMs = 10_000, what = 'condition'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(await cond())) {
        if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
        await new Promise((r) => setTimeout(r, 20));
    }
}
