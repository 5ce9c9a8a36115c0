// Rules shared by icrc1_transfer and icrc2_transfer_from: a movement is a mint, a burn or a transfer.
import { sameAccount } from './account';
import { checkTime, dedupKey } from './dedup';
import type { BadBurn, BadFee, InsufficientFunds, TransferError } from './errors';
import { checkMemo } from './memo';
import type {
    Account,
    BalanceChange,
    Effects,
    LedgerConfig,
    LedgerView,
    Operation
} from './types';

export type MovementKind = 'mint' | 'burn' | 'transfer';

export interface MovementRequest {
    readonly from: Account;
    readonly to: Account;
    /** Set for icrc2_transfer_from; part of the transaction's identity. */
    readonly spender: Account | null;
    readonly amount: bigint;
    readonly fee: bigint | null;
    readonly memo: Uint8Array | null;
    readonly createdAtTime: bigint | null;
}

/** A transfer to the minting account burns; one from it mints. Neither pays a fee. */
export function classify(config: LedgerConfig, from: Account, to: Account): MovementKind {
    if (sameAccount(to, config.mintingAccount)) return 'burn';
    if (sameAccount(from, config.mintingAccount)) return 'mint';
    return 'transfer';
}

export function expectedFee(config: LedgerConfig, kind: MovementKind): bigint {
    return kind === 'transfer' ? config.fee : 0n;
}

export function movementKey(req: MovementRequest): string {
    const { from, to, spender, amount, fee, memo, createdAtTime } = req;
    return dedupKey(['transfer', from, to, spender, amount, fee, memo, createdAtTime]);
}

/** Checks every rule that does not depend on balances or allowances. */
export function validateMovement(
    view: LedgerView,
    req: MovementRequest,
    now: bigint
): TransferError | null {
    const kind = classify(view.config, req.from, req.to);
    return (
        checkMemo(req.memo) ??
        checkFee(expectedFee(view.config, kind), req.fee) ??
        checkBurn(view.config, kind, req.amount) ??
        checkTime(view, req.createdAtTime, movementKey(req), now)
    );
}

export function checkFee(expected: bigint, given: bigint | null): BadFee | null {
    return given === null || given === expected ? null : { BadFee: { expected_fee: expected } };
}

function checkBurn(config: LedgerConfig, kind: MovementKind, amount: bigint): BadBurn | null {
    if (kind !== 'burn' || amount >= config.minBurnAmount) return null;
    return { BadBurn: { min_burn_amount: config.minBurnAmount } };
}

export function checkFunds(
    view: LedgerView,
    account: Account,
    needed: bigint
): InsufficientFunds | null {
    const balance = view.balanceOf(account);
    return balance >= needed ? null : { InsufficientFunds: { balance } };
}

export function movementOperation(
    req: MovementRequest,
    kind: MovementKind,
    fee: bigint
): Operation {
    const { from, to, spender, amount } = req;
    if (kind === 'mint') return { kind, to, amount };
    if (kind === 'burn') return { kind, from, spender, amount };
    return { kind, from, to, spender, amount, fee };
}

export function movementBalanceChanges(
    req: MovementRequest,
    kind: MovementKind,
    fee: bigint
): BalanceChange[] {
    const credit = { account: req.to, delta: req.amount };
    const debit = { account: req.from, delta: -(req.amount + fee) };
    if (kind === 'mint') return [credit];
    if (kind === 'burn') return [debit];
    return [debit, credit];
}

export function movementEffects(
    req: MovementRequest,
    kind: MovementKind,
    fee: bigint,
    allowanceChange: Effects['allowanceChange']
): Effects {
    return {
        operation: movementOperation(req, kind, fee),
        memo: req.memo,
        createdAtTime: req.createdAtTime,
        balanceChanges: movementBalanceChanges(req, kind, fee),
        allowanceChange,
        dedupKey: req.createdAtTime === null ? null : movementKey(req),
        requestedFee: req.fee
    };
}
