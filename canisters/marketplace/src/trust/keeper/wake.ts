// Time-raised changes reach the certified summary: flags that time alone raises (silent, ghost_risk,
// stuck requests) are recomputed at their deadline by the canister's timer, not at the provider's
// next event. Each provider has at most one entry in a due index ordered by time (`wakeAt`); a run
// wakes a bounded batch of the earliest due providers, whose next deadline replaces their entry.
import type { SortedKeys } from '../../kernel/kv';
import { STUCK_AFTER } from '../domain/contract_records';
import { SCORE } from '../domain/score/constants';
import { nextDeadline } from '../domain/silence';
import type { ProviderTrust } from './state';

/** Providers woken by one timer run: each is a score and a certified summary (≈ 10–30 M instructions). */
export const WAKE_BATCH = 20;

const AT_WIDTH = 12;
/** Principal texts are at most 63 characters: fixed-width keys keep the stable map's order by time. */
const PROVIDER_WIDTH = 64;

export const wakeKey = (at: number, provider: string): string => `${String(at).padStart(AT_WIDTH, '0')}|${provider.padEnd(PROVIDER_WIDTH, ' ')}`;

export function parseWakeKey(k: string): { at: number; provider: string } {
    return { at: Number(k.slice(0, AT_WIDTH)), provider: k.slice(AT_WIDTH + 1).trimEnd() };
}

const later = (now: number, candidates: (number | null)[]): number | null => {
    let next: number | null = null;
    for (const c of candidates) if (c !== null && c > now && (next === null || c < next)) next = c;
    return next;
};

/** The first instant after `now` at which time alone changes the provider's flags, or null. */
export function nextWake(p: ProviderTrust, now: number): number | null {
    const c = p.contracts;
    const last = Math.max(c.lastActivityAt ?? 0, p.responsiveness.lastReplyAt ?? 0);
    const ghost = c.running > 0 && last > 0 ? last + SCORE.ghost.after + 1 : null;
    const stuck = Object.values(c.open).map((o) => o.since + STUCK_AFTER + 1);
    return later(now, [nextDeadline(p.waits, now), ghost, ...stuck]);
}

/** The due index's change when a provider record is rewritten: [key to remove, key to add]. */
export function wakeChange(old: ProviderTrust | undefined, next: ProviderTrust): [string | null, string | null] {
    const before = old?.wakeAt ?? null;
    const after = next.wakeAt ?? null;
    if (before === after) return [null, null];
    return [before === null ? null : wakeKey(before, next.provider), after === null ? null : wakeKey(after, next.provider)];
}

/** Up to `max` entries due at or before `now`, earliest first. */
export function dueWakes(index: SortedKeys, now: number, max: number): { key: string; at: number; provider: string }[] {
    return index
        .first(max)
        .map((key) => ({ key, ...parseWakeKey(key) }))
        .filter((w) => w.at <= now);
}

/** An in-memory due index (tests, and the keeper outside a canister). */
export function memoryWakeIndex(): SortedKeys {
    let keys: string[] = [];
    return {
        add: (k) => void (keys.includes(k) ? null : (keys = [...keys, k].sort())),
        remove: (k) => void (keys = keys.filter((x) => x !== k)),
        first: (n) => keys.slice(0, n),
        size: () => keys.length
    };
}
