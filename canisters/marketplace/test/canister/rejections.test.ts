// Rejection paths through Candid: each typed error arrives intact (this also exercises every
// branch of the compiled reply encoder on the MarketError variant).
import { describe, expect, it } from 'vitest';
import { HOUR_MS, anonymous, approve, controller, offering, ok, refused, profile, provider, provisioned, relay, setupProvider, stranger, tenant, world } from './fixture';

describe('rejections on the canister', () => {
    it('returns named errors with their context', async () => {
        const w = await world();
        const oid = await setupProvider(w, { minHours: 2, maxHours: 100, stock: 1 });
        const t = w.as(tenant);
        const p = w.as(provider);
        expect(await t.requestContract(999n, 10)).toEqual({ Err: { NotFound: { what: 'offering', id: '999' } } });
        expect(await t.requestContract(oid, 1)).toEqual({ Err: { InvalidInput: { field: 'hours', reason: 'must be an integer in [2, 100]', index: [] } } });
        expect(await refused(w.as(anonymous).requestContract(oid, 10))).toBe(true);
        expect((await p.registerProvider(profile(provider))).Err.AlreadyExists).toEqual({ what: 'provider', id: provider.toText() });
        expect((await p.createOffering(offering({ token: 'DOGE' }))).Err).toEqual({ UnknownToken: { token: 'DOGE' } });
        expect((await p.createOffering(offering({ name: '' }))).Err.InvalidInput.field).toBe('name');
        const c = ok(await t.requestContract(oid, 10));
        expect((await p.startProvisioning(c.id)).Err).toEqual({ InvalidTransition: { from: 'Requested', to: 'Provisioning', actor: 'provider' } });
        expect((await t.fund(c.id)).Err.LedgerError.operation).toBe('icrc2_transfer_from');
        expect((await w.as(relay).notifyIcpayPayment(c.id, 1n)).Err).toEqual({ PaymentRefused: { transactionId: 1n, reason: { NotConfigured: null } } });
        ok(await p.acceptContract(c.id));
        expect((await w.as(stranger).requestContract(oid, 10)).Err).toEqual({ OutOfStock: { offeringId: oid, stock: 1 } });
        expect((await p.startProvisioning(c.id)).Err).toEqual({ InvalidState: { status: 'Accepted (not fully paid)', operation: 'startProvisioning' } });
        await approve(w, tenant, c.quote[0].amount);
        ok(await t.fund(c.id));
        expect((await t.fund(c.id)).Err).toEqual({ NothingDue: { contractId: c.id } });
        expect((await t.withdraw('ICP', [5n])).Err).toEqual({ InsufficientBalance: { available: 0n, requested: 5n } });
        const c2 = await provisioned(w, 24, tenant, await setupProvider(w));
        await w.pic.advanceTime(2 * HOUR_MS);
        expect((await p.withdraw('ICP', [10_000n])).Err).toEqual({ AmountBelowFee: { amount: 10_000n, fee: 10_000n } });
        expect((await w.as(controller).setFeeBps(10_001)).Err.InvalidInput.field).toBe('bps');
        expect((await t.cancelContract(c2.id, '')).Ok.contract.status).toEqual({ Cancelled: null });
        expect((await t.cancelContract(c2.id, '')).Err).toEqual({ InvalidTransition: { from: 'Cancelled', to: 'Cancelled', actor: 'tenant' } });
        const books = await t.books();
        expect(books.violations).toEqual([]);
    });
});
