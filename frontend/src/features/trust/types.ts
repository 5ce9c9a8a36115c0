/** UI model of a provider's trust record (mapped from the marketplace's trust queries). */
export interface TrustFlag {
    code: string;
    message: string;
    critical: boolean;
    since: bigint | undefined;
}

export interface TrustRule {
    rule: string;
    label: string;
    points: number;
    /** Inputs the rule read, for the "why" explanation. */
    inputs: [string, string][];
}

export interface UptimeDay {
    /** Start of the day, ns. */
    day: bigint;
    /** Ratio 0–1, or undefined when nothing was observed. */
    uptime: number | undefined;
}

export interface ClaimCheck {
    metric: string;
    claimed: number;
    measured: number;
    deltaPct: number;
    ok: boolean;
}

export interface TrustProfile {
    provider: string;
    score: number;
    /** How many contracts the score rests on. */
    evidence: number | undefined;
    flags: TrustFlag[];
    rules: TrustRule[];
    uptime30d: number | undefined;
    uptimeTarget: number | undefined;
    uptimeDays: UptimeDay[];
    /** Uptime over the last 24 h, 7 d and 30 d (ratios), when observed. */
    uptimeWindows: { label: string; uptime: number | undefined; downMinutes: number }[];
    incidents: number | undefined;
    firstResponseMedianSecs: number | undefined;
    firstResponseP90Secs: number | undefined;
    responseSamples: number;
    slaBreaches: number;
    silentSince: bigint | undefined;
    feedback: { matchedYes: number; matchedNo: number; againYes: number; againNo: number };
    contracts: { completed: number; cancelled: number; rejected: number; running: number; repeatCustomers: number };
    claims: ClaimCheck[];
    /** Price versus market per offering of this provider. */
    offeringMarkets: { offeringId: bigint; position: MarketPosition; claims: ClaimCheck[] }[];
}

/** Per-offering market comparison. */
export interface MarketPosition {
    deltaPct: number | undefined;
    comparables: number;
    label: string;
    anomaly: 'too_cheap' | 'too_expensive' | undefined;
}

export const LOW_TRUST = 50;

/** Reasons to warn before checkout; undefined when none. */
export function checkoutWarning(t: Pick<TrustProfile, 'score' | 'flags'> | undefined): string[] | undefined {
    if (t === undefined) return undefined;
    const reasons: string[] = [];
    if (t.score < LOW_TRUST) reasons.push(`The provider's trust score is ${t.score}/100 (below ${LOW_TRUST}).`);
    for (const f of t.flags) if (f.critical) reasons.push(f.message);
    return reasons.length > 0 ? reasons : undefined;
}

export function trustTone(score: number): 'good' | 'warn' | 'bad' {
    return score >= 75 ? 'good' : score >= LOW_TRUST ? 'warn' : 'bad';
}
