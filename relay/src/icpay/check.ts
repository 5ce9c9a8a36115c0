import type { ContractForPayment, IcpayCredit } from '../gateway/types.js';
import type { IcpayPayment } from './payload.js';

export type PaymentVerdict =
    | { kind: 'credit'; credit: IcpayCredit }
    | { kind: 'wait'; reason: string }
    | { kind: 'refuse'; reason: string };

const NOT_CREDITABLE = new Set(['mismatched', 'failed', 'canceled', 'cancelled', 'refunded']);

/** Pure decision: is this re-fetched payment worth notifying the canister of (which verifies it on-chain)? */
export function judgePayment(p: IcpayPayment, contract: ContractForPayment | null, allowedLedgers: readonly string[]): PaymentVerdict {
    const status = p.status.toLowerCase();
    if (NOT_CREDITABLE.has(status)) return { kind: 'refuse', reason: `payment status is ${status}` };
    if (status !== 'completed') return { kind: 'wait', reason: `payment status is ${status}` };
    if (!contract) return { kind: 'refuse', reason: 'no contract for the payment' };
    const ledger = p.ledgerCanisterId ?? '';
    if (!allowedLedgers.includes(ledger)) return { kind: 'refuse', reason: `ledger ${ledger || '(none)'} is not allowed` };
    if (ledger !== contract.ledgerCanisterId) return { kind: 'refuse', reason: `ledger ${ledger} differs from the contract's ${contract.ledgerCanisterId}` };
    // What arrived after ICPay's fees, and whether it covers the quote, is the canister's to read on-chain.
    const tx = p.canisterTxId;
    if (tx === null || tx === undefined) return { kind: 'wait', reason: 'payment has no ICPay canister transaction yet' };
    return { kind: 'credit', credit: { paymentId: p.id, contractId: contract.contractId, ledgerCanisterId: ledger, canisterTxId: tx } };
}
