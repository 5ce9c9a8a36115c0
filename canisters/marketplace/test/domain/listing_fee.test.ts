// A price on being listed (issue 19, catalogue spam): a provider's offerings enter search only after
// it paid the one-time listing fee, pulled by ICRC-2 into the fee account; refused without an
// allowance, never charged twice, an unknown outcome retried with the same arguments.
import { describe, expect, it } from 'vitest';
import { errKind, FEE_OWNER, harness, P, SELF, unwrap } from './harness';

const FEE = 100_000_000n;
const ids = (h: ReturnType<typeof harness>): bigint[] => h.market.searchOfferings({}, 0, 100).items.map((o) => o.id);

function unlisted() {
    const h = harness({ listingFee: FEE });
    h.provider();
    const o = h.offering();
    return { h, o };
}

describe('listing fee', () => {
    it('keeps a new provider unlisted: its offerings exist but are not searchable, and its record says why', () => {
        const { h, o } = unlisted();
        expect(h.market.offering(o.id)?.active).toBe(true);
        expect(ids(h)).toEqual([]);
        expect(h.market.provider(P)!.listing).toMatchObject({ listedAt: null, pull: null });
        // Its own list still shows them (the provider's dashboard).
        expect(h.market.searchOfferings({ provider: P }, 0, 10).items.map((x) => x.id)).toEqual([o.id]);
    });

    it('is pulled once into the fee account, exact to the base unit; the offerings enter search in their rounds', async () => {
        const { h, o } = unlisted();
        const second = h.offering({ name: 'second' });
        h.ledger.mint('ICP', P, FEE + 10n);
        h.ledger.approve('ICP', P, FEE + 10n);
        const p = unwrap(await h.market.payListingFee(P));
        expect(p.listing).toMatchObject({ listedAt: h.now, token: 'ICP', amount: FEE, pull: null });
        expect(p.listing.block).not.toBeNull();
        expect(h.ledger.balance('ICP', FEE_OWNER)).toBe(FEE);
        expect(h.ledger.balance('ICP', P)).toBe(0n);
        // The canister never held it: its books and the ledger still agree exactly.
        expect(h.ledger.balance('ICP', SELF)).toBe(0n);
        h.checkConservation();
        expect(ids(h)).toEqual([o.id, second.id]);
        // Offerings created afterwards are listed at once.
        const third = h.offering({ name: 'third' });
        expect(ids(h)).toContain(third.id);
    });

    it('is refused twice: nothing is charged again', async () => {
        const { h } = unlisted();
        h.ledger.mint('ICP', P, 3n * FEE);
        h.ledger.approve('ICP', P, 3n * FEE);
        unwrap(await h.market.payListingFee(P));
        const calls = h.ledger.calls;
        const again = await h.market.payListingFee(P);
        expect(errKind(again)).toBe('AlreadyExists');
        expect(h.ledger.calls).toBe(calls);
        expect(h.ledger.balance('ICP', FEE_OWNER)).toBe(FEE);
    });

    it('is refused without an allowance (typed error), changes nothing, and can be paid later', async () => {
        const { h } = unlisted();
        h.ledger.mint('ICP', P, FEE + 10n);
        const r = await h.market.payListingFee(P);
        expect(r).toEqual({ Err: { LedgerError: { operation: 'icrc2_transfer_from', message: expect.stringContaining('InsufficientAllowance') } } });
        expect(h.market.provider(P)!.listing).toMatchObject({ listedAt: null, pull: null });
        expect(ids(h)).toEqual([]);
        h.ledger.approve('ICP', P, FEE + 10n);
        unwrap(await h.market.payListingFee(P));
        expect(h.ledger.balance('ICP', FEE_OWNER)).toBe(FEE);
    });

    it('a lost reply keeps the pull and the retry is deduplicated: charged once', async () => {
        const { h, o } = unlisted();
        h.ledger.mint('ICP', P, 3n * FEE);
        h.ledger.approve('ICP', P, 3n * FEE);
        h.ledger.faults.push('lostReply');
        expect(errKind(await h.market.payListingFee(P))).toBe('LedgerError');
        expect(h.market.provider(P)!.listing.pull?.uncertain).toBe(true);
        expect(ids(h)).toEqual([]);
        const p = unwrap(await h.market.payListingFee(P));
        expect(p.listing.listedAt).not.toBeNull();
        expect(h.ledger.balance('ICP', FEE_OWNER)).toBe(FEE);
        expect(ids(h)).toEqual([o.id]);
    });

    it('refuses strangers, and answers why when no fee account is configured', async () => {
        const { h } = unlisted();
        expect(errKind(await h.market.payListingFee('stranger'))).toBe('Unauthorized');
        h.market.updateConfig((c) => ({ ...c, feeAccount: null }));
        expect(await h.market.payListingFee(P)).toEqual({ Err: { InvalidState: { status: 'no fee account configured', operation: 'payListingFee' } } });
    });

    it('lists at once while the fee is 0 (registration lists too)', async () => {
        const { h, o } = unlisted();
        h.market.updateConfig((c) => ({ ...c, listingFee: { token: 'ICP', amount: 0n } }));
        const p = unwrap(await h.market.payListingFee(P));
        expect(p.listing).toMatchObject({ amount: 0n, block: null });
        expect(ids(h)).toEqual([o.id]);
        h.provider('free');
        expect(h.market.provider('free')!.listing.listedAt).toBe(h.now);
    });

    it("an unlisted provider's offering changes stay out of search; deactivated ones are not listed by the payment", async () => {
        const { h, o } = unlisted();
        const off = h.offering({ name: 'off' });
        unwrap(h.market.updateOffering(P, o.id, { ...o, pricePerMonth: 800_000n }));
        unwrap(h.market.setOfferingActive(P, off.id, false));
        expect(ids(h)).toEqual([]);
        h.ledger.mint('ICP', P, FEE + 10n);
        h.ledger.approve('ICP', P, FEE + 10n);
        unwrap(await h.market.payListingFee(P));
        expect(ids(h)).toEqual([o.id]);
        unwrap(h.market.setOfferingActive(P, off.id, true));
        expect(ids(h).sort()).toEqual([o.id, off.id].sort());
    });
});
