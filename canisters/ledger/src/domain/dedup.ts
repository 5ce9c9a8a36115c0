import type { TimeError } from './errors';
import { toHex, accountKey } from './account';
import type { Account, LedgerView } from './types';

export const TX_WINDOW_NS = 24n * 60n * 60n * 1_000_000_000n;
export const PERMITTED_DRIFT_NS = 2n * 60n * 1_000_000_000n;

/** A deduplication key stays meaningful until its transaction can no longer be resubmitted. */
export function dedupExpiresAt(createdAtTime: bigint): bigint {
    return createdAtTime + TX_WINDOW_NS + PERMITTED_DRIFT_NS;
}

/**
 * ICRC-1 deduplication: only requests that set `created_at_time` are checked; they must fall in
 * [now - window - drift, now + drift] and must not repeat a transaction already in the log.
 */
export function checkTime(
    view: LedgerView,
    createdAtTime: bigint | null,
    dedupKey: string,
    now: bigint
): TimeError | null {
    if (createdAtTime === null) return null;
    if (dedupExpiresAt(createdAtTime) < now) return { TooOld: null };
    if (createdAtTime > now + PERMITTED_DRIFT_NS) return { CreatedInFuture: { ledger_time: now } };
    const duplicateOf = view.duplicateOf(dedupKey);
    return duplicateOf === undefined ? null : { Duplicate: { duplicate_of: duplicateOf } };
}

type KeyPart = Account | bigint | Uint8Array | string | null;

/** Canonical text of a request: equal keys mean identical transactions. */
export function dedupKey(parts: readonly KeyPart[]): string {
    return JSON.stringify(parts.map(keyPart));
}

function keyPart(part: KeyPart): string | null {
    if (part === null || typeof part === 'string') return part;
    if (typeof part === 'bigint') return part.toString();
    if (part instanceof Uint8Array) return toHex(part);
    return accountKey(part);
}
