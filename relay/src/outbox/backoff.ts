/** Capped exponential backoff with up to 20% jitter: base·2^(attempt−1), never above cap. */
export function backoffMs(attempt: number, baseMs: number, capMs: number, random: () => number = Math.random): number {
    const exp = Math.min(capMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
    return Math.round(exp * (1 - 0.2 * random()));
}
