// Names of the ledger's Candid types in the .did and the bindings: the ICRC standards' own names
// (scripts/candid-names.ts proves them against Azle's .did).
import { Metadatum, SupportedStandard, TransferArgs, TransferError, TransferResult, Value } from 'azle/canisters/icrc_1/idl';
import {
    AllowanceArgs,
    AllowanceResult,
    ApproveArgs,
    ApproveError,
    ApproveResult,
    TransferFromArgs,
    TransferFromError,
    TransferFromResult
} from 'azle/canisters/icrc_2/idl';

import { Account, ArchiveOptions, Block, Fault, FaultKind, FaultMethod, GetBlocksArgs, GetBlocksResult, Icrc3DataCertificate, Icrc3GetArchivesArgs, InitArgs, Operation, SupportedBlockType } from './candid';

export const CANDID_NAMES = {
    Account, Value, Metadatum, SupportedStandard, TransferArgs, TransferError, TransferResult, AllowanceArgs, Allowance: AllowanceResult,
    ApproveArgs, ApproveError, ApproveResult, TransferFromArgs, TransferFromError, TransferFromResult, InitArgs, ArchiveOptions, Operation, Block,
    BlockRange: GetBlocksArgs, BlockPage: GetBlocksResult, GetArchivesArgs: Icrc3GetArchivesArgs, DataCertificate: Icrc3DataCertificate, SupportedBlockType, FaultMethod, FaultKind, Fault
};
