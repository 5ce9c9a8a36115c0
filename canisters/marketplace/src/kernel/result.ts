// The one result shape of every module (Candid `variant { Ok : T; Err : E }`).
import type { CanisterError } from './error';

export type Result<T, E = CanisterError> = { Ok: T } | { Err: E };
export const ok = <T>(value: T): { Ok: T } => ({ Ok: value });
export const err = <E>(error: E): { Err: E } => ({ Err: error });
export function isOk<T, E>(r: Result<T, E>): r is { Ok: T } {
    return 'Ok' in r;
}
