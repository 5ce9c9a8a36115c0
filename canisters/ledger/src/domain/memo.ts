import { ErrorCode, genericError, type GenericError } from './errors';

export const MAX_MEMO_LENGTH = 32;

export function checkMemo(memo: Uint8Array | null): GenericError | null {
    if (memo === null || memo.length <= MAX_MEMO_LENGTH) return null;
    return genericError(
        ErrorCode.memoTooLong,
        `memo is ${memo.length} bytes; the maximum is ${MAX_MEMO_LENGTH}`
    );
}
