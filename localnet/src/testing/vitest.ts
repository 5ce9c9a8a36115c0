// Runs a canister test suite on localnet, and on PocketIC when POCKET_IC_BIN is set.
import { afterEach, beforeEach, describe } from 'vitest';

import type { LocalIcOptions } from '../ic/local_ic.js';
import { createLocalnetEnv, createPocketIcEnv, pocketIcAvailable, type CanisterTestEnv } from './env.js';

export interface ForEachTestEnvOptions {
    localnet?: LocalIcOptions;
}

/**
 * `forEachTestEnv('escrow', (getEnv) => { it(..., async () => { const env = getEnv(); ... }) })`
 * registers the suite once per environment, with a fresh environment for every test.
 */
export function forEachTestEnv(
    name: string,
    suite: (getEnv: () => CanisterTestEnv) => void,
    options: ForEachTestEnvOptions = {}
): void {
    const register = (label: string, create: () => Promise<CanisterTestEnv>): void => {
        describe(`${name} [${label}]`, () => {
            let env: CanisterTestEnv | undefined;
            beforeEach(async () => {
                env = await create();
            });
            afterEach(async () => {
                await env?.tearDown();
                env = undefined;
            });
            suite(() => {
                if (!env) throw new Error('test environment not ready (use getEnv() inside tests or hooks)');
                return env;
            });
        });
    };
    register('localnet', () => createLocalnetEnv(options.localnet));
    if (pocketIcAvailable()) {
        register('PocketIC', () => createPocketIcEnv());
    } else {
        describe.skip(`${name} [PocketIC skipped: POCKET_IC_BIN not set]`, () => {
            suite(() => {
                throw new Error('PocketIC skipped: POCKET_IC_BIN not set');
            });
        });
    }
}
