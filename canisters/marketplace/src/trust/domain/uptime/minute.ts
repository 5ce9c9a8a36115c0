/** One monitor's probe counts for one minute of one contract, and the majority across monitors. */
export interface Probe {
    up: number;
    down: number;
    latencyMs: number;
    /** Who controls the source (absent in records of the earlier layout: the platform's). */
    cls?: VoterClass;
}

/**
 * platform: the platform's reporters (Monitor role): their probes and notifiers; provider / tenant:
 * sources the provider or the tenant controls (declared monitors; push heartbeats come from the
 * tenant's server). See sources.ts.
 */
export type VoterClass = 'platform' | 'provider' | 'tenant';

export type Verdict = 'up' | 'down';
export type Merged = Verdict | 'tie' | 'none';

/** A monitor calls a minute up only when most of its probes succeeded (ties count as down, like Kuma's PENDING). */
export const verdictOf = (p: Probe): Verdict => (p.up > p.down ? 'up' : 'down');

export interface MinuteRecord {
    minute: number;
    probes: Record<string, Probe>;
}

export interface MinuteState {
    merged: Merged;
    disputed: boolean;
    minority: string[];
}

/** A vote key is `<principal>/<source>` for a platform reporter's sources, the principal for a declared monitor. */
const principalOf = (key: string): string => {
    const slash = key.indexOf('/');
    return slash < 0 ? key : key.slice(0, slash);
};
const isProber = (key: string): boolean => key.endsWith('/Probe') || key.endsWith('/probe');

/**
 * One principal, one vote: a platform reporter's vote for a minute is its own probes' verdict, else
 * down when any of its notifiers saw the minute down. Only platform reporters decide, by majority
 * (a tie decides nothing): a monitor the provider or the tenant declared, or a tenant's push
 * heartbeats, never decide a minute, so neither side can hide downtime or earn an SLA credit with
 * its own monitor. Disagreement of any voters is kept (disputed, outvoted).
 */
export function mergeMinute(probes: Record<string, Probe>): MinuteState {
    const probed: Record<string, Verdict> = {};
    const notified: Record<string, Verdict> = {};
    let ups = 0;
    let downs = 0;
    for (const key in probes) {
        const p = probes[key]!;
        const v = verdictOf(p);
        if (v === 'up') ups++;
        else downs++;
        if ((p.cls ?? 'platform') !== 'platform') continue;
        const who = principalOf(key);
        if (isProber(key)) probed[who] = v;
        else if (notified[who] !== 'down') notified[who] = v;
    }
    let pUps = 0;
    let pDowns = 0;
    for (const who of new Set([...Object.keys(probed), ...Object.keys(notified)])) {
        if ((probed[who] ?? notified[who]) === 'up') pUps++;
        else pDowns++;
    }
    const merged: Merged = pUps + pDowns === 0 ? 'none' : pUps > pDowns ? 'up' : pDowns > pUps ? 'down' : 'tie';
    const minority = merged === 'up' || merged === 'down' ? Object.keys(probes).filter((k) => verdictOf(probes[k]!) !== merged).sort() : [];
    return { merged, disputed: ups > 0 && downs > 0, minority };
}

/** Bucket counters: [up minutes, down minutes, tied minutes, disputed minutes]. */
export type MinuteCounts = [number, number, number, number];

export function countsOf(s: MinuteState): MinuteCounts {
    return [s.merged === 'up' ? 1 : 0, s.merged === 'down' ? 1 : 0, s.merged === 'tie' ? 1 : 0, s.disputed ? 1 : 0];
}

export function countsDelta(before: MinuteState, after: MinuteState): MinuteCounts {
    const b = countsOf(before);
    const a = countsOf(after);
    return [a[0] - b[0], a[1] - b[1], a[2] - b[2], a[3] - b[3]];
}

/** Change in each monitor's "outvoted" count when a minute's majority changes. */
export function minorityDelta(before: MinuteState, after: MinuteState): Record<string, number> {
    const delta: Record<string, number> = {};
    for (const m of before.minority) delta[m] = (delta[m] ?? 0) - 1;
    for (const m of after.minority) delta[m] = (delta[m] ?? 0) + 1;
    for (const m of Object.keys(delta)) if (delta[m] === 0) delete delta[m];
    return delta;
}
