import { startRelay } from './app.js';
import { ConfigError, loadConfig } from './config.js';
import { AgentGateway } from './gateway/agent.js';
import { lazyGateway } from './gateway/lazy.js';
import { IdentityFileError, generateIdentityFile, loadIdentity } from './gateway/identity.js';
import type { Ed25519KeyIdentity } from '@dfinity/identity';
import { createLogger, errorMessage, type Logger } from './util/log.js';

/**
 * `npm run relay` starts the relay; `npm run relay -- keygen <file>` writes a new identity.
 * Exit codes: 0 stopped cleanly, 1 runtime failure, 2 invalid configuration.
 */
async function main(argv: string[]): Promise<void> {
    if (argv[0] === 'keygen') return keygen(argv[1]);
    const boot = createLogger('info', { service: 'relay' });
    let config;
    try {
        config = loadConfig();
    } catch (e) {
        if (e instanceof ConfigError) return fail(boot, 2, 'refusing to start: invalid configuration', { problems: e.problems });
        throw e;
    }
    const log = createLogger(config.RELAY_LOG_LEVEL, { service: 'relay' });
    let identity;
    let monitorIdentity;
    try {
        identity = readIdentity(config.RELAY_IDENTITY_FILE, log);
        monitorIdentity = config.RELAY_MONITOR_IDENTITY_FILE ? readIdentity(config.RELAY_MONITOR_IDENTITY_FILE, log) : undefined;
    } catch (e) {
        if (e instanceof IdentityFileError) return fail(log, 2, 'refusing to start: invalid configuration', { problems: [e.message] });
        throw e;
    }
    log.info('relay identity', {
        principal: identity.getPrincipal().toText(),
        monitorPrincipal: (monitorIdentity ?? identity).getPrincipal().toText(),
        canister: config.MARKETPLACE_CANISTER_ID,
        icHost: config.IC_HOST
    });
    const agentOptions = { host: config.IC_HOST, canisterId: config.MARKETPLACE_CANISTER_ID, identity, monitorIdentity, fetchRootKey: config.fetchRootKey };
    const gateway = lazyGateway(() => AgentGateway.create(agentOptions));
    // State is durable: after an unexpected exception, exit and let the supervisor restart the relay.
    process.on('uncaughtException', (e) => {
        fail(log, 1, 'uncaught exception', { error: errorMessage(e), stack: e.stack });
        process.exit(1);
    });
    process.on('unhandledRejection', (e) => log.error('unhandled rejection', { error: errorMessage(e) }));
    const relay = await startRelay(config, { gateway, log });
    const shutdown = (signal: string): void => {
        log.info('shutting down', { signal });
        relay.stop().then(
            () => process.exit(0),
            (e: unknown) => fail(log, 1, 'shutdown failed', { error: errorMessage(e) })
        );
    };
    process.once('SIGTERM', () => shutdown('SIGTERM'));
    process.once('SIGINT', () => shutdown('SIGINT'));
}

function readIdentity(path: string, log: Logger): Ed25519KeyIdentity {
    const loaded = loadIdentity(path);
    loaded.warnings.forEach((w) => log.warn(w));
    return loaded.identity;
}

function keygen(path: string | undefined): void {
    if (!path) {
        process.stderr.write('usage: npm run relay -- keygen <key file>\n');
        process.exit(2);
    }
    process.stdout.write(`${JSON.stringify({ keyFile: path, principal: generateIdentityFile(path) })}\n`);
}

function fail(log: Logger, code: number, msg: string, fields: Record<string, unknown>): void {
    log.error(msg, fields);
    process.exitCode = code;
}

main(process.argv.slice(2)).catch((e: unknown) => {
    createLogger('info', { service: 'relay' }).error('relay failed', { error: errorMessage(e) });
    process.exit(1);
});
