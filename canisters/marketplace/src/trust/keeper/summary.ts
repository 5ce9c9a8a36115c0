import type { TrustSummary } from '../certify/summaries';
import type { ScoreBreakdown } from '../domain/score/types';
import { DAY } from '../domain/time';
import { sumWindow } from '../domain/ring';
import type { ProviderTrust } from './state';

const round = (x: number, d: number): number => Math.round(x * 10 ** d) / 10 ** d;

/** The provider's certified summary: score, rank, evidence, 30-day uptime and flags. */
export function summaryOf(p: ProviderTrust, b: ScoreBreakdown, now: number): TrustSummary {
    const [up = 0, down = 0] = sumWindow(p.uptime.days, now, 30 * DAY, 2);
    return {
        provider: p.provider,
        score: b.score,
        rank: b.rank,
        evidence: b.evidenceText,
        months: round(b.evidence.months, 1),
        payers: b.evidence.payers,
        uptime30dPct: up + down === 0 ? null : round((up / (up + down)) * 100, 2),
        downMinutes30d: down,
        flags: b.flags.map((f) => f.code).sort(),
        critical: b.flags.some((f) => f.critical)
    };
}
