// How much one tenant's word weighs (feedback, an unanswered message): as evidence does, by the
// tenant's independence from the provider and by what its contract is worth. A sybil without
// history elsewhere, or one that paid for an hour, cannot speak for the market.
import { isIndependent } from './independence';
import { MONTH } from './contract_records';

/** A tenant speaks with its full weight from this independence (as much paid elsewhere as here). */
export const FULL_VOICE_INDEPENDENCE = 0.5;
/** A contract worth this many whole tokens (paid value, whatever its length) carries a full voice. */
export const FULL_VOICE_TOKENS = 1;

/** A conversation counts in the provider's response figures (medians, late replies) from this voice. */
export const MEASURE_MIN_VOICE = 0.5;

/** A contract's paid value in whole tokens: value per 30 days × its paid length. */
export const contractTokens = (c: { monthlyTokens: number; plannedStart: number; plannedEnd: number }): number =>
    c.monthlyTokens * Math.max(0, c.plannedEnd - c.plannedStart) / MONTH;

/** 0 without history elsewhere; up to 1 for an independent tenant of a contract worth a token. */
export function voice(independence: number, tokens: number): number {
    if (!isIndependent(independence)) return 0;
    const v = Math.min(1, independence / FULL_VOICE_INDEPENDENCE) * Math.min(1, Math.max(0, tokens) / FULL_VOICE_TOKENS);
    return Math.round(v * 1000) / 1000;
}

/** Tokens a tenant spent, as far as its independence lets it speak: 0 without history elsewhere. */
export const voicedTokens = (independence: number, tokens: number): number =>
    isIndependent(independence) ? Math.min(1, independence / FULL_VOICE_INDEPENDENCE) * Math.max(0, tokens) : 0;
