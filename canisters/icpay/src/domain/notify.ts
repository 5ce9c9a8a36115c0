// The pure steps of `notify_ledger_transaction_v2`: what a notification may record, and the record
// a forward's outcome makes of it. Errors are upstream's: plain text.
import { feesOf, unpackMemo } from './fees';
import type { AccountConfig, Forwarding, Incoming, LedgerConfig, Transaction } from './types';

export type Checked = { Ok: Transaction } | { Err: string };

export interface NotifyInput {
    id: bigint;
    self: string;
    ledger: LedgerConfig;
    account: AccountConfig | undefined;
    accountId: bigint;
    block: bigint;
    incoming: Incoming;
    external: bigint;
    recipient: string | null;
    forwarding: Forwarding;
    now: bigint;
}

/** The transaction a verified incoming transfer records (status Received, not yet forwarded). */
export function received(i: NotifyInput): Checked {
    const a = i.account;
    if (a === undefined) return { Err: `account ${i.accountId} not found or inactive` };
    const t = i.incoming;
    if (t.to !== i.self || t.toSubaccount !== null) return { Err: `block ${i.block} is not a transfer to the ICPay canister` };
    const memo = unpackMemo(t.memo);
    if (memo === null || memo.account !== i.accountId) return { Err: `memo of block ${i.block} does not name account ${i.accountId}` };
    if (t.amount < i.ledger.minimum_amount) return { Err: `amount ${t.amount} below the ledger's minimum ${i.ledger.minimum_amount}` };
    if (i.recipient !== null && i.recipient !== a.recipient) return { Err: `recipient ${i.recipient} is not the account's relay address` };
    const fees = feesOf(t.amount, a, i.ledger.fee, i.external);
    if (fees === null) return { Err: `amount ${t.amount} does not cover ICPay's fees` };
    const to = 'Redirect' in i.forwarding ? i.forwarding.Redirect : a.recipient;
    return {
        Ok: {
            id: i.id, status: { Received: null }, account_canister_id: a.account_canister_id, ...fees, relay_fee_amount: [fees.relay_fee_amount],
            external_cost_amount: i.external > 0n ? [i.external] : [], kind: [0], memo: t.memo === null ? [] : [t.memo], timestamp_to_account: [],
            notify_processing: false, source_type: 0, timestamp: i.now, index_received: [i.block], sender_principal_id: t.from,
            ledger_canister_id: i.ledger.canister_id, timestamp_received: [i.now], amount: t.amount, recipient_principal_id: [to],
            splits: [{ account_canister_id: a.account_canister_id, index_block: [], timestamp: [], account_percentage: 10_000, amount: fees.account_amount }]
        }
    };
}

/** The record after the forward: Completed with the block, or Failed with the ledger's reason. */
export function forwarded(t: Transaction, outcome: { Ok: bigint } | { Err: string }, now: bigint): Transaction {
    if ('Err' in outcome) return { ...t, status: { Failed: outcome.Err } };
    return {
        ...t,
        status: { Completed: null },
        timestamp_to_account: [now],
        splits: t.splits.map((s) => ({ ...s, index_block: [outcome.Ok], timestamp: [now] }))
    };
}
