import type { Allowance } from './types';

export function isExpired(allowance: Allowance, now: bigint): boolean {
    return allowance.expiresAt !== null && allowance.expiresAt <= now;
}

/** What the spender may still use: zero when absent or expired. */
export function effectiveAllowance(allowance: Allowance | undefined, now: bigint): bigint {
    if (allowance === undefined || isExpired(allowance, now)) return 0n;
    return allowance.amount;
}

/** The allowance left after `used` is spent; null removes it. */
export function spendAllowance(allowance: Allowance, used: bigint): Allowance | null {
    const amount = allowance.amount - used;
    return amount === 0n ? null : { amount, expiresAt: allowance.expiresAt };
}
