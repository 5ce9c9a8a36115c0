/** Domain time is unix seconds (number); the canister edge converts from nanoseconds. */
export const MINUTE = 60;
export const HOUR = 3600;
export const DAY = 86_400;

export const floorTo = (t: number, unit: number): number => Math.floor(t / unit) * unit;
