// Test-only fault injection: the next `remaining` calls of a method misbehave on purpose.

export const FAULT_METHODS = ['icrc1_transfer', 'icrc2_approve', 'icrc2_transfer_from'] as const;
export type FaultMethod = (typeof FAULT_METHODS)[number];

export type FaultKind =
    | { TemporarilyUnavailable: null }
    | { GenericError: { message: string; error_code: bigint } }
    /** The call traps before doing anything: the caller sees a reject, nothing is applied. */
    | { Trap: null }
    /** The call is applied and committed, then the caller sees a reject instead of the reply. */
    | { ReplyLost: null };

export interface ArmedFault {
    readonly kind: FaultKind;
    readonly remaining: number;
}

/** Consumes one use of an armed fault; `rest` is what stays armed (null: disarm). */
export function takeFault(
    armed: ArmedFault | undefined
): { fault: FaultKind; rest: ArmedFault | null } | null {
    if (armed === undefined || armed.remaining <= 0) return null;
    const remaining = armed.remaining - 1;
    return { fault: armed.kind, rest: remaining === 0 ? null : { kind: armed.kind, remaining } };
}

/** The error a fault turns into, when it is one the method can return. */
export function faultError(
    fault: FaultKind
): { TemporarilyUnavailable: null } | { GenericError: { message: string; error_code: bigint } } | null {
    if ('TemporarilyUnavailable' in fault) return fault;
    if ('GenericError' in fault) return fault;
    return null;
}
