// Starts the relay in-process against the local stand-ins of Chatwoot (chatwoot/server.ts) and ICPay
// (icpay/server.ts), so chat, identity hashes, the help bot and ICPay checkout work offline.
// Configured as an operator would configure it against the real services (one secret per signing
// object, the ICPay secret key for signatures), plus localnet's clock. Returns what the app's config
// and CSP need.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ed25519KeyIdentity } from '@dfinity/identity';

export interface LocalRelay {
    url: string;
    /** The app's `/config.json` entries for the relay, ICPay and Chatwoot. */
    appConfig: { relayUrl: string; icpayPublishableKey: string; icpayApiUrl: string; chatwootBaseUrl: string; chatwootWebsiteToken: string };
    /** Origins the page connects to, and loads scripts from (the chat widget). */
    connectOrigins: string[];
    scriptOrigins: string[];
    /** Inline styles the page must admit (`'sha256-…'`): the chat widget's injected style sheet. */
    styleHashes: string[];
    stop(): Promise<void>;
}

export async function startLocalRelay(o: { localnetUrl: string; appOrigin: string; marketplaceId: string; ledgerIds: string[]; icpayCanisterId: string; identity: Ed25519KeyIdentity; dir: string; log: (m: string) => void }): Promise<LocalRelay> {
    mkdirSync(o.dir, { recursive: true });
    const keyFile = join(o.dir, 'identity.json');
    writeFileSync(keyFile, JSON.stringify(o.identity.toJSON()), { mode: 0o600 });
    const { LocalChatwoot, LOCAL_CHATWOOT, SDK_STYLE_HASH } = await import('./chatwoot/server');
    const { LocalIcpay, LOCAL_ICPAY } = await import('./icpay/server');
    const chatwoot = new LocalChatwoot({ stateFile: join(o.dir, 'chatwoot.json'), log: o.log });
    const icpay = new LocalIcpay({ localnetUrl: o.localnetUrl, ledgerIds: o.ledgerIds, icpayCanisterId: o.icpayCanisterId, recipient: o.marketplaceId, log: o.log });
    const { LocalMailbox } = await import('./mailbox');
    const subjectOf = (data: string): string => /^Subject: (.*)$/m.exec(data)?.[1] ?? '(no subject)';
    const mailbox = new LocalMailbox((m) => o.log(`Mail (local) to ${m.to.join(', ')}: ${subjectOf(m.data)}`));
    const cw = await chatwoot.start();
    const ip = await icpay.start();
    const smtpPort = await mailbox.start();
    const { loadConfig } = await import('../../relay/src/config');
    const { startRelay } = await import('../../relay/src/app');
    const { AgentGateway } = await import('../../relay/src/gateway/agent');
    const { loadIdentity } = await import('../../relay/src/gateway/identity');
    const config = loadConfig({
        RELAY_HOST: '127.0.0.1',
        RELAY_PORT: process.env.RELAY_PORT ?? '8787',
        RELAY_DB_PATH: join(o.dir, 'relay.db'),
        RELAY_IDENTITY_FILE: keyFile,
        RELAY_LOG_LEVEL: 'warn',
        // The app calls the relay from the browser for the chat identity hash.
        RELAY_CORS_ORIGINS: o.appOrigin,
        IC_HOST: o.localnetUrl,
        IC_FETCH_ROOT_KEY: 'true',
        // Chat events carry canister time, also after `POST /_/time/advance` (the seed moves it ahead).
        IC_DEV_TIME_URL: `${o.localnetUrl}/_/time`,
        MARKETPLACE_CANISTER_ID: o.marketplaceId,
        CHATWOOT_URL: cw,
        CHATWOOT_ACCOUNT_ID: String(LOCAL_CHATWOOT.accountId),
        CHATWOOT_API_TOKEN: LOCAL_CHATWOOT.apiToken,
        CHATWOOT_BOT_TOKEN: LOCAL_CHATWOOT.botToken,
        CHATWOOT_WEBHOOK_SECRET: LOCAL_CHATWOOT.webhookSecret,
        CHATWOOT_AGENT_BOT_SECRET: LOCAL_CHATWOOT.agentBotSecret,
        CHATWOOT_INBOX_ID: String(LOCAL_CHATWOOT.inboxId),
        CHATWOOT_INBOX_HMAC_TOKEN: LOCAL_CHATWOOT.inboxHmacToken,
        CHATWOOT_PORTAL_SLUG: LOCAL_CHATWOOT.portal,
        // New contracts and providers are known within seconds in the demo (production: a minute).
        CHATWOOT_SYNC_INTERVAL_MS: '5000',
        ICPAY_API_URL: ip,
        ICPAY_SECRET_KEY: LOCAL_ICPAY.secretKey,
        ICPAY_RECONCILE_INTERVAL_MS: '30000',
        ICPAY_ALLOWED_LEDGERS: o.ledgerIds.join(','),
        UPTIME_KUMA_SECRET: 'local-uptime-kuma-secret',
        PUSH_TOKEN_SECRET: 'local-push-token-secret',
        PROBE_ENABLED: 'false',
        HELPBOT_ENABLED: 'true',
        // Provider notifications (escalations, silences) go to the local mailbox.
        SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
        SMTP_FROM: 'relay@trustcloud.local'
    } as NodeJS.ProcessEnv);
    const identity = loadIdentity(keyFile).identity;
    const gateway = await AgentGateway.create({ host: o.localnetUrl, canisterId: o.marketplaceId, identity, fetchRootKey: true });
    const relay = await startRelay(config, { gateway });
    await notifyDemoProvidersByEmail(relay, gateway, o.log);
    const url = `http://127.0.0.1:${relay.port}`;
    icpay.webhookUrl = `${url}/webhooks/icpay`;
    chatwoot.webhookUrl = `${url}/webhooks/chatwoot`;
    o.log(`relay at ${url} (local Chatwoot ${cw}, local ICPay ${ip})`);
    return {
        url,
        appConfig: { relayUrl: url, icpayPublishableKey: LOCAL_ICPAY.publishableKey, icpayApiUrl: ip, chatwootBaseUrl: cw, chatwootWebsiteToken: LOCAL_CHATWOOT.websiteToken },
        connectOrigins: [url, ip, cw],
        scriptOrigins: [cw],
        styleHashes: [SDK_STYLE_HASH],
        stop: async () => {
            await relay.stop();
            await chatwoot.stop();
            await icpay.stop();
            await mailbox.stop();
        }
    };
}

/**
 * Demo only: the seeded providers have not set their notification contacts through the app
 * (`PUT /providers/contacts`); give those with a public email address that one, so escalations reach
 * the local mailbox. Providers who register later set theirs, or are reported as unreachable.
 */
async function notifyDemoProvidersByEmail(relay: { core: { store: { db: import('better-sqlite3').Database }; clock: { now(): number } } }, gateway: { listProviders(): Promise<{ providerId: string; email: string | null }[]> }, log: (m: string) => void): Promise<void> {
    const { getContacts, setContacts } = await import('../../relay/src/notify/contacts');
    const db = relay.core.store.db;
    try {
        for (const p of await gateway.listProviders()) {
            if (p.email && getContacts(db, p.providerId) === null) setContacts(db, p.providerId, { telegramChatId: null, email: p.email, phone: null }, relay.core.clock.now());
        }
    } catch (e) {
        log(`provider contacts not set: ${(e as Error).message}`);
    }
}
