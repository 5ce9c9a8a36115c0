/**
 * `unavailable`: the call may not have happened (network, IC reject codes 2/3, timeouts) — retry.
 * `rejected`: the canister answered with an `Err` or trapped on this input — do not retry.
 */
export type GatewayErrorKind = 'unavailable' | 'rejected';

export class GatewayError extends Error {
    override readonly name = 'GatewayError';
    constructor(
        readonly kind: GatewayErrorKind,
        message: string,
        /** The Candid `Err` variant name when the canister answered with one. */
        readonly variant?: string
    ) {
        super(message);
    }
}

export function isPermanent(e: unknown): boolean {
    return e instanceof GatewayError && e.kind === 'rejected';
}
