import type { Server } from 'node:http';
import { BenchmarkCollector } from './benchmarks/collector.js';
import { ChatwootClient } from './chatwoot/client.js';
import { noticeLane } from './chatwoot/notice_lane.js';
import { pruneOwnMessages } from './chatwoot/own_messages.js';
import { agentLane, bindLane } from './chatwoot/provisioning.js';
import { replyLane } from './chatwoot/reply_lane.js';
import { ChatwootSync } from './chatwoot/sync.js';
import type { Config } from './config.js';
import type { Core } from './context.js';
import { canisterLanes } from './gateway/lanes.js';
import type { CanisterGateway } from './gateway/types.js';
import { registerQueueGauges } from './health.js';
import { helpbotLane } from './helpbot/lane.js';
import { IcpayClient } from './icpay/client.js';
import { icpayLane } from './icpay/lane.js';
import { IcpayReconciler } from './icpay/reconcile.js';
import { Metrics } from './metrics.js';
import { EmailSender } from './notify/email.js';
import { channelLane, notifyLane } from './notify/lanes.js';
import { SmsSender } from './notify/sms.js';
import { TelegramSender } from './notify/telegram.js';
import type { Channel, Sender } from './notify/types.js';
import { openDatabase } from './outbox/db.js';
import { Forwarder } from './outbox/forwarder.js';
import { GroupCommitter } from './outbox/group_commit.js';
import { OutboxStore } from './outbox/store.js';
import { Prober } from './prober/prober.js';
import { buildRouter, listen, portOf } from './server.js';
import { ALIGNED_CLOCK, devCanisterClock, type CanisterClock } from './util/canister_clock.js';
import { DAY_MS, HOUR_MS, systemClock, type Clock } from './util/clock.js';
import { createLogger, type Logger } from './util/log.js';

export interface RelayDeps {
    gateway: CanisterGateway;
    clock?: Clock;
    log?: Logger;
}

export interface Relay {
    core: Core;
    forwarder: Forwarder;
    prober: Prober;
    sync: ChatwootSync;
    reconciler: IcpayReconciler;
    collector: BenchmarkCollector;
    port: number;
    stop(): Promise<void>;
}

/** Wires the relay from its configuration and a canister gateway, and starts it. */
export async function startRelay(config: Config, deps: RelayDeps): Promise<Relay> {
    const clock = deps.clock ?? systemClock;
    const log = deps.log ?? createLogger(config.RELAY_LOG_LEVEL, { service: 'relay' });
    const db = openDatabase(config.RELAY_DB_PATH, config.RELAY_DB_SYNC);
    const store = new OutboxStore(db, clock, config.RELAY_MAX_ATTEMPTS);
    const released = store.releaseAllLeases();
    const metrics = new Metrics();
    const forwarder = new Forwarder(store, clock, forwarderOptions(config), log, metrics);
    const core: Core = { store, commit: new GroupCommitter(db), wake: (k) => forwarder.wake(k), clock, log, metrics };
    registerQueueGauges(core);
    const chatwoot = chatwootClient(config);
    const icpay = new IcpayClient(config.ICPAY_API_URL, config.ICPAY_SECRET_KEY);
    const senders = buildSenders(config);
    registerLanes(forwarder, core, config, deps.gateway, chatwoot, icpay, senders);
    const canisterClock: CanisterClock = config.IC_DEV_TIME_URL ? await devCanisterClock(config.IC_DEV_TIME_URL, log) : ALIGNED_CLOCK;
    const offset = (): number => canisterClock.offsetMs();

    const prober = new Prober(core, deps.gateway, proberOptions(config), config.PROBE_ENABLED);
    const sync = new ChatwootSync(core, deps.gateway, config.CHATWOOT_SYNC_INTERVAL_MS, config.SILENCE_AFTER_MINUTES * 60_000);
    const reconciler = new IcpayReconciler(core, deps.gateway, icpay, { intervalMs: config.ICPAY_RECONCILE_INTERVAL_MS, windowMs: config.ICPAY_RECONCILE_WINDOW_HOURS * HOUR_MS, canisterOffsetMs: offset });
    const collector = new BenchmarkCollector(core, config.BENCHMARK_SOURCES, config.BENCHMARK_INTERVAL_MS);
    const server = await listen(buildRouter(core, config, deps.gateway, offset), config.RELAY_HOST, config.RELAY_PORT);
    forwarder.start();
    prober.start();
    sync.start();
    reconciler.start();
    collector.start();
    const prune = (): void => {
        store.prune(config.RELAY_RETENTION_DAYS * DAY_MS);
        pruneOwnMessages(db, clock.now() - config.RELAY_RETENTION_DAYS * DAY_MS);
    };
    const pruner = setInterval(prune, 3_600_000).unref();
    log.info('relay started', { port: portOf(server), releasedLeases: released, worker: forwarder.worker });

    const stopTimers = (): void => {
        clearInterval(pruner);
        reconciler.stop();
        canisterClock.stop();
    };
    return { core, forwarder, prober, sync, reconciler, collector, port: portOf(server), stop: () => stopAll(server, forwarder, prober, sync, collector, stopTimers, db, senders, log) };
}

function registerLanes(fwd: Forwarder, core: Core, c: Config, gateway: CanisterGateway, chatwoot: ChatwootClient, icpay: IcpayClient, senders: Partial<Record<Channel, Sender>>): void {
    for (const lane of canisterLanes(gateway, c.RELAY_BATCH_SIZE)) fwd.register(lane);
    fwd.register(icpayLane({ db: core.store.db, icpay, gateway, allowedLedgers: c.ICPAY_ALLOWED_LEDGERS, clock: core.clock, log: core.log }));
    const prov = { db: core.store.db, chatwoot, accountId: c.CHATWOOT_ACCOUNT_ID, inboxId: c.CHATWOOT_INBOX_ID };
    fwd.register(agentLane(prov));
    fwd.register(bindLane({ ...prov, gateway, log: core.log }));
    fwd.register(replyLane(chatwoot));
    fwd.register(noticeLane(core.store.db, chatwoot, core.clock));
    const llm = c.LLM_URL && c.LLM_API_KEY ? { url: c.LLM_URL, apiKey: c.LLM_API_KEY, model: c.LLM_MODEL, timeoutMs: c.LLM_TIMEOUT_MS } : null;
    const shared = { store: core.store, clock: core.clock, log: core.log, wake: core.wake };
    fwd.register(helpbotLane({ ...shared, chatwoot, defaultPortal: c.CHATWOOT_PORTAL_SLUG, minConfidence: c.HELPBOT_MIN_CONFIDENCE, llm }));
    const caps = { telegram: c.TELEGRAM_DAILY_CAP, email: c.EMAIL_DAILY_CAP, sms: c.SMS_DAILY_CAP };
    fwd.register(notifyLane({ ...shared, gateway, senders, caps }));
    fwd.register(channelLane({ ...shared, gateway, senders, caps }));
}

function chatwootClient(c: Config): ChatwootClient {
    return new ChatwootClient({ baseUrl: c.CHATWOOT_URL, accountId: c.CHATWOOT_ACCOUNT_ID, apiToken: c.CHATWOOT_API_TOKEN, botToken: c.CHATWOOT_BOT_TOKEN });
}

function buildSenders(c: Config): Partial<Record<Channel, Sender>> {
    const s: Partial<Record<Channel, Sender>> = {};
    if (c.TELEGRAM_BOT_TOKEN) s.telegram = new TelegramSender(c.TELEGRAM_API_URL, c.TELEGRAM_BOT_TOKEN);
    if (c.SMTP_URL && c.SMTP_FROM) s.email = new EmailSender(c.SMTP_URL, c.SMTP_FROM);
    if (c.SMS_GATEWAY_URL && c.SMS_GATEWAY_TOKEN) s.sms = new SmsSender(c.SMS_GATEWAY_URL, c.SMS_GATEWAY_TOKEN);
    return s;
}

function forwarderOptions(c: Config) {
    return { leaseMs: c.RELAY_LEASE_MS, pollMs: c.RELAY_POLL_MS, lingerMs: c.RELAY_LINGER_MS, backoffBaseMs: c.RELAY_BACKOFF_BASE_MS, backoffCapMs: c.RELAY_BACKOFF_CAP_MS };
}

function proberOptions(c: Config) {
    return { intervalMs: c.PROBE_INTERVAL_MS, timeoutMs: c.PROBE_TIMEOUT_MS, concurrency: c.PROBE_CONCURRENCY, refreshMs: c.CONTRACTS_REFRESH_MS };
}

async function stopAll(
    server: Server,
    forwarder: Forwarder,
    prober: Prober,
    sync: ChatwootSync,
    collector: BenchmarkCollector,
    stopTimers: () => void,
    db: ReturnType<typeof openDatabase>,
    senders: Partial<Record<Channel, Sender>>,
    log: Logger
): Promise<void> {
    stopTimers();
    sync.stop();
    collector.stop();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await prober.stop();
    await forwarder.stop();
    if (senders.email instanceof EmailSender) senders.email.close();
    db.close();
    log.info('relay stopped');
}
