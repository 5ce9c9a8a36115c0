// The long-running localnet: state directory, restart recovery, signals. `cli.ts` wires it to
// the executor; tests can call `runLocalnet` with their own factory.
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { LocalCertifier } from '../crypto/certificate.js';
import { deriveDevKeys, toHex } from '../crypto/root_key.js';
import type { Certifier, LocalIc } from '../types.js';
import { DEFAULT_HOST, DEFAULT_PORT, startLocalnetServer, type LocalnetServer } from './server.js';

export interface IcFactory<I extends LocalIc> {
    create(certifier: Certifier): I | Promise<I>;
    /** Restores from `dir`; only called when `hasState(dir)`. */
    load(dir: string, certifier: Certifier): I | Promise<I>;
    save(ic: I, dir: string): void | Promise<void>;
    hasState(dir: string): boolean;
}

export interface RunOptions {
    port?: number;
    host?: string;
    stateDir?: string;
    /** Save this often when something changed (ms). */
    saveIntervalMs?: number;
    tickIntervalMs?: number;
    log?: (line: string) => void;
}

export interface RunningLocalnet<I extends LocalIc> {
    ic: I;
    server: LocalnetServer;
    stateDir: string;
    /** Stops serving and saves the state. */
    stop(): Promise<void>;
}

export function optionsFromEnv(env: NodeJS.ProcessEnv = process.env): RunOptions {
    const port = env.LOCALNET_PORT !== undefined ? Number(env.LOCALNET_PORT) : DEFAULT_PORT;
    if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`LOCALNET_PORT is not a port: ${env.LOCALNET_PORT}`);
    return {
        port,
        host: env.LOCALNET_HOST ?? DEFAULT_HOST,
        stateDir: env.LOCALNET_STATE_DIR ?? '.localnet/state'
    };
}

export async function runLocalnet<I extends LocalIc>(factory: IcFactory<I>, options: RunOptions = {}): Promise<RunningLocalnet<I>> {
    const log = options.log ?? ((line: string): void => console.log(line));
    const keys = deriveDevKeys();
    const certifier = new LocalCertifier(keys);
    const stateDir = resolve(options.stateDir ?? '.localnet/state');
    const restored = existsSync(stateDir) && factory.hasState(stateDir);
    const ic = restored ? await factory.load(stateDir, certifier) : await factory.create(certifier);
    const server = await startLocalnetServer({
        ic,
        keys,
        port: options.port ?? DEFAULT_PORT,
        host: options.host ?? DEFAULT_HOST,
        ...(options.tickIntervalMs !== undefined ? { tickIntervalMs: options.tickIntervalMs } : {}),
        persistence: { save: () => factory.save(ic, stateDir), intervalMs: options.saveIntervalMs ?? 2000 },
        identityUsersFile: join(stateDir, 'identity_users.json'),
        log
    });
    log(`localnet: IC HTTP interface at ${server.url}`);
    log(`localnet: root key (DER hex) ${toHex(keys.rootKeyDer)}`);
    log(`localnet: subnet ${keys.subnetId.toText()}`);
    log(`localnet: state ${restored ? 'restored from' : 'kept in'} ${stateDir} (${ic.canisterIds().length} canisters)`);
    log(`localnet: identity provider at ${server.url}/identity; dev endpoints: GET /_/time, POST /_/time/advance {ms}`);
    return {
        ic,
        server,
        stateDir,
        stop: async () => {
            await server.close();
        }
    };
}

/**
 * Ctrl-C / SIGTERM: stop serving, save, exit. The same signal often arrives several times (from
 * the terminal to the whole process group, and relayed by npm and tsx), so repeats within 3 s are
 * ignored; a later one exits at once without saving.
 */
export function exitOnSignals(running: { stop(): Promise<void> }, log: (line: string) => void = console.log): void {
    let firstAt: number | null = null;
    const onSignal = (signal: NodeJS.Signals): void => {
        if (firstAt !== null) {
            if (Date.now() - firstAt < 3000) return;
            log(`localnet: ${signal} again, exiting without saving`);
            process.exit(130);
        }
        firstAt = Date.now();
        log(`localnet: ${signal}, saving state and stopping...`);
        running.stop().then(
            () => {
                log('localnet: stopped');
                process.exit(0);
            },
            (e: unknown) => {
                log(`localnet: error while stopping: ${(e as Error).message}`);
                process.exit(1);
            }
        );
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
}
