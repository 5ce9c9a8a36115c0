// Public entry of localnet: the IC core, the pic-js shaped test API, and the contract types.
export * from './types.js';
export { LocalIcImpl, setDefaultInstrumenter, DEFAULT_PROVISIONAL_CYCLES, type LocalIcOptions } from './ic/local_ic.js';
export { ManualClock, WallClock, DEFAULT_START_TIME_NS } from './ic/clock.js';
export { saveState, loadState, hasState } from './ic/persistence.js';
export { canisterIdFromU64, canisterIdToU64, FIRST_CANISTER_ID, MANAGEMENT_CANISTER_ID } from './ic/ids.js';
export { LocalPocketIc, DEFAULT_TEST_CYCLES, type CallHandle } from './testing/pocket.js';
export { CallRejectedError, type Actor, type DeferredActor } from './testing/actor.js';

import type { Certifier } from './types.js';
import { LocalIcImpl as Impl } from './ic/local_ic.js';
import { hasState as has, loadState as load, saveState as save } from './ic/persistence.js';

/** What the server needs (matches server/run.ts `IcFactory`): a wall-clock IC, persisted. */
export const localIcFactory = {
    create: (certifier: Certifier): Impl => new Impl({ clock: 'wall', certifier }),
    load: (dir: string, certifier: Certifier): Impl => load(dir, { clock: 'wall', certifier }),
    save: (ic: Impl, dir: string): void => save(ic, dir),
    hasState: (dir: string): boolean => has(dir)
};
