import type { ContractForPayment, IcpayCredit } from '../gateway/types.js';
import type { IcpayPayment } from './payload.js';

export type PaymentVerdict =
    | { kind: 'credit'; credit: IcpayCredit }
    | { kind: 'wait'; reason: string }
    | { kind: 'refuse'; reason: string };

const NOT_CREDITABLE = new Set(['mismatched', 'failed', 'canceled', 'cancelled', 'refunded']);

/** Pure decision: is this re-fetched payment a valid funding of this contract? */
export function judgePayment(p: IcpayPayment, contract: ContractForPayment | null, allowedLedgers: readonly string[]): PaymentVerdict {
    const status = p.status.toLowerCase();
    if (NOT_CREDITABLE.has(status)) return { kind: 'refuse', reason: `payment status is ${status}` };
    if (status !== 'completed') return { kind: 'wait', reason: `payment status is ${status}` };
    if (!contract) return { kind: 'refuse', reason: 'no contract for the payment' };
    const ledger = p.ledgerCanisterId ?? '';
    if (!allowedLedgers.includes(ledger)) return { kind: 'refuse', reason: `ledger ${ledger || '(none)'} is not allowed` };
    if (ledger !== contract.ledgerCanisterId) return { kind: 'refuse', reason: `ledger ${ledger} differs from the contract's ${contract.ledgerCanisterId}` };
    const paid = p.paidAmount ?? p.amount;
    if (paid === null || paid === undefined) return { kind: 'refuse', reason: 'payment has no amount' };
    if (paid < contract.amountDue) return { kind: 'refuse', reason: `paid ${paid} < due ${contract.amountDue}` };
    return { kind: 'credit', credit: { paymentId: p.id, contractId: contract.contractId, ledgerCanisterId: ledger, amount: paid } };
}
