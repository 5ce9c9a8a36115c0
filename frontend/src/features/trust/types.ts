import type { OfferingClaim } from '@declarations/marketplace';

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
    /** What this line adds to the score shown (the lines sum to the score). */
    points: number;
    /** The rule's own points before the evidence weight. */
    rulePoints: number;
    /** "−12: 97.50% uptime in 30 days on Small VPS against its 99.95% target, 6 incidents …" */
    text: string;
    /** Inputs the rule read, for the "why" explanation. */
    inputs: [string, string][];
}

/** One offering's 30-day uptime against its own target. */
export interface OfferingUptime {
    offeringId: bigint;
    name: string;
    /** Ratio 0–1. */
    target: number;
    uptime: number | undefined;
    downMinutes: number;
    incidents: number;
}

export interface UptimeDay {
    /** Start of the day, ns. */
    day: bigint;
    /** Ratio 0–1, or undefined when nothing was observed. */
    uptime: number | undefined;
}

export type ClaimCheck = OfferingClaim;

export interface TrustProfile {
    provider: string;
    score: number;
    /** Sorting key: the score's lower confidence bound. */
    rank: number;
    /** Paid service months (each tenant capped) the score rests on. */
    evidence: number | undefined;
    /** "4.2 months of paid service from 3 tenants, 1 failed paid contract". */
    evidenceText: string;
    payers: number;
    /** What the score rests on: "9 tenants, 7 with history elsewhere, 21.2 days of measured service in 30 days". */
    restsOn: string;
    /** Tenants with history elsewhere, and days the platform measured the service up (30 days). */
    independentTenants: number;
    measuredDays: number;
    /** Per offering, against its own target (one service target per offering). */
    offeringUptime: OfferingUptime[];
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
    /** Paid contracts only: unpaid requests are no evidence. */
    contracts: { completed: number; cancelled: number; rejected: number; running: number; repeatCustomers: number; provisioned: number };
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

/** Words for the standing: never "good" while a flag is raised, never more than "new" without evidence. */
export function standing(t: Pick<TrustProfile, 'score' | 'flags' | 'evidence'>): string {
    if (t.flags.some((f) => f.critical)) return 'Critical flags raised';
    if ((t.evidence ?? 0) === 0) return 'New: no paid service yet';
    if (t.flags.length > 0) return 'Some concerns';
    const tone = trustTone(t.score);
    return tone === 'good' ? 'Good standing' : tone === 'warn' ? 'Some concerns' : 'Low trust';
}
