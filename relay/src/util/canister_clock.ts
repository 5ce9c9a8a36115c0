import { errorMessage, type Logger } from './log.js';

/** How far canister time is ahead of this machine's clock; event times sent to the canister add it. */
export interface CanisterClock {
    offsetMs(): number;
    stop(): void;
}

export const ALIGNED_CLOCK: CanisterClock = { offsetMs: () => 0, stop: () => undefined };

/**
 * Development only: localnet's `GET /_/time` (`{ nowMs, wallClockMs }`), polled, so chat events keep
 * times the canister accepts after `POST /_/time/advance` moved canister time ahead. On the IC canister
 * time follows wall-clock time and this is not configured.
 */
export async function devCanisterClock(url: string, log: Logger, pollMs = 5000): Promise<CanisterClock> {
    let offset = 0;
    const refresh = async (): Promise<void> => {
        try {
            const r = await fetch(url, { signal: AbortSignal.timeout(3000) });
            const t = (await r.json()) as { nowMs?: unknown; wallClockMs?: unknown };
            if (typeof t.nowMs !== 'number' || typeof t.wallClockMs !== 'number') throw new Error('not a localnet time answer');
            if (Math.abs(t.nowMs - t.wallClockMs - offset) > 1000) log.info('canister clock offset', { offsetMs: t.nowMs - t.wallClockMs });
            offset = t.nowMs - t.wallClockMs;
        } catch (e) {
            log.warn('canister time unavailable', { url, error: errorMessage(e) });
        }
    };
    await refresh();
    const timer = setInterval(() => void refresh(), pollMs).unref();
    return { offsetMs: () => offset, stop: () => clearInterval(timer) };
}
