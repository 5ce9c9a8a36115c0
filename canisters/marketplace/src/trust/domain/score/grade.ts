// Graded points: a rule's points follow its measurement continuously between two anchors, and the
// measurement is an estimate shrunk toward a prior by the evidence behind it, so a rule neither
// jumps at a threshold nor trusts a small sample. Flags keep their thresholds.

/** Linear from (x0, p0) to (x1, p1), flat beyond either end. */
export function ramp(x: number, x0: number, p0: number, x1: number, p1: number): number {
    const t = (x - x0) / (x1 - x0);
    return p0 + (p1 - p0) * Math.min(1, Math.max(0, t));
}

/** Rounded to one decimal: what the breakdown states as the rule's points. */
export const tenth = (x: number): number => Math.round(x * 10) / 10 || 0;

/** Confidence in a measurement of `n` samples against a prior worth `strength`: n / (n + strength). */
export const confidence = (n: number, strength: number): number => (n <= 0 ? 0 : n / (n + strength));
