// Starts the relay in-process against local stand-ins of Chatwoot (scripts/start-chatwoot.ts) and
// ICPay (scripts/start-icpay.ts), so chat, identity hashes, the help bot and ICPay checkout work
// offline. Returns what the app's config and CSP need.
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
    stop(): Promise<void>;
}

export async function startLocalRelay(o: { localnetUrl: string; appOrigin: string; marketplaceId: string; ledgerId: string; identity: Ed25519KeyIdentity; dir: string; log: (m: string) => void }): Promise<LocalRelay> {
    mkdirSync(o.dir, { recursive: true });
    const keyFile = join(o.dir, 'identity.json');
    writeFileSync(keyFile, JSON.stringify(o.identity.toJSON()), { mode: 0o600 });
    const { LocalChatwoot, LOCAL_CHATWOOT } = await import('./start-chatwoot');
    const { LocalIcpay, LOCAL_ICPAY } = await import('./start-icpay');
    const chatwoot = new LocalChatwoot({ stateFile: join(o.dir, 'chatwoot.json'), log: o.log });
    const icpay = new LocalIcpay({ localnetUrl: o.localnetUrl, ledgerId: o.ledgerId, recipient: o.marketplaceId, log: o.log });
    const cw = await chatwoot.start();
    const ip = await icpay.start();
    const { loadConfig } = await import('../relay/src/config');
    const { startRelay } = await import('../relay/src/app');
    const { AgentGateway } = await import('../relay/src/gateway/agent');
    const { loadIdentity } = await import('../relay/src/gateway/identity');
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
        MARKETPLACE_CANISTER_ID: o.marketplaceId,
        CHATWOOT_URL: cw,
        CHATWOOT_ACCOUNT_ID: String(LOCAL_CHATWOOT.accountId),
        CHATWOOT_API_TOKEN: LOCAL_CHATWOOT.apiToken,
        CHATWOOT_WEBHOOK_SECRET: LOCAL_CHATWOOT.webhookSecret,
        CHATWOOT_INBOX_ID: String(LOCAL_CHATWOOT.inboxId),
        CHATWOOT_INBOX_HMAC_TOKEN: LOCAL_CHATWOOT.inboxHmacToken,
        CHATWOOT_PORTAL_SLUG: LOCAL_CHATWOOT.portal,
        // New contracts get their conversation within seconds in the demo (production: a minute).
        CHATWOOT_SYNC_INTERVAL_MS: '5000',
        ICPAY_API_URL: ip,
        ICPAY_SECRET_KEY: LOCAL_ICPAY.secretKey,
        ICPAY_WEBHOOK_SECRET: LOCAL_ICPAY.webhookSecret,
        ICPAY_ALLOWED_LEDGERS: o.ledgerId,
        UPTIME_KUMA_SECRET: 'local-uptime-kuma-secret',
        PUSH_TOKEN_SECRET: 'local-push-token-secret',
        PROBE_ENABLED: 'false',
        HELPBOT_ENABLED: 'true'
    } as NodeJS.ProcessEnv);
    const identity = loadIdentity(keyFile).identity;
    const gateway = await AgentGateway.create({ host: o.localnetUrl, canisterId: o.marketplaceId, identity, fetchRootKey: true });
    const relay = await startRelay(config, { gateway });
    const url = `http://127.0.0.1:${relay.port}`;
    icpay.webhookUrl = `${url}/webhooks/icpay`;
    chatwoot.webhookUrl = `${url}/webhooks/chatwoot`;
    o.log(`relay at ${url} (local Chatwoot ${cw}, local ICPay ${ip})`);
    return {
        url,
        appConfig: { relayUrl: url, icpayPublishableKey: LOCAL_ICPAY.publishableKey, icpayApiUrl: ip, chatwootBaseUrl: cw, chatwootWebsiteToken: LOCAL_CHATWOOT.websiteToken },
        connectOrigins: [url, ip, cw],
        scriptOrigins: [cw],
        stop: async () => {
            await relay.stop();
            await chatwoot.stop();
            await icpay.stop();
        }
    };
}
