export type Result<T, E = TrustError> = { ok: true; value: T } | { ok: false; error: E };

export type TrustError =
    | { kind: 'Unauthorized'; reason: string }
    | { kind: 'NotFound'; what: string; id: string }
    | { kind: 'InvalidInput'; field: string; reason: string; index?: number }
    | { kind: 'Inconsistent'; reason: string; index?: number }
    | { kind: 'NotEligible'; reason: string }
    | { kind: 'AlreadyAnswered'; contractId: string }
    | { kind: 'NotAssigned'; contractId: string; monitor: string };

export const ok = <T>(value: T): Result<T, never> => ({ ok: true, value });
export const err = <E = TrustError>(error: E): Result<never, E> => ({ ok: false, error });

export function invalid(field: string, reason: string, index?: number): Result<never> {
    return err(index === undefined ? { kind: 'InvalidInput', field, reason } : { kind: 'InvalidInput', field, reason, index });
}

export function inconsistent(reason: string, index?: number): Result<never> {
    return err(index === undefined ? { kind: 'Inconsistent', reason } : { kind: 'Inconsistent', reason, index });
}

/** Tags an error with the position of the batch item that produced it. */
export function atIndex(error: TrustError, index: number): TrustError {
    return error.kind === 'InvalidInput' || error.kind === 'Inconsistent' ? { ...error, index } : error;
}

export function describeError(e: TrustError): string {
    const at = 'index' in e && e.index !== undefined ? ` (item ${e.index})` : '';
    switch (e.kind) {
        case 'Unauthorized':
            return `unauthorized: ${e.reason}`;
        case 'NotFound':
            return `${e.what} ${e.id} not found`;
        case 'InvalidInput':
            return `invalid ${e.field}: ${e.reason}${at}`;
        case 'Inconsistent':
            return `inconsistent: ${e.reason}${at}`;
        case 'NotEligible':
            return `not eligible: ${e.reason}`;
        case 'AlreadyAnswered':
            return `feedback for contract ${e.contractId} already given`;
        case 'NotAssigned':
            return `monitor ${e.monitor} is not assigned to contract ${e.contractId}`;
    }
}
