// Candid values <-> domain values. Account validation happens here, at the boundary.
import { Principal } from 'azle';
import type {
    CandidAccount,
    CandidApproveArgs,
    CandidTransferArgs,
    CandidTransferFromArgs
} from './candid';
import type { CandidIcrc3Value } from './candid';
import type { CandidBlock, CandidOperation, CandidOutAccount } from './candid_types';
import type { Value } from './domain/icrc3';
import {
    makeAccount,
    type Account,
    type ApproveRequest,
    type Block,
    type GenericError,
    type Operation,
    type Result,
    type TransferFromRequest,
    type TransferRequest
} from './domain';

type Opt<T> = [] | [T];
type Bytes = Uint8Array | number[];

export function fromOpt<T>(value: Opt<T>): T | null {
    return value.length === 0 ? null : value[0];
}

export function toOpt<T>(value: T | null): Opt<T> {
    return value === null ? [] : [value];
}

function bytes(value: Opt<Bytes>): Uint8Array | null {
    const present = fromOpt(value);
    return present === null ? null : Uint8Array.from(present);
}

export function fromCandidAccount(account: CandidAccount): Result<Account, GenericError> {
    return makeAccount(account.owner.toText(), bytes(account.subaccount));
}

export function accountOf(owner: Principal, subaccount: Opt<Bytes>): Result<Account, GenericError> {
    return fromCandidAccount({ owner, subaccount });
}

export function toCandidAccount(account: Account): CandidOutAccount {
    return { owner: Principal.fromText(account.owner), subaccount: toOpt(account.subaccount) };
}

/** Validates several accounts at once; the first invalid one wins. */
function accounts<K extends string>(
    raw: Record<K, CandidAccount>
): Result<Record<K, Account>, GenericError> {
    const out = {} as Record<K, Account>;
    for (const key of Object.keys(raw) as K[]) {
        const account = fromCandidAccount(raw[key]);
        if ('Err' in account) return account;
        out[key] = account.Ok;
    }
    return { Ok: out };
}

export function transferRequest(
    caller: Principal,
    args: CandidTransferArgs
): Result<TransferRequest, GenericError> {
    const parsed = accounts({ from: { owner: caller, subaccount: args.from_subaccount }, to: args.to });
    if ('Err' in parsed) return parsed;
    return {
        Ok: {
            ...parsed.Ok,
            amount: args.amount,
            fee: fromOpt(args.fee),
            memo: bytes(args.memo),
            createdAtTime: fromOpt(args.created_at_time)
        }
    };
}

export function approveRequest(
    caller: Principal,
    args: CandidApproveArgs
): Result<ApproveRequest, GenericError> {
    const parsed = accounts({
        from: { owner: caller, subaccount: args.from_subaccount },
        spender: args.spender
    });
    if ('Err' in parsed) return parsed;
    return {
        Ok: {
            ...parsed.Ok,
            amount: args.amount,
            expectedAllowance: fromOpt(args.expected_allowance),
            expiresAt: fromOpt(args.expires_at),
            fee: fromOpt(args.fee),
            memo: bytes(args.memo),
            createdAtTime: fromOpt(args.created_at_time)
        }
    };
}

export function transferFromRequest(
    caller: Principal,
    args: CandidTransferFromArgs
): Result<TransferFromRequest, GenericError> {
    const parsed = accounts({
        spender: { owner: caller, subaccount: args.spender_subaccount },
        from: args.from,
        to: args.to
    });
    if ('Err' in parsed) return parsed;
    return {
        Ok: {
            ...parsed.Ok,
            amount: args.amount,
            fee: fromOpt(args.fee),
            memo: bytes(args.memo),
            createdAtTime: fromOpt(args.created_at_time)
        }
    };
}

/** A domain Value as Candid (`Blob` as bytes; the shapes are the same). */
export function toCandidValue(v: Value): CandidIcrc3Value {
    if ('Array' in v) return { Array: v.Array.map(toCandidValue) };
    if ('Map' in v) return { Map: v.Map.map(([k, x]) => [k, toCandidValue(x)] as [string, CandidIcrc3Value]) };
    return v as CandidIcrc3Value;
}

export function toCandidBlock(block: Block): CandidBlock {
    return {
        index: block.index,
        timestamp: block.timestamp,
        created_at_time: toOpt(block.createdAtTime),
        memo: toOpt(block.memo),
        operation: toCandidOperation(block.operation)
    };
}

function optAccount(account: Account | null): Opt<CandidOutAccount> {
    return account === null ? [] : [toCandidAccount(account)];
}

function toCandidOperation(op: Operation): CandidOperation {
    switch (op.kind) {
        case 'mint':
            return { Mint: { to: toCandidAccount(op.to), amount: op.amount } };
        case 'burn':
            return {
                Burn: { from: toCandidAccount(op.from), spender: optAccount(op.spender), amount: op.amount }
            };
        case 'transfer':
            return {
                Transfer: {
                    from: toCandidAccount(op.from),
                    to: toCandidAccount(op.to),
                    spender: optAccount(op.spender),
                    amount: op.amount,
                    fee: op.fee
                }
            };
        case 'approve':
            return {
                Approve: {
                    from: toCandidAccount(op.from),
                    spender: toCandidAccount(op.spender),
                    amount: op.amount,
                    expected_allowance: toOpt(op.expectedAllowance),
                    expires_at: toOpt(op.expiresAt),
                    fee: op.fee
                }
            };
    }
}
