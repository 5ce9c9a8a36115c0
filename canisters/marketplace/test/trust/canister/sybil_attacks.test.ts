// The sybil and price-index attacks of issue 19 (bench/attacks/sybil.ts, price.ts) replayed against
// the compiled canister with the local ledger: each must meet its target. Figures are logged as
// "attack figure | …" for the closing note (before the fix: pump 60 → 90, sink 77 → 51 with
// paid_failure, early cancellation 77 → 68 with early_cancellation, price index flagged 100 % below).
import { describe, expect, it } from 'vitest';
import { priceIndex } from '../../../../../bench/attacks/price';
import { earlyCancel, earlyCancelWithHistory, pump, pumpWithHistory, sink } from '../../../../../bench/attacks/sybil';
import { pumpWithMintedHistory } from '../../../../../bench/attacks/minted';
import { medianPump } from '../../../../../bench/attacks/median';
import type { AttackOutcome } from '../../../../../bench/attacks/attack';

const figure = (name: string, o: AttackOutcome) =>
    console.log(`attack figure | ${name}: cost ${o.costBaseUnits} e8s, score ${o.score?.before} → ${o.score?.after}, rank ${o.rank?.before} → ${o.rank?.after}, flags [${o.flagsRaised?.join(',')}], ${o.effect}`);

describe('sybil attacks on trust, against the compiled canister', () => {
    // The median tenant's price (domain/uptime/median.ts): sybils with more reach than a failing
    // provider's tenants make the median tenant one of theirs. They clear its uptime penalty and
    // flag, never more: no bonus for budget left unused, and the provider stays under 80.
    it('median pump: sybils outweighing a failing provider\'s tenants clear its uptime penalty, never earn it the bonus', async () => {
        const o = await medianPump(3);
        figure('median pump', o);
        const [control, attacked] = o.uptimePoints;
        expect(control).toBeLessThan(0);
        expect(attacked).toBe(0);
        expect(o.score!.after).toBeLessThan(80);
        expect(o.targetMet).toBe(true);
    }, 900_000);

    it('pump: 9 sybils renting their own provider for 30 days, every day measured up, buy at most the sybil ceiling (66), never 80', async () => {
        const o = await pump();
        figure('pump', o);
        expect(o.score!.after).toBeLessThanOrEqual(66);
        expect(o.flagsRaised).toEqual([]);
        expect(o.targetMet).toBe(true);
    }, 600_000);

    // 6 sybils that bought 16 days (0.53 token each) at an established provider count as independent;
    // with 30 measured days of their own servers they took their provider 60 → 80 for 3.26 tokens
    // (0.16 a point). A tenant now widens the breadth in full only from 2 months elsewhere.
    it('pump with bought independence: 6 sybils with 16 days at an established provider stay under 80', async () => {
        const o = await pumpWithHistory(6);
        figure('pump with bought independence', o);
        expect(o.score!.after).toBeLessThan(80);
        expect(o.score!.after).toBeGreaterThan(o.score!.before);
        expect(o.targetMet).toBe(true);
    }, 900_000);

    // The same pump with the history an established provider's own sybils get for fees: 30 days at
    // the attacker's provider with 8 honest tenants. Before the breadth rule: 60 → 80 for 0.12 token.
    it('pump with minted history: sybils that rented the attacker’s established provider stay under 80', async () => {
        const o = await pumpWithMintedHistory(6, 8, 30);
        figure('pump with minted history', o);
        expect(o.costBaseUnits).toBeLessThan(100_000_000n);
        expect(o.score!.after).toBeLessThan(80);
        expect(o.targetMet).toBe(true);
    }, 900_000);

    it('sink: paid requests left to expire (refunded) are no failure of the provider', async () => {
        const o = await sink();
        figure('sink', o);
        expect(o.score!.after).toBe(o.score!.before);
        expect(o.flagsRaised).toEqual([]);
        expect(o.moneyMoved).toBe(0n);
        // The attacker pays ledger fees; the victim loses nothing.
        expect(o.costBaseUnits).toBeGreaterThan(0n);
    }, 600_000);

    it('early cancellations by sybils (at once, or after a measured hour) raise no flag', async () => {
        const o = await earlyCancel();
        figure('early cancellation', o);
        expect(o.flagsRaised).not.toContain('early_cancellation');
        expect(o.targetMet).toBe(true);
    }, 600_000);

    // Tenants with ≈ 0.5 token of history elsewhere are independent, so their cancellations are
    // measured; an early one counts only as far as measured downtime explains it. Before, 3 of them
    // moved the score 66 → 65 and 13 (6.98 tokens) 66 → 64, at most 25 × the evidence weight in all;
    // the critical flag also needs 10 tokens earned before the early cancellations.
    it('early cancellations by 13 tenants with history elsewhere, of a server measured up, move nothing', async () => {
        const o = await earlyCancelWithHistory(13);
        figure('early cancellation swarm with history', o);
        expect(o.costBaseUnits).toBeLessThan(10n * 100_000_000n);
        expect(o.flagsRaised ?? []).toEqual([]);
        expect(o.score!.after).toBe(o.score!.before);
        expect(o.rank!.after).toBe(o.rank!.before);
        expect(o.moneyMoved).toBe(0n);
        expect(o.targetMet).toBe(true);
        expect(o.effect).toMatch(/early_cancellation 0 raw points$/);
    }, 900_000);

    it('the same cancellations after measured downtime (20 of 90 minutes down) do count against the provider', async () => {
        const o = await earlyCancelWithHistory(3, 20);
        figure('early cancellation with history after downtime', o);
        const raw = Number(/early_cancellation (-?[\d.]+) raw points$/.exec(o.effect)?.[1]);
        expect(raw).toBeLessThan(0);
    }, 600_000);

    it('price index: 0-CPU offerings are refused, and sybil-served rival entries flag nobody', async () => {
        const o = await priceIndex();
        figure('price index', o);
        expect(o.effect).toMatch(/^0-CPU offering refused \(InvalidInput\)/);
        expect(o.flagsRaised).toEqual([]);
        expect(o.targetMet).toBe(true);
    }, 600_000);
});
