// What the canister (index.ts) takes from the trust module besides its entry: the wiring to the market.
export { wireTrust } from './runtime';
