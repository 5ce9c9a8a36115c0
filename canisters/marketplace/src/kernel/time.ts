// The one time unit of the canister: nanoseconds since the epoch as bigint (what ic0.time gives).
// Modules that think in seconds convert at their edge with these.
export type Nanos = bigint;
/** The message's time (ic0 time in the canister, a variable in tests). */
export type Clock = () => Nanos;
export const NS_PER_SECOND = 1_000_000_000n;
export const NS_PER_MINUTE = 60n * NS_PER_SECOND;
export const NS_PER_HOUR = 60n * NS_PER_MINUTE;
export const NS_PER_DAY = 24n * NS_PER_HOUR;
export const seconds = (s: number | bigint): Nanos => BigInt(s) * NS_PER_SECOND;
export const toSeconds = (ns: Nanos): number => Number(ns / NS_PER_SECOND);
