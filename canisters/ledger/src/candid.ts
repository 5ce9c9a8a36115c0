// Candid types: the ICRC ones come from Azle's copies of the standard .did files, so the method
// signatures match the reference ledgers exactly.
import { IDL } from '@dfinity/candid';
import {
    Account,
    Metadatum,
    SupportedStandard,
    TransferArgs,
    TransferResult
} from 'azle/canisters/icrc_1/idl';
import {
    AllowanceArgs,
    AllowanceResult,
    ApproveArgs,
    ApproveResult,
    TransferFromArgs,
    TransferFromResult
} from 'azle/canisters/icrc_2/idl';
import {
    DataCertificate as Icrc3DataCertificate,
    GetArchivesArgs as Icrc3GetArchivesArgs,
    GetArchivesResult as Icrc3GetArchivesResult,
    GetBlocksArgs as Icrc3GetBlocksArgs,
    GetBlocksResult as Icrc3GetBlocksResult
} from 'azle/canisters/icrc_3/idl';

export { Icrc3DataCertificate, Icrc3GetArchivesArgs, Icrc3GetArchivesResult, Icrc3GetBlocksArgs, Icrc3GetBlocksResult };
export type {
    GetArchivesResult as CandidIcrc3GetArchivesResult,
    GetBlocksArgs as CandidIcrc3GetBlocksArgs,
    GetBlocksResult as CandidIcrc3GetBlocksResult,
    Value as CandidIcrc3Value
} from 'azle/canisters/icrc_3/idl';
export const SupportedBlockType = IDL.Record({ block_type: IDL.Text, url: IDL.Text });

export {
    Account,
    AllowanceArgs,
    AllowanceResult,
    ApproveArgs,
    ApproveResult,
    Metadatum,
    SupportedStandard,
    TransferArgs,
    TransferFromArgs,
    TransferFromResult,
    TransferResult
};
export type {
    Account as CandidAccount,
    TransferArgs as CandidTransferArgs,
    TransferResult as CandidTransferResult,
    Metadatum as CandidMetadatum,
    SupportedStandard as CandidSupportedStandard
} from 'azle/canisters/icrc_1/idl';
export type {
    AllowanceArgs as CandidAllowanceArgs,
    AllowanceResult as CandidAllowanceResult,
    ApproveArgs as CandidApproveArgs,
    ApproveResult as CandidApproveResult,
    TransferFromArgs as CandidTransferFromArgs,
    TransferFromResult as CandidTransferFromResult
} from 'azle/canisters/icrc_2/idl';

export const ArchiveOptions = IDL.Record({ trigger_threshold: IDL.Nat64, num_blocks_to_archive: IDL.Nat64 });

export const InitArgs = IDL.Record({
    token_name: IDL.Text,
    token_symbol: IDL.Text,
    decimals: IDL.Nat8,
    transfer_fee: IDL.Nat,
    minting_account: Account,
    initial_balances: IDL.Vec(IDL.Tuple(Account, IDL.Nat)),
    /** Defaults to transfer_fee. */
    min_burn_amount: IDL.Opt(IDL.Nat),
    /** Enables set_fault; defaults to false. */
    allow_faults: IDL.Opt(IDL.Bool),
    /** As the reference ledgers' archive_options: above trigger_threshold local blocks, the oldest num_blocks_to_archive move to the archive. */
    archive_options: IDL.Opt(ArchiveOptions)
});

export const Operation = IDL.Variant({
    Mint: IDL.Record({ to: Account, amount: IDL.Nat }),
    Burn: IDL.Record({ from: Account, spender: IDL.Opt(Account), amount: IDL.Nat }),
    Transfer: IDL.Record({
        from: Account,
        to: Account,
        spender: IDL.Opt(Account),
        amount: IDL.Nat,
        fee: IDL.Nat
    }),
    Approve: IDL.Record({
        from: Account,
        spender: Account,
        amount: IDL.Nat,
        expected_allowance: IDL.Opt(IDL.Nat),
        expires_at: IDL.Opt(IDL.Nat64),
        fee: IDL.Nat
    })
});

export const Block = IDL.Record({
    index: IDL.Nat,
    timestamp: IDL.Nat64,
    created_at_time: IDL.Opt(IDL.Nat64),
    memo: IDL.Opt(IDL.Vec(IDL.Nat8)),
    operation: Operation
});

export const GetBlocksArgs = IDL.Record({ start: IDL.Nat, length: IDL.Nat });
export const GetBlocksResult = IDL.Record({ log_length: IDL.Nat, blocks: IDL.Vec(Block) });

export const FaultMethod = IDL.Variant({
    icrc1_transfer: IDL.Null,
    icrc2_approve: IDL.Null,
    icrc2_transfer_from: IDL.Null
});

export const FaultKind = IDL.Variant({
    TemporarilyUnavailable: IDL.Null,
    GenericError: IDL.Record({ message: IDL.Text, error_code: IDL.Nat }),
    Trap: IDL.Null,
    ReplyLost: IDL.Null
});

/** `count` = 0 disarms the method. */
export const Fault = IDL.Record({ method: FaultMethod, kind: FaultKind, count: IDL.Nat32 });
