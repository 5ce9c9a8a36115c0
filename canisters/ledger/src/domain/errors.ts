// Error shapes are the ICRC-1/ICRC-2 variants themselves, so the canister returns them unchanged.

export type GenericError = { GenericError: { message: string; error_code: bigint } };
export type TemporarilyUnavailable = { TemporarilyUnavailable: null };
export type BadFee = { BadFee: { expected_fee: bigint } };
export type BadBurn = { BadBurn: { min_burn_amount: bigint } };
export type Duplicate = { Duplicate: { duplicate_of: bigint } };
export type TooOld = { TooOld: null };
export type CreatedInFuture = { CreatedInFuture: { ledger_time: bigint } };
export type InsufficientFunds = { InsufficientFunds: { balance: bigint } };
export type InsufficientAllowance = { InsufficientAllowance: { allowance: bigint } };
export type AllowanceChanged = { AllowanceChanged: { current_allowance: bigint } };
export type Expired = { Expired: { ledger_time: bigint } };

export type TimeError = TooOld | CreatedInFuture | Duplicate;

export type TransferError =
    | GenericError
    | TemporarilyUnavailable
    | BadFee
    | BadBurn
    | TimeError
    | InsufficientFunds;

export type TransferFromError = TransferError | InsufficientAllowance;

export type ApproveError =
    | GenericError
    | TemporarilyUnavailable
    | BadFee
    | TimeError
    | InsufficientFunds
    | AllowanceChanged
    | Expired;

/** `error_code` values of the GenericErrors this ledger returns. */
export const ErrorCode = {
    invalidAccount: 1n,
    memoTooLong: 2n,
    selfApproval: 3n,
    minterCannotApprove: 4n,
    minterCannotDelegate: 5n
} as const;

export function genericError(error_code: bigint, message: string): GenericError {
    return { GenericError: { message, error_code } };
}
