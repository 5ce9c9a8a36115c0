import type { TransferError } from './errors';
import {
    checkFunds,
    classify,
    expectedFee,
    movementEffects,
    validateMovement,
    type MovementRequest
} from './movement';
import type { Account, Effects, LedgerView, Result } from './types';

export interface TransferRequest {
    readonly from: Account;
    readonly to: Account;
    readonly amount: bigint;
    readonly fee: bigint | null;
    readonly memo: Uint8Array | null;
    readonly createdAtTime: bigint | null;
}

/** icrc1_transfer: checks the request and, when valid, returns what it changes. */
export function planTransfer(
    view: LedgerView,
    request: TransferRequest,
    now: bigint
): Result<Effects, TransferError> {
    const req: MovementRequest = { ...request, spender: null };
    const invalid = validateMovement(view, req, now);
    if (invalid !== null) return { Err: invalid };
    const kind = classify(view.config, req.from, req.to);
    const fee = expectedFee(view.config, kind);
    if (kind !== 'mint') {
        const insufficient = checkFunds(view, req.from, req.amount + fee);
        if (insufficient !== null) return { Err: insufficient };
    }
    return { Ok: movementEffects(req, kind, fee, null) };
}
