// The listing fee on the compiled canister and the local ICRC ledger: a provider's offerings enter
// search once it paid, the fee lands in the fee account exactly, the escrow's audit is untouched,
// a second payment is refused, a missing allowance is a typed error that changes nothing.
import { describe, expect, it } from 'vitest';
import { approve, controller, errKind, FEE, feeOwner, offering, ok, profile, provider, refused, relay, stranger, world } from './fixture';
import { Principal } from '@dfinity/principal';

const E8 = 100_000_000n;
const ALL = {
    provider: [], productType: [], region: [], country: [], city: [], token: [], minPrice: [], maxPrice: [], minCpuCores: [], minRamMb: [], minStorageGb: [],
    minBandwidthMbps: [], gpu: [], available: [], includeInactive: [], minTrustScore: []
};

describe('listing fee (canister)', () => {
    it('unlisted until paid; paid once into the fee account, exact; audit balanced; refused twice', async () => {
        const w = await world({ listingFee: E8, balances: [[provider, 2n * E8]] });
        expect((await w.as(controller).getConfig()).listingFee).toEqual({ token: 'ICP', amount: E8 });
        const p = w.as(provider);
        ok(await p.registerProvider(profile(provider)));
        const oid = ok<any>(await p.createOffering(offering())).id;
        const anon = w.as(Principal.anonymous());
        expect((await anon.searchOfferings(ALL, 0, 24)).items).toEqual([]);
        expect((await p.getProvider(provider))[0].listing).toMatchObject({ listedAt: [], pull: [] });

        // Without an allowance: a typed error, nothing moved, still unlisted.
        const refusedPull = await p.payListingFee();
        expect(refusedPull.Err.LedgerError.message).toMatch(/InsufficientAllowance/);
        expect(await w.balance(provider)).toBe(2n * E8);
        expect((await anon.searchOfferings(ALL, 0, 24)).items).toEqual([]);

        await approve(w, provider, E8);
        const before = await w.balance(feeOwner);
        const listed = ok<any>(await p.payListingFee());
        expect(listed.listing.listedAt).toHaveLength(1);
        expect(listed.listing.amount).toBe(E8);
        expect(listed.listing.block).toHaveLength(1);
        expect((await w.balance(feeOwner)) - before).toBe(E8);
        // The provider paid the fee and two ledger fees (its approve and the pull).
        expect(await w.balance(provider)).toBe(2n * E8 - E8 - 2n * FEE);
        expect((await anon.searchOfferings(ALL, 0, 24)).items.map((o: { id: bigint }) => o.id)).toEqual([oid]);
        const audit = ok<any>(await w.as(relay).audit());
        expect(audit.ok).toBe(true);
        expect(audit.violations).toEqual([]);

        await approve(w, provider, E8);
        expect(errKind(await p.payListingFee())).toBe('AlreadyExists');
        expect((await w.balance(feeOwner)) - before).toBe(E8);
    });

    it('strangers are refused; controllers set the fee (a known token only); 0 lists new providers at once', async () => {
        const w = await world({ listingFee: E8 });
        expect(errKind(await w.as(stranger).payListingFee())).toBe('Unauthorized');
        expect(await refused(w.as(Principal.anonymous()).payListingFee())).toBe(true);
        expect(await refused(w.as(stranger).setListingFee({ token: 'ICP', amount: 0n }))).toBe(true);
        expect(errKind(await w.as(controller).setListingFee({ token: 'XYZ', amount: 0n }))).toBe('UnknownToken');
        expect(ok<any>(await w.as(controller).setListingFee({ token: 'ICP', amount: 0n })).listingFee.amount).toBe(0n);
        ok(await w.as(stranger).registerProvider(profile(stranger)));
        const oid = ok<any>(await w.as(stranger).createOffering(offering())).id;
        expect((await w.as(stranger).searchOfferings(ALL, 0, 24)).items.map((o: { id: bigint }) => o.id)).toEqual([oid]);
    });
});
