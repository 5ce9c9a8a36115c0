import { describe, expect, it } from 'vitest';
import { arriving, icpayCharges, icpayGross, orderSummary } from './money';

describe('order summary', () => {
    const base = { pricePerMonth: 100_000_000n, setupFee: 5_000_000n, hours: 7, feeBps: 100, ledgerFee: 10_000n };
    it('adds up to what leaves the wallet: price + setup + two ledger fees on the wallet path', () => {
        const s = orderSummary({ ...base, method: 'wallet' });
        expect(s.timePrice).toBe(972_222n); // 100_000_000 × 7 / 720, rounded down like the canister
        expect(s.price).toBe(s.timePrice + s.setupFee);
        expect(s.ledgerFees).toBe(20_000n);
        expect(s.total).toBe(s.price + 20_000n);
        expect(s.platformFee).toBe((s.price * 100n) / 10_000n);
        expect(s.providerGets + s.platformFee).toBe(s.price);
    });
    it('charges one ledger fee on the ICPay path', () => {
        const s = orderSummary({ ...base, method: 'icpay' });
        expect(s.total).toBe(s.price + 10_000n);
    });
    it("ICPay: grossed up so that what arrives after ICPay's platform, relay and ledger fees covers the price, with every fee shown", () => {
        for (const f of [{ platformBps: 50, relayBps: 0, fixed: 0n }, { platformBps: 100, relayBps: 25, fixed: 2_000n }, { platformBps: 0, relayBps: 0, fixed: 0n }]) {
            const s = orderSummary({ ...base, method: 'icpay', icpayFees: f });
            const c = s.icpay!;
            expect(c.arrives).toBeGreaterThanOrEqual(s.price);
            // The smallest such gross: one unit less would not cover the price.
            expect(icpayCharges(c.gross - 1n, f, 10_000n).arrives).toBeLessThan(s.price);
            expect(c.gross).toBe(c.arrives + c.platformFee + c.relayFee + c.forwardFee);
            expect(c.platformFee).toBe((c.gross * BigInt(f.platformBps)) / 10_000n + f.fixed);
            expect(s.total).toBe(c.gross + 10_000n);
            expect(icpayGross(s.price, f, 10_000n)).toBe(c.gross);
        }
    });
    it("takes the canister's quote over its own computation", () => {
        const s = orderSummary({ ...base, method: 'wallet', price: 6_000_000n });
        expect(s.price).toBe(6_000_000n);
        expect(s.timePrice).toBe(1_000_000n);
        expect(s.total).toBe(6_020_000n);
    });
    it('a payout arrives minus the ledger fee; dust at or below the fee does not arrive', () => {
        expect(arriving(140_000_000n, 10_000n)).toBe(139_990_000n);
        expect(arriving(10_000n, 10_000n)).toBe(0n);
        expect(arriving(0n, 10_000n)).toBe(0n);
    });
});
