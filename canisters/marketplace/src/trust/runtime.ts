// The canister's trust keeper over stable memory, wired to the market in the same canister.
import { certifiedDataSet, time } from 'azle';

import { armTimerAt, market, onContractStatusChange, onOfferingChange, onPostUpgrade, onTimer, setTrustScoreHook } from '../root/state';
import { NS_PER_SECOND } from '../kernel/time';
import type { SortedKeys } from '../kernel/kv';
import { parseWakeKey } from './keeper/wake';
import { TrustKeeper } from './keeper/trust';
import { contractView, marketReader, trustStatusOf } from './market_adapter';
import { stableTrustStore, stableWakeups } from './stable';

let instance: TrustKeeper | null = null;

export function trust(): TrustKeeper {
    if (instance === null) instance = new TrustKeeper(stableTrustStore(), marketReader(market()), time, (root) => certifiedDataSet(root), armed(stableWakeups()));
    return instance;
}

/** The wake-up index, arming the canister's timer at each new entry's time. */
function armed(index: SortedKeys): SortedKeys {
    return {
        ...index,
        add: (k) => {
            index.add(k);
            armTimerAt(BigInt(parseWakeKey(k).at) * NS_PER_SECOND);
        }
    };
}

/**
 * Wires trust to the market; index.ts calls it once per canister start (the heap is new after
 * install and after each upgrade). Contract creations and status changes flow into the trust
 * counters in the same message, offering creations/updates into the market price index; search
 * reads recorded scores.
 */
export function wireTrust(): void {
    onContractStatusChange((c, from) => {
        // A change inside one trust status (Requested → Pending, Provisioned → Active ↔ Paused) changes
        // no counter and no score input: skip the trust message work entirely (≈ 3–8 M instructions).
        // Requested → Pending is the payment: it counts.
        if (from !== null && from !== 'Requested' && trustStatusOf(from) === trustStatusOf(c.status)) return;
        trust().contractChanged(c.id.toString(), contractView(c, market().tokenConfig(c.token)?.decimals ?? 8));
    });
    onOfferingChange((o) => trust().offeringChanged(o.id.toString()));
    setTrustScoreHook((provider) => trust().latestScore(provider));
    // Flags that time alone raises reach the certified summary at their deadline (keeper/wake.ts).
    onTimer({
        run: () => trust().wake(),
        next: () => {
            const at = trust().nextWake();
            return at === null ? null : BigInt(at) * NS_PER_SECOND;
        }
    });
    onPostUpgrade(() => {
        trust().migrateReporters();
        // Certified data does not outlive every kind of install: set it again from the stored tree.
        certifiedDataSet(trust().certifiedRoot());
    });
}
