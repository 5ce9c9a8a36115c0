// Numbers in words and units for the breakdown (no raw floats, no ids).
import { DAY, HOUR, MINUTE } from '../time';

export const pct = (x: number, digits = 0): string => `${(x * 100).toFixed(digits)}%`;
export const bpsPct = (bps: number): string => `${(bps / 100).toFixed(2)}%`;

export function duration(seconds: number): string {
    if (seconds < HOUR) return `${Math.round(seconds / MINUTE)} min`;
    if (seconds < 48 * HOUR) return `${(seconds / HOUR).toFixed(1)} h`;
    return `${(seconds / DAY).toFixed(1)} days`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
/** Paid service months in words; under a month in days (30 days = 1 month). */
export const months = (m: number): string => (m < 1 ? `${(m * 30).toFixed(1)} days` : `${m.toFixed(1)} ${m === 1 ? 'month' : 'months'}`);
