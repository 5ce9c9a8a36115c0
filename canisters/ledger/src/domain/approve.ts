import { effectiveAllowance } from './allowance';
import { checkTime, dedupKey } from './dedup';
import {
    ErrorCode,
    genericError,
    type AllowanceChanged,
    type ApproveError,
    type Expired,
    type GenericError
} from './errors';
import { checkMemo } from './memo';
import { checkFee, checkFunds } from './movement';
import { sameAccount } from './account';
import type { Account, Effects, LedgerView, Result } from './types';

export interface ApproveRequest {
    readonly from: Account;
    readonly spender: Account;
    readonly amount: bigint;
    readonly expectedAllowance: bigint | null;
    readonly expiresAt: bigint | null;
    readonly fee: bigint | null;
    readonly memo: Uint8Array | null;
    readonly createdAtTime: bigint | null;
}

/** icrc2_approve: sets (not adds to) the allowance; the approver pays the fee. */
export function planApprove(
    view: LedgerView,
    req: ApproveRequest,
    now: bigint
): Result<Effects, ApproveError> {
    const key = approveKey(req);
    const refused =
        checkMemo(req.memo) ??
        checkParties(view, req) ??
        checkFee(view.config.fee, req.fee) ??
        checkTime(view, req.createdAtTime, key, now) ??
        checkFunds(view, req.from, view.config.fee) ??
        checkExpiry(req.expiresAt, now) ??
        checkExpected(view, req, now);
    if (refused !== null) return { Err: refused };
    return { Ok: approveEffects(view, req, key) };
}

function approveKey(req: ApproveRequest): string {
    const { from, spender, amount, expectedAllowance, expiresAt, fee, memo, createdAtTime } = req;
    return dedupKey(['approve', from, spender, amount, expectedAllowance, expiresAt, fee, memo, createdAtTime]);
}

function checkParties(view: LedgerView, req: ApproveRequest): GenericError | null {
    if (sameAccount(req.from, view.config.mintingAccount)) {
        return genericError(ErrorCode.minterCannotApprove, 'the minting account cannot approve');
    }
    if (req.from.owner === req.spender.owner) {
        return genericError(ErrorCode.selfApproval, 'self approval is not allowed');
    }
    return null;
}

function checkExpiry(expiresAt: bigint | null, now: bigint): Expired | null {
    return expiresAt !== null && expiresAt <= now ? { Expired: { ledger_time: now } } : null;
}

function checkExpected(view: LedgerView, req: ApproveRequest, now: bigint): AllowanceChanged | null {
    if (req.expectedAllowance === null) return null;
    const current = effectiveAllowance(view.allowance(req.from, req.spender), now);
    return current === req.expectedAllowance ? null : { AllowanceChanged: { current_allowance: current } };
}

function approveEffects(view: LedgerView, req: ApproveRequest, key: string): Effects {
    const { from, spender, amount, expectedAllowance, expiresAt, memo, createdAtTime } = req;
    const fee = view.config.fee;
    return {
        operation: { kind: 'approve', from, spender, amount, expectedAllowance, expiresAt, fee },
        memo,
        createdAtTime,
        balanceChanges: [{ account: from, delta: -fee }],
        allowanceChange: {
            from,
            spender,
            allowance: amount === 0n ? null : { amount, expiresAt }
        },
        dedupKey: createdAtTime === null ? null : key,
        requestedFee: req.fee
    };
}
