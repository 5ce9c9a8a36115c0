// What the reporters module offers the rest of the canister: the one list of relays and monitors
// with their roles. Other modules import from here only (test/keeper/modules.test.ts checks it).
export { Reporters, withRelays, type ReporterDeps } from './keeper';
