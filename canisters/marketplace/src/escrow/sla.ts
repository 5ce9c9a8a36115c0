// Planner of SLA credits (for the trust domain).
import { clawbackForSla, creditTenantFromEscrow, TERMINAL, unearned } from './domain/settlement';
import { FEE_ACCOUNT, err, ok, type Contract, type Result } from '../kernel/records';
import { Draft, type Plan } from './effects';
import type { EscrowView } from './view';

export interface Credited {
    contract: Contract;
    credited: bigint;
}

/**
 * SLA credit of `amount` to the contract's tenant (never more than the rule allows):
 * - open contract: from the unearned remainder in escrow (future earnings fall by the amount);
 *   refused (InsufficientBalance) above it;
 * - closed contract with `period` [from, to) given (the final period(s), settled after the close):
 *   taken back from what the contract released in that period, bounded by the provider's
 *   withdrawable balance (and the fee account's for the fee part); may be partial.
 * Journaled `SlaCredit` (amount credited; `fee` = the platform fee given back).
 */
export function planSlaCredit(v: EscrowView, contractId: bigint, amount: bigint, ref: string, now: bigint, period?: { from: bigint; to: bigint }): Result<Plan<Credited>> {
    const c = v.contract(contractId);
    if (c === undefined) return err({ NotFound: { what: 'contract', id: String(contractId) } });
    const d = new Draft(v, now);
    const entry = { kind: 'SlaCredit' as const, contractId, account: c.tenant, token: c.token, block: null };
    if (TERMINAL.has(c.status) && period !== undefined && amount > 0n) {
        // The provider cannot give back more than it still has (its withdrawable balance).
        const available = v.balance(c.provider, c.token);
        const cap = amount < available ? amount : available;
        const res = cap > 0n ? clawbackForSla(c, cap, period.from, period.to) : null;
        if (res === null || res.taken === 0n) return err({ InsufficientBalance: { available: available < 0n ? 0n : available, requested: amount } });
        const fees = v.balance(FEE_ACCOUNT, c.token);
        if (res.feeBack > fees) return err({ InsufficientBalance: { available: fees, requested: res.feeBack } });
        d.record({ ...entry, amount: res.taken, fee: res.feeBack, ref: `${ref} (from provider)` });
        return ok(d.done({ contract: d.putContract(res.contract), credited: res.taken }));
    }
    const res = creditTenantFromEscrow(c, amount, now);
    if (res === null) return err({ InsufficientBalance: { available: unearned(c, now), requested: amount } });
    d.release(res.contract, res.released, res.fee);
    d.record({ ...entry, amount, fee: 0n, ref });
    return ok(d.done({ contract: d.putContract(res.contract), credited: amount }));
}
