// The ledger's whole Candid service as an IDL factory, for agents, tests and other canisters.
// Importable outside a canister: no Azle runtime needed.
import type { ActorMethod } from '@dfinity/agent';
import { IDL } from '@dfinity/candid';
import {
    Account,
    AllowanceArgs,
    AllowanceResult,
    ApproveArgs,
    ApproveResult,
    Fault,
    GetBlocksArgs,
    GetBlocksResult,
    InitArgs,
    Metadatum,
    SupportedStandard,
    TransferArgs,
    TransferFromArgs,
    TransferFromResult,
    TransferResult,
    type CandidAccount,
    type CandidAllowanceArgs,
    type CandidAllowanceResult,
    type CandidApproveArgs,
    type CandidApproveResult,
    type CandidMetadatum,
    type CandidSupportedStandard,
    type CandidTransferArgs,
    type CandidTransferFromArgs,
    type CandidTransferFromResult,
    type CandidTransferResult
} from './candid';
import type { CandidFault, CandidGetBlocksResult, CandidInitArgs, CandidOutAccount } from './candid_types';

export { InitArgs };
export type { CandidInitArgs as LedgerInitArgs };

export const idlFactory: IDL.InterfaceFactory = () =>
    IDL.Service({
        icrc1_transfer: IDL.Func([TransferArgs], [TransferResult], []),
        icrc2_approve: IDL.Func([ApproveArgs], [ApproveResult], []),
        icrc2_transfer_from: IDL.Func([TransferFromArgs], [TransferFromResult], []),
        icrc1_balance_of: IDL.Func([Account], [IDL.Nat], ['query']),
        icrc2_allowance: IDL.Func([AllowanceArgs], [AllowanceResult], ['query']),
        icrc1_fee: IDL.Func([], [IDL.Nat], ['query']),
        icrc1_metadata: IDL.Func([], [IDL.Vec(Metadatum)], ['query']),
        icrc1_name: IDL.Func([], [IDL.Text], ['query']),
        icrc1_symbol: IDL.Func([], [IDL.Text], ['query']),
        icrc1_decimals: IDL.Func([], [IDL.Nat8], ['query']),
        icrc1_total_supply: IDL.Func([], [IDL.Nat], ['query']),
        icrc1_minting_account: IDL.Func([], [IDL.Opt(Account)], ['query']),
        icrc1_supported_standards: IDL.Func([], [IDL.Vec(SupportedStandard)], ['query']),
        get_blocks: IDL.Func([GetBlocksArgs], [GetBlocksResult], ['query']),
        set_fault: IDL.Func([Fault], [], []),
        clear_faults: IDL.Func([], [], []),
        get_faults: IDL.Func([], [IDL.Vec(Fault)], ['query'])
    });

export const init = (): IDL.Type[] => [InitArgs];

export interface LedgerService {
    icrc1_transfer: ActorMethod<[CandidTransferArgs], CandidTransferResult>;
    icrc2_approve: ActorMethod<[CandidApproveArgs], CandidApproveResult>;
    icrc2_transfer_from: ActorMethod<[CandidTransferFromArgs], CandidTransferFromResult>;
    icrc1_balance_of: ActorMethod<[CandidAccount], bigint>;
    icrc2_allowance: ActorMethod<[CandidAllowanceArgs], CandidAllowanceResult>;
    icrc1_fee: ActorMethod<[], bigint>;
    icrc1_metadata: ActorMethod<[], CandidMetadatum[]>;
    icrc1_name: ActorMethod<[], string>;
    icrc1_symbol: ActorMethod<[], string>;
    icrc1_decimals: ActorMethod<[], number>;
    icrc1_total_supply: ActorMethod<[], bigint>;
    icrc1_minting_account: ActorMethod<[], [] | [CandidOutAccount]>;
    icrc1_supported_standards: ActorMethod<[], CandidSupportedStandard[]>;
    get_blocks: ActorMethod<[{ start: bigint; length: bigint }], CandidGetBlocksResult>;
    set_fault: ActorMethod<[CandidFault], undefined>;
    clear_faults: ActorMethod<[], undefined>;
    get_faults: ActorMethod<[], CandidFault[]>;
}

/** Encodes the init (and upgrade) argument. */
export function encodeInitArgs(args: CandidInitArgs): Uint8Array {
    return new Uint8Array(IDL.encode([InitArgs], [args]));
}
