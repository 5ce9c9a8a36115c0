import { ErrorCode, genericError, type GenericError } from './errors';
import type { Account, Result } from './types';

export const SUBACCOUNT_LENGTH = 32;

/** Validates a subaccount and normalises the default (all-zero) one to null. */
export function makeAccount(
    owner: string,
    subaccount: Uint8Array | null
): Result<Account, GenericError> {
    if (subaccount === null) return { Ok: { owner, subaccount: null } };
    if (subaccount.length !== SUBACCOUNT_LENGTH) {
        return {
            Err: genericError(
                ErrorCode.invalidAccount,
                `subaccount must be ${SUBACCOUNT_LENGTH} bytes, got ${subaccount.length}`
            )
        };
    }
    const isDefault = subaccount.every((byte) => byte === 0);
    return { Ok: { owner, subaccount: isDefault ? null : Uint8Array.from(subaccount) } };
}

/** A stable, unique text key for storage maps. */
export function accountKey(account: Account): string {
    return account.subaccount === null ? account.owner : `${account.owner}.${toHex(account.subaccount)}`;
}

export function sameAccount(a: Account, b: Account): boolean {
    return accountKey(a) === accountKey(b);
}

export function toHex(bytes: Uint8Array): string {
    return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}
