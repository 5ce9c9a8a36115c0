// Upstream's Candid types (icpay_canister_backend.did in @ic-pay/icpay-sdk), the subset this
// stand-in serves, plus its own init argument and test controls.
import { IDL } from 'azle';

export const TransactionStatus = IDL.Variant({ Failed: IDL.Text, Processed: IDL.Null, Received: IDL.Null, Completed: IDL.Null, Pending: IDL.Null });
export const Split = IDL.Record({
    account_canister_id: IDL.Nat64, index_block: IDL.Opt(IDL.Nat64), timestamp: IDL.Opt(IDL.Nat64), account_percentage: IDL.Nat16, amount: IDL.Nat
});
export const Transaction = IDL.Record({
    id: IDL.Nat, status: TransactionStatus, account_canister_id: IDL.Nat64, platform_fee_amount: IDL.Nat, transfer_fee: IDL.Nat,
    external_cost_amount: IDL.Opt(IDL.Nat), kind: IDL.Opt(IDL.Nat8), memo: IDL.Opt(IDL.Vec(IDL.Nat8)), timestamp_to_account: IDL.Opt(IDL.Nat64),
    notify_processing: IDL.Bool, relay_fee_amount: IDL.Opt(IDL.Nat), source_type: IDL.Nat8, timestamp: IDL.Nat64, index_received: IDL.Opt(IDL.Nat64),
    sender_principal_id: IDL.Text, account_amount: IDL.Nat, ledger_canister_id: IDL.Text, splits: IDL.Vec(Split), timestamp_received: IDL.Opt(IDL.Nat64),
    amount: IDL.Nat, recipient_principal_id: IDL.Opt(IDL.Text)
});
export const TransactionFilter = IDL.Record({
    from_timestamp: IDL.Opt(IDL.Nat64), status: IDL.Opt(TransactionStatus), account_canister_id: IDL.Opt(IDL.Nat64), from_id: IDL.Opt(IDL.Nat),
    offset: IDL.Opt(IDL.Nat32), limit: IDL.Opt(IDL.Nat32), to_timestamp: IDL.Opt(IDL.Nat64), ledger_canister_id: IDL.Opt(IDL.Text)
});
export const TransactionResult = IDL.Record({ transactions: IDL.Vec(Transaction), total_count: IDL.Nat32, has_more: IDL.Bool });
export const LedgerTransactionNotification = IDL.Record({ block_index: IDL.Nat64, ledger_canister_id: IDL.Text });
export const NotifyResult = IDL.Record({ id: IDL.Text, status: TransactionStatus, amount: IDL.Nat });
export const PublicTxStatus = IDL.Record({ status: TransactionStatus, amount: IDL.Nat });
export const Result1 = IDL.Variant({ Ok: NotifyResult, Err: IDL.Text });
export const Result = IDL.Variant({ Ok: IDL.Null, Err: IDL.Text });

export const SplitRule = IDL.Record({ account_canister_id: IDL.Nat64, percentage: IDL.Nat16 });
/** Upstream's merchant account record (`get_account`): where the fees an order summary shows come from. */
export const Account = IDL.Record({
    account_canister_id: IDL.Nat64, relay_fee_percentage: IDL.Opt(IDL.Nat16), payout_count: IDL.Opt(IDL.Nat32), refund_count: IDL.Opt(IDL.Nat32),
    platform_fee_percentage: IDL.Nat16, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)), wallet_address: IDL.Text, payout_limit: IDL.Opt(IDL.Nat32),
    refund_limit: IDL.Opt(IDL.Nat32), icp_account_identifier: IDL.Opt(IDL.Text), platform_fee_fixed: IDL.Opt(IDL.Nat), is_active: IDL.Bool, splits: IDL.Vec(SplitRule)
});
export const LedgerStandard = IDL.Variant({ Ck: IDL.Null, Icp: IDL.Null, Icrc: IDL.Null });
export const AllowedLedgerInfo = IDL.Record({
    canister_id: IDL.Text, allowed: IDL.Bool, minimum_amount: IDL.Nat64, minimal_platform_fee: IDL.Nat64, standard: LedgerStandard
});
export const AccountInit = IDL.Record({
    account_canister_id: IDL.Nat64, recipient: IDL.Principal, platform_fee_percentage: IDL.Nat16, platform_fee_fixed: IDL.Nat, relay_fee_percentage: IDL.Nat16
});
export const LedgerInit = IDL.Record({ canister_id: IDL.Principal, fee: IDL.Nat, minimum_amount: IDL.Nat });
export const InitArgs = IDL.Record({ accounts: IDL.Vec(AccountInit), ledgers: IDL.Vec(LedgerInit), test_controls: IDL.Bool });
export const Forwarding = IDL.Variant({ Now: IDL.Null, Hold: IDL.Null, Redirect: IDL.Principal });

export const CANDID_NAMES = {
    TransactionStatus, Split, Transaction, TransactionFilter, TransactionResult, LedgerTransactionNotification, NotifyResult, PublicTxStatus,
    Result_1: Result1, Result, SplitRule, Account, LedgerStandard, AllowedLedgerInfo, AccountInit, LedgerInit, InitArgs, Forwarding
};
