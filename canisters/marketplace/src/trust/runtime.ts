// The canister's trust keeper over stable memory, wired to the market in the same canister.
import { time } from 'azle';

import { market, onContractStatusChange, setTrustScoreHook } from '../api/state';
import { TrustKeeper } from './keeper/trust';
import { marketReader } from './market_adapter';
import { stableTrustStore } from './stable';

let instance: TrustKeeper | null = null;

export function trust(): TrustKeeper {
    if (instance === null) instance = new TrustKeeper(stableTrustStore(), marketReader(market()), () => Number(time() / 1_000_000_000n));
    return instance;
}

/**
 * Heap registrations, made on every canister start (init and after each upgrade): status changes
 * flow into the trust counters in the same message; search reads recorded scores.
 */
onContractStatusChange((c) => trust().contractChanged(c.id.toString()));
setTrustScoreHook((provider) => trust().latestScore(provider));
