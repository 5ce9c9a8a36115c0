import { type Result } from '../../kernel/result';
import { atIndex, failure, type CanisterError } from '../../kernel/error';
import type { ContractView, MarketReader, OfferingView } from '../ports';
import type { Nanos } from '../../kernel/time';
import { stage, type Staged } from './tx';
import { emptyContractTrust, emptyProviderTrust, normaliseProvider, type ContractTrust, type ProviderTrust, type TrustStore } from './state';

/** Market reads memoised for one message (a batch touches the same contracts and offerings often). */
function memoised(m: MarketReader): MarketReader {
    const contracts = new Map<string, ContractView | undefined>();
    const offerings = new Map<string, OfferingView | undefined>();
    return {
        contract: (id) => (contracts.has(id) ? contracts.get(id) : contracts.set(id, m.contract(id)).get(id)),
        offering: (id) => (offerings.has(id) ? offerings.get(id) : offerings.set(id, m.offering(id)).get(id)),
        provider: (id) => m.provider(id),
        allOfferings: () => m.allOfferings(),
        reporterRoles: (p) => m.reporterRoles(p),
        reporters: () => m.reporters(),
        setReporterRoles: (p, roles, by) => m.setReporterRoles(p, roles, by),
        creditTenant: (id, amount, ref, period) => {
            contracts.delete(id);
            return m.creditTenant(id, amount, ref, period);
        }
    };
}

/** One message's view of the trust tables: staged writes plus the providers it touched. */
export class Ctx {
    readonly tx: Staged<TrustStore>;
    readonly touched = new Set<string>();
    readonly market: MarketReader;

    constructor(
        store: TrustStore,
        market: MarketReader,
        /** Seconds (the domain's unit). */
        readonly now: number,
        /** The same instant in the canister's unit, for what trust exposes (the certified summary's `asOf`). */
        readonly at: Nanos
    ) {
        this.tx = stage(store);
        this.market = memoised(market);
    }

    provider(id: string): ProviderTrust {
        const p = this.tx.providers.get(id);
        if (p === undefined) return emptyProviderTrust(id);
        const n = normaliseProvider(p, this.now);
        for (const [k, sv] of n.serving) if (this.tx.serving.get(k) === undefined) this.tx.serving.put(k, sv);
        for (const [k, q] of n.payers) if (this.tx.payers.get(k) === undefined) this.tx.payers.put(k, q);
        return n.provider;
    }

    saveProvider(p: ProviderTrust): void {
        this.tx.providers.put(p.provider, p);
        this.touched.add(p.provider);
    }

    contractTrust(v: ContractView): ContractTrust {
        return this.tx.contracts.get(v.id) ?? emptyContractTrust(v.id, v.provider, v.offeringId);
    }

    saveContract(c: ContractTrust): void {
        this.tx.contracts.put(c.contractId, c);
    }

    contractView(id: string, index?: number): Result<ContractView> {
        const v = this.market.contract(id);
        if (v !== undefined) return { Ok: v };
        const e: CanisterError = { NotFound: { what: 'contract', id } };
        return failure(index === undefined ? e : atIndex(e, index));
    }

    /** Marks a signal on the provider's record (count and time). */
    noteSignal(p: ProviderTrust): ProviderTrust {
        return { ...p, signals: p.signals + 1, lastSignalAt: this.now };
    }
}
