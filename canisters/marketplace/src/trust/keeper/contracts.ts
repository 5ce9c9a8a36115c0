import { applyStatusChange, type TrustStatus } from '../domain/contracts';
import { closeWait } from '../domain/silence';
import type { ContractView } from '../ports';
import type { Ctx } from './context';

const ENDED: readonly TrustStatus[] = ['completed', 'cancelled', 'expired', 'rejected', 'provisioning_failed'];

/**
 * Applies a contract status change to the provider's counters. A contract seen for the first
 * time is first counted as requested at its creation (the market reports creations too; this
 * covers contracts created before that hook existed).
 * Counters move from the status last seen here, so a missed change cannot unbalance them.
 */
export function onStatusChange(ctx: Ctx, view: ContractView): void {
    const ct = ctx.contractTrust(view);
    // Market changes inside one trust status (Requested → Pending, Provisioned → Active ↔ Paused)
    // change no counter: nothing is written and no score is recomputed.
    if (ct.status === view.status) return;
    let p = ctx.provider(view.provider);
    const base = { contractId: view.id, plannedStart: view.plannedStart, plannedEnd: view.plannedEnd, value: view.total };
    let known = ct.status;
    if (known === null) {
        const tenantKey = `${view.provider}|${view.tenant}`;
        const before = ctx.tx.tenants.get(tenantKey) ?? 0;
        ctx.tx.tenants.put(tenantKey, before + 1);
        p = { ...p, contracts: applyStatusChange(p.contracts, { ...base, from: null, to: 'requested', at: view.createdAt, tenantContractsBefore: before }) };
        known = 'requested';
    }
    if (view.status !== known) {
        p = { ...p, contracts: applyStatusChange(p.contracts, { ...base, from: known, to: view.status, at: ctx.now, tenantContractsBefore: 0 }) };
    }
    if (ENDED.includes(view.status)) p = { ...p, waits: closeWait(p.waits, view.id) };
    ctx.saveProvider(p);
    ctx.saveContract({ ...ct, status: view.status });
}
