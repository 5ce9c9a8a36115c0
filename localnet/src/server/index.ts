// Public entry points of the HTTP side of localnet.
export { startLocalnetServer, DEFAULT_HOST, DEFAULT_PORT } from './server.js';
export type { LocalnetServer, LocalnetServerOptions, Persistence } from './server.js';
export { runLocalnet, optionsFromEnv, exitOnSignals } from './run.js';
export type { IcFactory, RunOptions, RunningLocalnet } from './run.js';
export { localIcFactory } from './executor.js';
export { LocalCertifier, certify, signTree } from '../crypto/certificate.js';
export { deriveDevKeys, DEFAULT_DEV_SEED } from '../crypto/root_key.js';
export type { DevKeys } from '../crypto/root_key.js';
export { IcHttpApi, MAX_INGRESS_BYTES } from '../http/routes.js';
export { IdentityProvider, IDENTITY_PATH } from '../identity_provider/provider.js';
export { userKey } from '../identity_provider/keys.js';
export { startPocketIcServer, type PocketIcServer } from './pocket_ic_server.js';
export * from '../gateway/index.js';
