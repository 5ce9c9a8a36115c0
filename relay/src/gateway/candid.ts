/**
 * The marketplace canister's interface as the relay sees it: the generated bindings
 * (canisters/marketplace/declarations, written by scripts/bindings.mjs from the Azle-built .did),
 * plus names for the structural types the relay reads or sends. Azle inlines every type in its
 * .did, so the bindings have no named records; these are derived from method signatures and so
 * follow the Candid automatically.
 */
import type { _SERVICE } from '../../../canisters/marketplace/declarations/index.js';

export { idlFactory } from '../../../canisters/marketplace/declarations/index.js';
export type MarketplaceService = _SERVICE;

type Ret<K extends keyof _SERVICE> = Awaited<ReturnType<_SERVICE[K]>>;
type Arg<K extends keyof _SERVICE, I extends number = 0> = Parameters<_SERVICE[K]>[I];
type Some<O> = O extends [infer T] ? T : never;
type OkOf<R> = R extends { Ok: infer T } ? T : never;

export type ContractCandid = Some<Ret<'getContract'>>;
export type ProviderCandid = Some<Ret<'getProvider'>>;
export type ConversationEventCandid = Arg<'submitConversationEvents'>[number];
export type UptimeReportCandid = Arg<'submitUptime'>[number];
export type BenchmarkCandid = Arg<'submitBenchmarks'>[number];
export type CreditArgsCandid = Arg<'creditPayment'>;
/** A contract monitors should probe (`probeTargets`): Provisioned/Active with a declared endpoint. */
export type ProbeTargetCandid = OkOf<Ret<'probeTargets'>>['items'][number];
