import { clamp, evidenceWeight } from '../stats';
import { SCORE as S } from './constants';
import { REFERENCE_RULES } from './rules';
import { SIGNAL_RULES } from './signal_rules';
import type { RuleResult, ScoreBreakdown, ScoreInput } from './types';

/** Contracts that tell something about the provider: every request it received. */
export const evidenceOf = (i: ScoreInput): number => i.contracts.requested;

/**
 * raw = clamp(100 + Σ rule points, 0, 100); the published score shrinks raw toward the prior by
 * the amount of evidence: score = prior + (raw − prior) × n / (n + k). A provider with no
 * contracts scores the prior; one with hundreds scores close to its raw score.
 */
export function computeScore(i: ScoreInput): ScoreBreakdown {
    const rules = [...REFERENCE_RULES, ...SIGNAL_RULES].map((r) => r(i));
    const raw = clamp(100 + rules.reduce((a, r) => a + r.points, 0), 0, 100);
    const n = evidenceOf(i);
    const w = evidenceWeight(n, S.priorStrength);
    const score = Math.round(S.prior + (raw - S.prior) * w);
    const shrink: RuleResult = {
        rule: 'sample_size',
        label: 'Shrinkage toward the prior for small samples',
        inputs: { contracts: n, prior: S.prior, priorStrength: S.priorStrength, raw },
        points: score - raw,
        flag: null
    };
    const all = [...rules, shrink];
    return { score, raw, evidence: n, rules: all, flags: all.flatMap((r) => (r.flag === null ? [] : [r.flag])) };
}

export const hasCriticalFlag = (b: ScoreBreakdown): boolean => b.flags.some((f) => f.critical);
