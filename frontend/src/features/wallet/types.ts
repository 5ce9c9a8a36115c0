import type { JournalEntry, JournalKind } from '@declarations/marketplace';
import type { VariantName } from '@/lib/candid';

export type MovementKind = VariantName<JournalKind>;

/** One journal entry of the marketplace's books, as the account holder sees it (optional ids as values). */
export type Movement = Omit<JournalEntry, 'kind' | 'contractId' | 'block'> & {
    kind: MovementKind;
    contractId: bigint | undefined;
    /** Ledger block of the transfer, when the money crossed the ledger. */
    block: bigint | undefined;
};

/** A transfer out of the marketplace: a refund or a payout ("Refund #12" / "Withdrawal #3"). */
export function transferKindOf(m: Pick<Movement, 'ref'>): 'Refund' | 'Withdrawal' | 'FeeWithdrawal' | 'Return' | undefined {
    const k = /^(Refund|Withdrawal|FeeWithdrawal|Return) #/.exec(m.ref)?.[1];
    return k as 'Refund' | 'Withdrawal' | 'FeeWithdrawal' | 'Return' | undefined;
}

export type ReceiptKind = 'payment' | 'refund' | 'payout';

/** Payments, refunds that reached the wallet, and payouts have receipts. */
export function receiptKindOf(m: Movement): ReceiptKind | undefined {
    if (m.kind === 'Deposit') return 'payment';
    if (m.kind !== 'TransferDone') return undefined;
    const k = transferKindOf(m);
    return k === 'Refund' ? 'refund' : k === 'Withdrawal' ? 'payout' : undefined;
}

export interface Earnings {
    token: string;
    /** Withdrawable now: booked by releases, not yet sent. */
    withdrawable: bigint;
    /** Earned since the last release (over at most 20 open contracts): booked at the next release. */
    accruing: bigint;
    inFlight: bigint;
    /** Σ released to this provider (net of platform fee), from the journal. */
    releasedTotal: bigint;
}

export interface EarningEntry {
    seq: bigint;
    kind: string;
    contractId: bigint | undefined;
    amount: bigint;
    fee: bigint;
    at: bigint;
}
