import { sameAccount } from './account';
import { effectiveAllowance, spendAllowance } from './allowance';
import {
    ErrorCode,
    genericError,
    type InsufficientAllowance,
    type TransferFromError
} from './errors';
import {
    checkFunds,
    classify,
    expectedFee,
    movementEffects,
    validateMovement,
    type MovementRequest
} from './movement';
import type { Account, Effects, LedgerView, Result } from './types';

export interface TransferFromRequest {
    readonly spender: Account;
    readonly from: Account;
    readonly to: Account;
    readonly amount: bigint;
    readonly fee: bigint | null;
    readonly memo: Uint8Array | null;
    readonly createdAtTime: bigint | null;
}

/**
 * icrc2_transfer_from: the spender moves `amount` out of `from`, using up `amount + fee` of its
 * allowance. A spender acting on its own account needs no allowance.
 */
export function planTransferFrom(
    view: LedgerView,
    req: TransferFromRequest,
    now: bigint
): Result<Effects, TransferFromError> {
    if (sameAccount(req.from, view.config.mintingAccount)) {
        return {
            Err: genericError(ErrorCode.minterCannotDelegate, 'the minting account cannot delegate mints')
        };
    }
    const invalid = validateMovement(view, req, now);
    if (invalid !== null) return { Err: invalid };
    const kind = classify(view.config, req.from, req.to);
    const fee = expectedFee(view.config, kind);
    const used = req.amount + fee;
    const delegated = !sameAccount(req.spender, req.from);
    const refused =
        (delegated ? checkAllowance(view, req, used, now) : null) ??
        checkFunds(view, req.from, used);
    if (refused !== null) return { Err: refused };
    const allowanceChange = delegated ? spentAllowance(view, req, used) : null;
    return { Ok: movementEffects(req, kind, fee, allowanceChange) };
}

function checkAllowance(
    view: LedgerView,
    req: MovementRequest & { spender: Account },
    used: bigint,
    now: bigint
): InsufficientAllowance | null {
    const allowance = effectiveAllowance(view.allowance(req.from, req.spender), now);
    return allowance >= used ? null : { InsufficientAllowance: { allowance } };
}

function spentAllowance(
    view: LedgerView,
    req: TransferFromRequest,
    used: bigint
): Effects['allowanceChange'] {
    const current = view.allowance(req.from, req.spender);
    if (current === undefined) throw new Error('allowance checked but missing');
    return { from: req.from, spender: req.spender, allowance: spendAllowance(current, used) };
}
