// One unit of work (the kernel's engine, kernel/unit_of_work.ts): a planner reads through a Draft
// (the trust tables with its own planned writes laid over them) and returns the Effects: those
// records plus trust's own calls (SLA credits, reporter roles, the certified root); apply.ts writes them.
import { atIndex, type CanisterError } from '../../kernel/error';
import { err, ok, type Result } from '../../kernel/result';
import { toSeconds, type Nanos } from '../../kernel/time';
import { Overlay } from '../../kernel/unit_of_work';
import type { ContractView, OfferingView } from '../ports';
import { emptyContractTrust, emptyProviderTrust, normaliseProvider, type ContractTrust, type ProviderTrust, type ReporterRole, type SlaRecord } from './state';
import type { MarketReads, Rows, TableName, TrustRows, TrustView } from './view';

/** An SLA credit the market moves (its declared export); apply completes `record` with the outcome and stores it under `key`. */
export interface SlaCreditCall {
    key: string;
    contractId: string;
    amount: bigint;
    ref: string;
    period: { start: number; end: number };
    closed: boolean;
    record: SlaRecord;
}

export interface TrustEffects {
    /** The planned records (table → key → record; the last write of a key wins). */
    writes: Overlay<TrustRows, string>;
    credits: SlaCreditCall[];
    /** Roles to set in the market's reporter list (the earlier layout's migration). */
    reporterRoles: { principal: string; roles: ReporterRole[]; by: string }[];
    /** A certified summary changed: the certified data is set again after the writes. */
    certified: boolean;
}

export interface Plan<T> {
    effects: TrustEffects;
    value: T;
}

export const noEffects = (view: TrustView): TrustEffects => ({ writes: new Overlay<TrustRows, string>(view), credits: [], reporterRoles: [], certified: false });

/** Market reads memoised for one plan (a batch touches the same contracts and offerings often). */
function memoised(m: MarketReads): MarketReads {
    const contracts = new Map<string, ContractView | undefined>();
    const offerings = new Map<string, OfferingView | undefined>();
    return {
        contract: (id) => (contracts.has(id) ? contracts.get(id) : contracts.set(id, m.contract(id)).get(id)),
        offering: (id) => (offerings.has(id) ? offerings.get(id) : offerings.set(id, m.offering(id)).get(id)),
        provider: (id) => m.provider(id),
        allOfferings: () => m.allOfferings(),
        reporterRoles: (p) => m.reporterRoles(p),
        reporters: () => m.reporters()
    };
}

export class Draft {
    readonly effects: TrustEffects;
    private readonly writes: Overlay<TrustRows, string>;
    /** Providers whose score and certified summary are recomputed after the plan. */
    readonly touched = new Set<string>();
    readonly market: MarketReads;
    /** Seconds (the domain's unit). */
    readonly now: number;

    constructor(
        readonly view: TrustView,
        market: MarketReads,
        /** The plan's instant in the canister's unit (the certified summary's `asOf`). */
        readonly at: Nanos
    ) {
        this.now = toSeconds(at);
        this.market = memoised(market);
        this.effects = noEffects(view);
        this.writes = this.effects.writes;
    }

    /** A record as the plan left it: its own write, else the view's (read once). */
    get<T extends TableName>(table: T, key: string): TrustRows[T] | undefined {
        return this.writes.get(table, key);
    }

    rows<T extends TableName>(table: T): Rows<TrustRows[T]> {
        return { get: (key) => this.get(table, key) };
    }

    put<T extends TableName>(table: T, key: string, value: TrustRows[T]): void {
        this.writes.put(table, key, value);
    }

    credit(call: SlaCreditCall): void {
        this.effects.credits.push(call);
    }

    setReporterRoles(principal: string, roles: ReporterRole[], by: string): void {
        this.effects.reporterRoles.push({ principal, roles, by });
    }

    provider(id: string): ProviderTrust {
        const p = this.get('providers', id);
        if (p === undefined) return emptyProviderTrust(id);
        const n = normaliseProvider(p, this.now);
        for (const [k, sv] of n.serving) if (this.get('serving', k) === undefined) this.put('serving', k, sv);
        for (const [k, q] of n.payers) if (this.get('payers', k) === undefined) this.put('payers', k, q);
        return n.provider;
    }

    saveProvider(p: ProviderTrust): void {
        this.put('providers', p.provider, p);
        this.touched.add(p.provider);
    }

    contractTrust(v: ContractView): ContractTrust {
        return this.get('contracts', v.id) ?? emptyContractTrust(v.id, v.provider, v.offeringId);
    }

    saveContract(c: ContractTrust): void {
        this.put('contracts', c.contractId, c);
    }

    contractView(id: string, index?: number): Result<ContractView> {
        const v = this.market.contract(id);
        if (v !== undefined) return ok(v);
        const e: CanisterError = { NotFound: { what: 'contract', id } };
        return err(index === undefined ? e : atIndex(e, index));
    }

    /** Marks a signal on the provider's record (count and time). */
    noteSignal(p: ProviderTrust): ProviderTrust {
        return { ...p, signals: p.signals + 1, lastSignalAt: this.now };
    }

    done<T>(value: T): Plan<T> {
        return { effects: this.effects, value };
    }
}
