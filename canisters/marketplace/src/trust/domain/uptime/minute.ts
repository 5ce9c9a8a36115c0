/** One monitor's probe counts for one minute of one contract, and the majority across monitors. */
export interface Probe {
    up: number;
    down: number;
    latencyMs: number;
    /** Who controls the source (absent in records of the earlier layout: the platform's). */
    cls?: VoterClass;
}

/**
 * platform: the platform's own prober and monitors (Monitor role); provider / tenant: sources the
 * provider or the tenant controls (declared monitors; push heartbeats come from the tenant's server).
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

/**
 * Every source is its own vote. The minute's counted verdict is the platform's majority when the
 * platform voted, else the provider-side majority; tenant-side sources alone never decide (a
 * tenant controls its server and could fake downtime for SLA credits, or uptime to hide it).
 * Disagreement of any voters is kept (disputed, outvoted).
 */
export function mergeMinute(probes: Record<string, Probe>): MinuteState {
    const verdicts = Object.entries(probes).map(([m, p]) => [m, verdictOf(p), p.cls ?? 'platform'] as const);
    const decide = (cls: VoterClass): Merged | null => {
        const vs = verdicts.filter(([, , c]) => c === cls);
        if (vs.length === 0) return null;
        const ups = vs.filter(([, v]) => v === 'up').length;
        const downs = vs.length - ups;
        return ups > downs ? 'up' : downs > ups ? 'down' : 'tie';
    };
    const merged: Merged = decide('platform') ?? decide('provider') ?? 'none';
    const ups = verdicts.filter(([, v]) => v === 'up').length;
    const downs = verdicts.length - ups;
    const minority =
        merged === 'up' || merged === 'down'
            ? verdicts.filter(([, v]) => v !== merged).map(([m]) => m).sort()
            : [];
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
