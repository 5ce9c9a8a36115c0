// Candid of the cycles ledger's methods that icp-cli and dfx use (DFINITY's cycles-ledger.did).
import { IDL } from '@dfinity/candid';

import { canister_settings } from '../management_idl.js';

export const Account = IDL.Record({ owner: IDL.Principal, subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)) });

const SubnetSelection = IDL.Variant({
    Subnet: IDL.Record({ subnet: IDL.Principal }),
    Filter: IDL.Record({ subnet_type: IDL.Opt(IDL.Text) })
});

export const CreateCanisterArgs = IDL.Record({
    from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)),
    created_at_time: IDL.Opt(IDL.Nat64),
    amount: IDL.Nat,
    creation_args: IDL.Opt(IDL.Record({ subnet_selection: IDL.Opt(SubnetSelection), settings: IDL.Opt(canister_settings) }))
});

export const CreateCanisterError = IDL.Variant({
    InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
    TooOld: IDL.Null,
    CreatedInFuture: IDL.Record({ ledger_time: IDL.Nat64 }),
    TemporarilyUnavailable: IDL.Null,
    Duplicate: IDL.Record({ duplicate_of: IDL.Nat, canister_id: IDL.Opt(IDL.Principal) }),
    FailedToCreate: IDL.Record({ fee_block: IDL.Opt(IDL.Nat), refund_block: IDL.Opt(IDL.Nat), error: IDL.Text }),
    GenericError: IDL.Record({ message: IDL.Text, error_code: IDL.Nat })
});

export const CreateCanisterResult = IDL.Variant({
    Ok: IDL.Record({ block_id: IDL.Nat, canister_id: IDL.Principal }),
    Err: CreateCanisterError
});

export const WithdrawArgs = IDL.Record({
    amount: IDL.Nat,
    from_subaccount: IDL.Opt(IDL.Vec(IDL.Nat8)),
    to: IDL.Principal,
    created_at_time: IDL.Opt(IDL.Nat64)
});

export const WithdrawResult = IDL.Variant({
    Ok: IDL.Nat,
    Err: IDL.Variant({
        InsufficientFunds: IDL.Record({ balance: IDL.Nat }),
        InvalidReceiver: IDL.Record({ receiver: IDL.Principal }),
        GenericError: IDL.Record({ message: IDL.Text, error_code: IDL.Nat })
    })
});

export const MetadataValue = IDL.Variant({ Nat: IDL.Nat, Int: IDL.Int, Text: IDL.Text, Blob: IDL.Vec(IDL.Nat8) });
