import type { TrustStatus } from '../../../src/trust/domain/contract_records';
import type { ContractPhase } from '../../../src/trust/domain/feedback';
import type { Table } from '../../../src/kernel/kv';
import type { ContractView, CreditResult, MarketReader, OfferingView, ProviderView, ReporterView } from '../../../src/trust/ports';
import type { ReporterRole, TrustStore } from '../../../src/trust/keeper/state';
import { TrustKeeper } from '../../../src/trust/keeper/trust';
import { seconds } from '../../../src/kernel/time';

export class MemTable<K, V> implements Table<K, V> {
    readonly m = new Map<string, V>();
    get(key: K): V | undefined {
        const v = this.m.get(String(key));
        return v === undefined ? undefined : structuredClone(v);
    }
    put(key: K, value: V): void {
        this.m.set(String(key), structuredClone(value));
    }
    remove(key: K): void {
        this.m.delete(String(key));
    }
    len(): number {
        return this.m.size;
    }
    values(offset = 0, limit = Number.MAX_SAFE_INTEGER): V[] {
        return [...this.m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).slice(offset, offset + limit).map(([, v]) => structuredClone(v));
    }
}

export function memoryTrustStore(): TrustStore {
    return {
        reporters: new MemTable(),
        seen: new MemTable(),
        providers: new MemTable(),
        contracts: new MemTable(),
        minutes: new MemTable(),
        feedback: new MemTable(),
        tenants: new MemTable(),
        offerings: new MemTable(),
        market: new MemTable(),
        benchmarks: new MemTable(),
        events: new MemTable(),
        history: new MemTable(),
        scores: new MemTable(),
        sla: new MemTable(),
        monitors: new MemTable(),
        certified: new MemTable(),
        serving: new MemTable(),
        histories: new MemTable(),
        standing: new MemTable(),
        circles: new MemTable(),
        payers: new MemTable()
    };
}

const PHASE: Record<TrustStatus, ContractPhase> = {
    requested: 'open',
    accepted: 'open',
    provisioning: 'open',
    running: 'open',
    completed: 'completed',
    cancelled: 'cancelled',
    expired: 'expired',
    rejected: 'rejected',
    provisioning_failed: 'failed'
};

export class FakeMarket implements MarketReader {
    contracts = new Map<string, ContractView>();
    readonly offerings = new Map<string, OfferingView>();
    providers = new Map<string, ProviderView>();
    credits: { contractId: string; amount: bigint; ref: string }[] = [];
    /** Time stamped on contracts closed through setStatus. */
    closeAt = 3000;
    creditFails = false;

    contract(id: string) {
        return this.contracts.get(id);
    }
    offering(id: string) {
        return this.offerings.get(id);
    }
    provider(id: string) {
        return this.providers.get(id);
    }
    allOfferings() {
        return [...this.offerings.values()];
    }
    creditTenant(contractId: string, amount: bigint, ref: string): CreditResult {
        if (this.creditFails) return { Err: { InsufficientBalance: { available: 0n, requested: amount } } };
        this.credits.push({ contractId, amount, ref });
        return { Ok: { credited: amount } };
    }

    readonly reporterList = new Map<string, ReporterView>();
    reporterRoles(p: string): ReporterRole[] {
        return this.reporterList.get(p)?.roles ?? [];
    }
    reporters(): ReporterView[] {
        return [...this.reporterList.values()];
    }
    setReporterRoles(p: string, roles: readonly ReporterRole[], by: string): ReporterView[] {
        if (roles.length === 0) this.reporterList.delete(p);
        else this.reporterList.set(p, { principal: p, roles: [...new Set(roles)], addedAt: 0, addedBy: by });
        return this.reporters();
    }

    addOffering(id: string, provider: string, patch: Partial<OfferingView> = {}): OfferingView {
        if (!this.providers.has(provider)) this.providers.set(provider, { id: provider, hasPublicContact: true, registeredAt: 0 });
        const o: OfferingView = {
            id,
            provider,
            name: `Offering ${id}`,
            active: true,
            category: 'VPS',
            token: 'ICP',
            monthlyPrice: 600n,
            vcpu: 2,
            ramGiB: 4,
            storageGiB: 100,
            gpus: 0,
            bandwidthMbps: 1000,
            uptimeTargetBps: 9990,
            responseTargetSeconds: 4 * 3600,
            ...patch
        };
        this.offerings.set(id, o);
        return o;
    }

    addContract(id: string, offeringId: string, tenant: string, status: TrustStatus, patch: Partial<ContractView> = {}): ContractView {
        const o = this.offerings.get(offeringId)!;
        const c: ContractView = {
            id,
            provider: o.provider,
            tenant,
            offeringId,
            status,
            phase: PHASE[status],
            createdAt: 1000,
            startedAt: status === 'requested' || status === 'accepted' ? null : 2000,
            plannedStart: 2000,
            plannedEnd: 2000 + 30 * 86_400,
            total: 3_000_000n,
            paid: true,
            monthlyTokens: 1,
            closedAt: PHASE[status] === 'open' || PHASE[status] === 'completed' ? null : 3000,
            ...patch
        };
        this.contracts.set(id, c);
        return c;
    }

    setStatus(id: string, status: TrustStatus): void {
        const c = this.contracts.get(id)!;
        const closed = PHASE[status] !== 'open';
        this.contracts.set(id, { ...c, status, phase: PHASE[status], closedAt: closed ? (c.closedAt ?? this.closeAt) : null });
    }
}

export function setup(now = { t: 10 * 86_400 }) {
    const market = new FakeMarket();
    const store = memoryTrustStore();
    const keeper = new TrustKeeper(store, market, () => seconds(now.t));
    const admin = { caller: 'admin', isController: true };
    keeper.setReporter(admin, 'relay-1', ['relay']);
    keeper.setReporter(admin, 'mon-a', ['monitor']);
    keeper.setReporter(admin, 'mon-b', ['monitor']);
    keeper.setReporter(admin, 'mon-c', ['monitor']);
    return { market, store, keeper, now, admin };
}

/** Provider `prov` with offering `o1` and a running paid contract `1` of tenant `alice`, already seen by the keeper. */
export function withRunningContract() {
    const s = setup();
    s.market.addOffering('o1', 'prov');
    s.market.addContract('1', 'o1', 'alice', 'running');
    s.keeper.contractChanged('1');
    return s;
}

/** Gives a tenant history elsewhere (independence 1) with `prov`: its word counts with the voice of its contract's value. */
export function giveVoice(s: ReturnType<typeof setup>, tenant: string, independence = 1, provider = 'prov'): void {
    const key = `${provider}|${tenant}`;
    s.store.payers.put(key, { ...s.store.payers.get(key)!, independence });
}

/**
 * Gives a tenant `months` of paid history with a provider `elsewhere` that stands on its own (every
 * paid month of it vouched for by independent tenants who do not pay anyone else here).
 */
export function historyElsewhere(store: TrustStore, tenant: string, months: number, elsewhere = 'elsewhere'): void {
    store.histories.put(tenant, { weight: months, factorSum: 0, factorStartSum: 0, entries: [{ p: elsewhere, weight: months, factorSum: 0, factorStartSum: 0, planned: 0, m: Math.min(3, months), v: 0 }] });
    store.standing.put(elsewhere, { vouch: 1e9, months: 1e9 });
}
