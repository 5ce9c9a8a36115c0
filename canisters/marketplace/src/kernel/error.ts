// The one error type of the canister (market and trust), Candid-shaped so that a domain error is its
// own reply: a named case with its context. `index` is the position of the batch item at fault.
import { IDL } from '@dfinity/candid';

type Index = { index?: [] | [number] };

export type CanisterError =
    | { NotFound: { what: string; id: string } }
    | { Unauthorized: { action: string; reason: string } }
    | { InvalidInput: { field: string; reason: string } & Index }
    | { InvalidTransition: { from: string; to: string; actor: string } }
    | { InvalidState: { status: string; operation: string } }
    | { AlreadyExists: { what: string; id: string } }
    | { OutOfStock: { offeringId: bigint; stock: number } }
    | { UnknownToken: { token: string } }
    | { PaymentAlreadyCredited: { paymentId: string; contractId: bigint } }
    | { Underpaid: { due: bigint; paid: bigint } }
    | { NothingDue: { contractId: bigint } }
    | { FundingInProgress: { contractId: bigint } }
    | { InsufficientLedgerBalance: { balance: bigint; required: bigint } }
    | { InsufficientBalance: { available: bigint; requested: bigint } }
    | { AmountBelowFee: { amount: bigint; fee: bigint } }
    | { LedgerError: { operation: string; message: string } }
    | { TransferInFlight: { transferId: bigint; reason: string } }
    | { QuotaExceeded: { what: string; limit: number } }
    | { Inconsistent: { reason: string } & Index }
    | { NotEligible: { reason: string } }
    | { AlreadyAnswered: { contractId: bigint } }
    | { NotAssigned: { contractId: bigint; monitor: string } };

const Index = IDL.Opt(IDL.Nat32);

export const CanisterErrorIdl = IDL.Variant({
    NotFound: IDL.Record({ what: IDL.Text, id: IDL.Text }),
    Unauthorized: IDL.Record({ action: IDL.Text, reason: IDL.Text }),
    InvalidInput: IDL.Record({ field: IDL.Text, reason: IDL.Text, index: Index }),
    InvalidTransition: IDL.Record({ from: IDL.Text, to: IDL.Text, actor: IDL.Text }),
    InvalidState: IDL.Record({ status: IDL.Text, operation: IDL.Text }),
    AlreadyExists: IDL.Record({ what: IDL.Text, id: IDL.Text }),
    OutOfStock: IDL.Record({ offeringId: IDL.Nat64, stock: IDL.Nat32 }),
    UnknownToken: IDL.Record({ token: IDL.Text }),
    PaymentAlreadyCredited: IDL.Record({ paymentId: IDL.Text, contractId: IDL.Nat64 }),
    Underpaid: IDL.Record({ due: IDL.Nat, paid: IDL.Nat }),
    NothingDue: IDL.Record({ contractId: IDL.Nat64 }),
    FundingInProgress: IDL.Record({ contractId: IDL.Nat64 }),
    InsufficientLedgerBalance: IDL.Record({ balance: IDL.Nat, required: IDL.Nat }),
    InsufficientBalance: IDL.Record({ available: IDL.Nat, requested: IDL.Nat }),
    AmountBelowFee: IDL.Record({ amount: IDL.Nat, fee: IDL.Nat }),
    LedgerError: IDL.Record({ operation: IDL.Text, message: IDL.Text }),
    TransferInFlight: IDL.Record({ transferId: IDL.Nat64, reason: IDL.Text }),
    QuotaExceeded: IDL.Record({ what: IDL.Text, limit: IDL.Nat32 }),
    Inconsistent: IDL.Record({ reason: IDL.Text, index: Index }),
    NotEligible: IDL.Record({ reason: IDL.Text }),
    AlreadyAnswered: IDL.Record({ contractId: IDL.Nat64 }),
    NotAssigned: IDL.Record({ contractId: IDL.Nat64, monitor: IDL.Text })
});

/** The reply type of a method that may fail. */
export const ResultIdl = (ok: IDL.Type) => IDL.Variant({ Ok: ok, Err: CanisterErrorIdl });

const at = (index?: number): Index => (index === undefined ? {} : { index: [index] });

/** The InvalidInput case as a value, for validators that answer an error or null. */
export const invalidInput = (field: string, reason: string, index?: number): CanisterError => ({ InvalidInput: { field, reason, ...at(index) } });

// The refusals every module gives, as the `Err` of a Result.
export const invalid = (field: string, reason: string, index?: number): { Err: CanisterError } => ({ Err: invalidInput(field, reason, index) });
export const inconsistent = (reason: string, index?: number): { Err: CanisterError } => ({ Err: { Inconsistent: { reason, ...at(index) } } });
export const unauthorized = (action: string, reason: string): { Err: CanisterError } => ({ Err: { Unauthorized: { action, reason } } });
export const notFound = (what: string, id: string | bigint): { Err: CanisterError } => ({ Err: { NotFound: { what, id: String(id) } } });
export const notEligible = (reason: string): { Err: CanisterError } => ({ Err: { NotEligible: { reason } } });

/** Tags an error with the position of the batch item that produced it. */
export function atIndex(e: CanisterError, index: number): CanisterError {
    if ('InvalidInput' in e) return { InvalidInput: { ...e.InvalidInput, index: [index] } };
    if ('Inconsistent' in e) return { Inconsistent: { ...e.Inconsistent, index: [index] } };
    return e;
}

/** The case name of an error (for logs and tests). */
export const errorCase = (e: CanisterError): string => Object.keys(e)[0]!;

/** One line for stored notes and logs: the case and its context. */
export function describeError(e: CanisterError): string {
    const [name, body] = Object.entries(e)[0]!;
    return `${name} ${JSON.stringify(body, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
}
