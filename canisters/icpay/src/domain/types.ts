// The local ICPay canister's records, in upstream's shape (the SDK's icpay_canister_backend.did):
// field names as upstream spells them, so a reader of the real canister reads these unchanged.

export type TransactionStatus = { Pending: null } | { Received: null } | { Processed: null } | { Completed: null } | { Failed: string };

export interface Split {
    account_canister_id: bigint;
    /** The ledger block of the forward to the account's recipient; absent until forwarded. */
    index_block: [] | [bigint];
    timestamp: [] | [bigint];
    account_percentage: number;
    amount: bigint;
}

export interface Transaction {
    id: bigint;
    status: TransactionStatus;
    account_canister_id: bigint;
    platform_fee_amount: bigint;
    transfer_fee: bigint;
    external_cost_amount: [] | [bigint];
    kind: [] | [number];
    memo: [] | [Uint8Array];
    timestamp_to_account: [] | [bigint];
    notify_processing: boolean;
    relay_fee_amount: [] | [bigint];
    source_type: number;
    timestamp: bigint;
    index_received: [] | [bigint];
    sender_principal_id: string;
    account_amount: bigint;
    ledger_canister_id: string;
    splits: Split[];
    timestamp_received: [] | [bigint];
    amount: bigint;
    recipient_principal_id: [] | [string];
}

/** A merchant account as this stand-in configures it (init): where its share goes and what ICPay keeps. */
export interface AccountConfig {
    account_canister_id: bigint;
    /** The principal ICPay relays the account's share to (the marketplace escrow). */
    recipient: string;
    /** Basis points of the amount (upstream's public price: 0.5% = 50). */
    platform_fee_percentage: number;
    platform_fee_fixed: bigint;
    /** Basis points taken when the payment is relayed to a recipient address (upstream: optional, default 0). */
    relay_fee_percentage: number;
}

export interface LedgerConfig {
    canister_id: string;
    fee: bigint;
    minimum_amount: bigint;
}

/** Test-only control (init `test_controls`): how the next payments are forwarded. */
export type Forwarding = { Now: null } | { Hold: null } | { Redirect: string };

/** An incoming transfer as read from the ledger's ICRC-3 block. */
export interface Incoming {
    from: string;
    to: string;
    toSubaccount: Uint8Array | null;
    amount: bigint;
    memo: Uint8Array | null;
}
