import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { chatwootSecrets, type Config } from './config.js';
import type { CanisterGateway } from './gateway/types.js';
import { contractIdentity } from './webhooks/chat_identity.js';
import type { Core } from './context.js';
import { health } from './health.js';
import { Router } from './http/router.js';
import { chatwootWebhook } from './webhooks/chatwoot.js';
import { icpayWebhook } from './webhooks/icpay.js';
import { identityHash, proofGate, providerContacts } from './webhooks/identity.js';
import { telegramWebhook } from './webhooks/telegram.js';
import { alertmanagerWebhook } from './webhooks/alertmanager.js';
import { kumaWebhook, pushHeartbeat } from './webhooks/uptime.js';

/** Every HTTP endpoint of the relay. */
export function buildRouter(core: Core, c: Config, gateway: CanisterGateway, canisterOffsetMs: () => number): Router {
    const router = new Router(core.log, core.metrics, c.RELAY_MAX_BODY_BYTES, c.RELAY_CORS_ORIGINS);
    const tolerance = c.WEBHOOK_TOLERANCE_SECONDS;
    const proofs = proofGate(core, c);
    const uptime = { kumaSecret: c.UPTIME_KUMA_SECRET, kumaHeader: c.UPTIME_KUMA_HEADER, pushSecret: c.PUSH_TOKEN_SECRET };
    router
        .on('POST', '/webhooks/chatwoot', chatwootWebhook(core, { secrets: chatwootSecrets(c), toleranceSec: tolerance, accountId: c.CHATWOOT_ACCOUNT_ID, helpbotEnabled: c.HELPBOT_ENABLED, canisterOffsetMs }))
        .on('POST', '/webhooks/icpay', icpayWebhook(core, { secret: c.ICPAY_SECRET_KEY, toleranceSec: tolerance }))
        .on(['GET', 'POST'], '/webhooks/uptime-kuma', kumaWebhook(core, uptime))
        .on(['GET', 'POST'], '/push/:contractId/:token', pushHeartbeat(core, uptime))
        .on(['GET', 'POST'], '/api/push/:pushToken', pushHeartbeat(core, uptime))
        .on('POST', '/chatwoot/identity', identityHash(core, c.CHATWOOT_INBOX_HMAC_TOKEN, proofs))
        .on('POST', '/chatwoot/contract-identity', contractIdentity(core, gateway, c.CHATWOOT_INBOX_HMAC_TOKEN, proofs))
        .on('PUT', '/providers/contacts', providerContacts(core, proofs))
        .on('GET', '/health', () => health(core))
        .on('GET', '/metrics', () => ({ status: 200, body: core.metrics.render(), contentType: 'text/plain; version=0.0.4' }));
    const alertmanager = { bearerToken: c.ALERTMANAGER_BEARER_TOKEN, basicAuth: c.ALERTMANAGER_BASIC_AUTH, repeatMs: c.ALERTMANAGER_REPEAT_INTERVAL_MS };
    if (c.ALERTMANAGER_BEARER_TOKEN || c.ALERTMANAGER_BASIC_AUTH) router.on('POST', '/webhooks/alertmanager', alertmanagerWebhook(core, alertmanager));
    if (c.TELEGRAM_WEBHOOK_SECRET) router.on('POST', '/webhooks/telegram', telegramWebhook(core, c.TELEGRAM_WEBHOOK_SECRET));
    return router;
}

export async function listen(router: Router, host: string, port: number): Promise<Server> {
    const server = createServer({ keepAliveTimeout: 65_000, requestTimeout: 30_000 }, router.listener);
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
    });
    return server;
}

export function portOf(server: Server): number {
    return (server.address() as AddressInfo).port;
}
