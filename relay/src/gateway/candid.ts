/**
 * The marketplace canister's interface as the relay sees it: the generated bindings
 * (canisters/marketplace/declarations, written by scripts/bindings.mjs from the named .did), with
 * a `Candid` suffix where the relay has a record of its own by the same name.
 */
export { idlFactory } from '../../../canisters/marketplace/declarations/index.js';
export type {
    _SERVICE as MarketplaceService,
    Benchmark as BenchmarkCandid,
    Contract as ContractCandid,
    ConversationEvent as ConversationEventCandid,
    ProbeTarget as ProbeTargetCandid,
    Provider as ProviderCandid,
    ResultBatch,
    UptimeReport as UptimeReportCandid
} from '../../../canisters/marketplace/declarations/index.js';
