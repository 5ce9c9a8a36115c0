// The package entry point of localnet (`@trustcloud/localnet`): the IC core and its persistence,
// the pic-js shaped test API, the HTTP server, the development keys and certificates, canister
// builds, and the contract types. `@trustcloud/localnet/vitest` adds `forEachTestEnv` (it imports
// vitest, so it is kept apart).
export * from './types.js';
export { LocalIcImpl, setDefaultInstrumenter, DEFAULT_PROVISIONAL_CYCLES, type LocalIcOptions } from './ic/local_ic.js';
export { ManualClock, WallClock, DEFAULT_START_TIME_NS, type TimeStore } from './ic/clock.js';
export { saveState, loadState, hasState } from './ic/persistence.js';
export { canisterIdFromU64, canisterIdToU64, FIRST_CANISTER_ID, MANAGEMENT_CANISTER_ID } from './ic/ids.js';
export { cacheDir, clearModuleCache, prepareModule, SUPPORTS as WASM_FEATURES } from './ic/module.js';
export { SYSTEM_API, type SystemApiName } from './ic/system_api_imports.js';
export { instrumentForMetering, METERING_EXPORTS } from './wasm/instrument.js';
export { managementIdlFactory } from './management_client_idl.js';

export {
    LocalPocketIc,
    DEFAULT_TEST_CYCLES,
    type CallHandle,
    type CanisterSettings,
    type CanisterStatusResult,
    type SubnetTopology,
    type UpdateCanisterSettingsOptions
} from './testing/pocket.js';
export { CallRejectedError, type Actor, type DeferredActor } from './testing/actor.js';
export { azleBuild, buildAzleCanisterCached } from './testing/build.js';
export {
    createLocalnetEnv,
    createPocketIcEnv,
    pocketIcAvailable,
    stopPocketIcServer,
    type CanisterTestEnv,
    type EnvInstallOptions,
    type TestActor
} from './testing/env.js';

export * from './server/index.js';

// Canister signatures and hash trees, as Internet Identity and the IC build them (for verifiers' tests).
export { STATE_ROOT_DOMAIN, LocalCertifier } from './crypto/certificate.js';
export { deriveDevKeys, type DevKeys } from './crypto/root_key.js';
export { buildTree, reconstruct, leb128, compareBytes, labelBytes, type HashTree, type LabeledTree } from './crypto/tree.js';
export { canisterSigPublicKeyDer, parseCanisterSigKey, encodeCanisterSignature, signaturePath, type CanisterSigKey } from './crypto/canister_sig.js';
export { delegationMessage } from './identity_provider/keys.js';
export { SignatureMap } from './identity_provider/signatures.js';
