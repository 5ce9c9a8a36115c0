import { paidFailures } from '../evidence';
import { clamp, evidenceWeight } from '../stats';
import { SCORE as S } from './constants';
import { failureBase, REFERENCE_RULES } from './rules';
import { SIGNAL_RULES } from './signal_rules';
import type { BreakdownLine, RuleResult, ScoreBreakdown, ScoreInput } from './types';
import { months, plural } from './words';

/**
 * Positive evidence: credited paid service months, within the breadth the platform can vouch for:
 * `perIndependent` months per tenant with history elsewhere in full (plus one: `evidence.breadth`),
 * `perMeasuredDay` per day of service the platform measured up in the last 30 days. Sybils and
 * unmeasured time cannot buy it; history elsewhere buys it at 2 months paid to others a tenant.
 */
export function positiveMonths(i: Pick<ScoreInput, 'evidence' | 'measuredDays'>): number {
    const b = S.breadth;
    const breadth = i.evidence.breadth;
    const linear = Math.max(0, Math.min(i.evidence.months, b.perIndependent * (breadth + 1), b.perMeasuredDay * i.measuredDays));
    // A sum of reaches can land just under a whole number.
    const broad = breadth + 1e-9 >= b.minIndependent && i.measuredDays >= b.minMeasuredDays;
    return broad ? linear : Math.min(linear, b.narrowCap);
}

/** Evidence units the score rests on: positive months plus provider-caused failures. */
export function evidenceUnits(i: ScoreInput): number {
    return positiveMonths(i) + paidFailures(i.contracts, i.contracts) * S.failureEvidence;
}

/** What the score rests on: "9 tenants, 7 with history elsewhere (worth 5.5 in full), 21.0 days of measured service". */
export function restsOn(i: Pick<ScoreInput, 'evidence' | 'measuredDays'>): string {
    const e = i.evidence;
    const worth = e.independent > 0 && e.breadth < e.independent - 0.05 ? ` (worth ${e.breadth.toFixed(1)} in full)` : '';
    return `${plural(e.payers, 'tenant')}, ${e.independent} with history elsewhere${worth}, ${i.measuredDays.toFixed(1)} days of measured service in 30 days`;
}

export function evidenceText(i: ScoreInput): string {
    const e = i.evidence;
    const f = paidFailures(i.contracts, i.contracts);
    if (e.months === 0 && f === 0) return 'no paid service yet: the neutral starting score';
    const counted = positiveMonths(i);
    const parts = [`${months(counted)} of paid service counted (${months(e.months)} paid; ${restsOn(i)})`];
    if (f > 0) parts.push(plural(f, 'failed paid contract'));
    return parts.join(', ');
}

/**
 * Splits `total` into integers, one per exact part, that sum to it exactly (largest remainder), so
 * that the published lines add up to the published score.
 */
export function apportion(parts: readonly number[], total: number): number[] {
    const out = parts.map((p) => Math.round(p));
    let diff = total - out.reduce((a, b) => a + b, 0);
    const order = parts.map((p, k) => [p - out[k]!, k] as const);
    while (diff !== 0) {
        const up = diff > 0;
        order.sort((a, b) => (up ? b[0] - a[0] : a[0] - b[0]));
        const [, k] = order[0]!;
        out[k]! += up ? 1 : -1;
        order[0] = [parts[k]! - out[k]!, k];
        diff += up ? -1 : 1;
    }
    return out;
}

/** A one-sided lower bound of the quality under a Beta prior centred on the neutral score. */
export function rankOf(raw: number, units: number): number {
    const q = raw / 100;
    const a = (S.prior / 100) * S.priorStrength + q * units;
    const b = (1 - S.prior / 100) * S.priorStrength + (1 - q) * units;
    const mean = a / (a + b);
    const sd = Math.sqrt((a * b) / ((a + b) ** 2 * (a + b + 1)));
    return Math.round(100 * clamp(mean - S.rankZ * sd, 0, 1));
}

const line = (rule: string, label: string, detail: string, points: number): RuleResult => ({ rule, label, inputs: {}, points, detail, flag: null });

/**
 * raw = clamp(60 + 40 × s + Σ rule points, 0, 100), s = the share of the paid contracts the
 * provider did not fail, over the failure rule's base (credited served contracts, fresh tenants'
 * capped): the quality the evidence shows. (It compared the 30-day breadth-capped months with
 * failures of all time, which made a provider between waves of tenants look failed.) The published score moves
 * from the neutral prior toward raw by the evidence weight w = n / (n + 3):
 * score = 60 + w × (raw − 60). Its breakdown is the prior, the evidence line w × 40 × s, and each
 * rule's points × w, apportioned to integers that sum to the score.
 */
export function computeScore(i: ScoreInput): ScoreBreakdown {
    const rules = [...REFERENCE_RULES, ...SIGNAL_RULES].map((r) => r(i));
    const sum = rules.reduce((a, r) => a + r.points, 0);
    const units = evidenceUnits(i);
    const positive = positiveMonths(i);
    // Full marks only for the share of paid contracts served without a provider-caused failure.
    const failed = paidFailures(i.contracts, i.contracts);
    const vouched = failureBase(i.contracts);
    const served = units === 0 || positive === 0 ? 0 : failed === 0 ? 1 : vouched / (vouched + failed);
    const base = S.prior + (100 - S.prior) * served;
    const raw = clamp(base + sum, 0, 100);
    const w = evidenceWeight(units, S.priorStrength);
    const exact = S.prior + (raw - S.prior) * w;
    const score = Math.round(exact);
    const text = evidenceText(i);
    const all: RuleResult[] = [
        line('prior', 'Neutral starting score', 'every provider starts here; without paid service it stays here', S.prior),
        line('evidence', 'Evidence of paid service', `${text} (evidence weight ${Math.round(w * 100)}%)`, base - S.prior),
        ...rules
    ];
    if (raw !== base + sum) all.push(line('clamp', 'Kept within 0–100', `the points beyond ${raw === 0 ? 0 : 100} do not count`, raw - (base + sum)));
    const exactParts = all.map((r) => (r.rule === 'prior' ? S.prior : r.points * w));
    const weighted = apportion(exactParts, score);
    const lines: BreakdownLine[] = all.map((r, k) => {
        const pts = weighted[k]!;
        return { ...r, weighted: pts, text: `${pts > 0 ? '+' : pts < 0 ? '−' : ''}${Math.abs(pts)}: ${r.detail}` };
    });
    return {
        score,
        raw,
        rank: rankOf(raw, units),
        weight: w,
        positiveMonths: positive,
        measuredDays: i.measuredDays,
        restsOn: restsOn(i),
        evidence: i.evidence,
        evidenceText: text,
        rules: lines,
        flags: rules.flatMap((r) => (r.flag === null ? [] : [r.flag]))
    };
}

export const hasCriticalFlag = (b: ScoreBreakdown): boolean => b.flags.some((f) => f.critical);
