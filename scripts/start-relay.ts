// Starts the relay in-process against local fakes of Chatwoot and ICPay (relay/test/fakes), so
// webhooks, identity hashes and probes work offline. Returns its URL.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Ed25519KeyIdentity } from '@dfinity/identity';

export interface LocalRelay {
    url: string;
    /** The local ICPay API (scripts/start-icpay.ts) the app's SDK and the relay talk to. */
    icpayUrl: string;
    icpayPublishableKey: string;
    stop(): Promise<void>;
}

export async function startLocalRelay(o: { localnetUrl: string; marketplaceId: string; ledgerId: string; identity: Ed25519KeyIdentity; dir: string; log: (m: string) => void }): Promise<LocalRelay> {
    mkdirSync(o.dir, { recursive: true });
    const keyFile = join(o.dir, 'identity.json');
    writeFileSync(keyFile, JSON.stringify(o.identity.toJSON()), { mode: 0o600 });
    const { FakeChatwoot } = await import('../relay/test/fakes/chatwoot');
    const { LocalIcpay, LOCAL_ICPAY } = await import('./start-icpay');
    const chatwoot = new FakeChatwoot();
    const icpay = new LocalIcpay({ localnetUrl: o.localnetUrl, ledgerId: o.ledgerId, recipient: o.marketplaceId, log: o.log });
    const cw = (await (chatwoot as unknown as { start(): Promise<string> }).start()) as unknown as string;
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
        IC_HOST: o.localnetUrl,
        IC_FETCH_ROOT_KEY: 'true',
        MARKETPLACE_CANISTER_ID: o.marketplaceId,
        CHATWOOT_URL: cw,
        CHATWOOT_ACCOUNT_ID: '1',
        CHATWOOT_API_TOKEN: 'local-chatwoot-token',
        CHATWOOT_WEBHOOK_SECRET: 'local-chatwoot-webhook-secret',
        CHATWOOT_INBOX_ID: '1',
        CHATWOOT_INBOX_HMAC_TOKEN: 'local-chatwoot-inbox-hmac-token',
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
    o.log(`relay at ${url} (Chatwoot fake ${cw}, ICPay fake ${ip})`);
    return {
        url,
        icpayUrl: ip,
        icpayPublishableKey: LOCAL_ICPAY.publishableKey,
        stop: async () => {
            await relay.stop();
            await (chatwoot as unknown as { stop(): Promise<void> }).stop?.();
            await icpay.stop();
        }
    };
}
