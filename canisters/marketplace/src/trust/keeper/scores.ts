import { certifiedWrites } from '../certify/summaries';
import { computeScore } from '../domain/score/score';
import type { Draft } from './effects';
import { MarketView } from './market';
import { scoreInput } from './profile';
import { seqKey } from './state';
import { summaryOf } from './summary';
import { nextWake } from './wake';

/**
 * Plans, for each provider the plan touched, its certified summary, a score entry when its score
 * changed, and when time alone will next change it (the wake-up index, keeper/wake.ts).
 */
export function planScores(d: Draft, cause: string): void {
    const view = new MarketView(d.rows('offerings'), d.rows('market'));
    for (const id of d.touched) {
        const p = d.provider(id);
        const b = computeScore(scoreInput(p, d.now, d.market, view));
        for (const [key, record] of certifiedWrites(d.rows('certified'), summaryOf(p, b, d.now), d.at)) {
            d.put('certified', key, record);
            d.effects.certified = true;
        }
        const wakeAt = nextWake(p, d.now) ?? undefined;
        const scored = b.score !== p.lastScore;
        if (!scored && wakeAt === p.wakeAt) continue;
        if (scored) {
            d.put('history', seqKey(id, p.historyLen), { at: d.now, score: b.score, raw: b.raw, cause });
            d.put('scores', id, b.score);
        }
        d.put('providers', id, { ...p, wakeAt, historyLen: p.historyLen + (scored ? 1 : 0), lastScore: b.score });
    }
}
