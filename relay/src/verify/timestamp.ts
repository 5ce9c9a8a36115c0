import { VerificationError } from './errors.js';

/** Checks a unix-seconds timestamp against now (ms) with a symmetric tolerance in seconds. */
export function checkTimestamp(raw: string, nowMs: number, toleranceSec: number): number {
    if (!/^\d{1,12}$/.test(raw)) throw new VerificationError('malformed_header', 'timestamp is not unix seconds');
    const ts = Number(raw);
    const skew = nowMs / 1000 - ts;
    if (skew > toleranceSec) throw new VerificationError('stale_timestamp', `timestamp is ${Math.round(skew)} s old`);
    if (skew < -toleranceSec) throw new VerificationError('future_timestamp', `timestamp is ${Math.round(-skew)} s in the future`);
    return ts;
}
