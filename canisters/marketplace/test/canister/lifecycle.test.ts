// Full lifecycles on the compiled canister with the real (local) ICRC ledger.
import { describe, expect, it } from 'vitest';
import { FEE, HOUR_MS, anonymous, approve, controller, errKind, ok, provider, provisioned, refused, relay, setupProvider, statusOf, stranger, tenant, world } from './fixture';
import { icpayWorld, payIcpay } from './icpay_fixture';
import { grossOf } from '../../../icpay/testing/index.js';

describe('marketplace canister: lifecycle', () => {
    it('request → ICRC-2 fund → accept → provision → daily timer releases → expiry → withdraw', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const t = w.as(tenant);
        const c = ok(await t.requestContract(oid, 24));
        expect(statusOf(c)).toBe('Requested');
        const due = c.quote[0].amount;
        expect(due).toBe((72_000_000n * 24n) / 720n + 100_000n);
        await approve(w, tenant, due);
        const before = await w.balance(tenant);
        const f = ok(await t.fund(c.id));
        expect(statusOf(f)).toBe('Pending');
        expect(await w.balance(tenant)).toBe(before - due - FEE);
        expect(await w.balance(w.marketId)).toBe(due);
        const p = w.as(provider);
        ok(await p.acceptContract(c.id));
        ok(await p.startProvisioning(c.id));
        const pr = ok(await p.reportProvisioned(c.id, 'ssh root@10.0.0.7'));
        expect(pr.connection).toEqual(['ssh root@10.0.0.7']);
        expect(pr.released).toBe(100_000n);
        expect(await w.as(stranger).getContract(c.id)).toEqual([]);
        expect((await w.as(controller).getContract(c.id))[0].connection).toEqual([]);
        expect((await t.getContract(c.id))[0].connection).toEqual(['ssh root@10.0.0.7']);
        // Hourly releases for a contract shorter than two days; let the timers run.
        await w.pic.advanceTime(HOUR_MS + 1000);
        await w.pic.tick(3);
        const k1 = (await t.getContract(c.id))[0];
        expect(statusOf(k1)).toBe('Active');
        // Settled to the moment the timer ran (a few seconds after the boundary).
        expect(k1.released).toBeGreaterThanOrEqual(200_000n);
        expect(k1.released).toBeLessThan(201_000n);
        await w.pic.advanceTime(24 * HOUR_MS);
        await w.pic.tick(5);
        const k2 = (await t.getContract(c.id))[0];
        expect(statusOf(k2)).toBe('Expired');
        expect(k2.released).toBe(due);
        const bal = ok(await p.balanceOf(provider, 'ICP'));
        expect(bal.withdrawable).toBe(due);
        const tr = ok(await p.withdraw('ICP', []));
        expect(Object.keys(tr.status)[0]).toBe('Done');
        expect(await w.balance(provider)).toBe(due - FEE);
        expect(await w.balance(w.marketId)).toBe(0n);
        const books = await t.books();
        expect(books.violations).toEqual([]);
        const audit = ok(await w.as(relay).audit());
        expect(audit.ok).toBe(true);
        const journal = await t.journal(0, 100, [c.id]);
        expect(journal.items.map((e: any) => Object.keys(e.kind)[0])).toContain('Deposit');
    });

    it('cancel mid-way refunds exactly the unearned remainder to the tenant', async () => {
        const w = await world();
        const c = await provisioned(w, 720);
        await w.pic.advanceTime(10 * HOUR_MS);
        const bal = (await w.as(tenant).contractBalance(c.id))[0];
        const before = await w.balance(tenant);
        const r = ok(await w.as(tenant).cancelContract(c.id, 'no longer needed'));
        expect(statusOf(r.contract)).toBe('Cancelled');
        expect(r.contract.released + r.contract.refunded).toBe(r.contract.deposited);
        expect(r.contract.refunded).toBe(bal.unearnedNow);
        expect(Object.keys(r.refund[0].status)[0]).toBe('Done');
        expect(await w.balance(tenant)).toBe(before + r.contract.refunded - FEE);
        expect(ok(await w.as(relay).audit()).violations).toEqual([]);
    });

    it('an unanswered paid request expires after 60 minutes with a full refund (timer)', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        await approve(w, tenant, c.quote[0].amount);
        ok(await w.as(tenant).fund(c.id));
        const before = await w.balance(tenant);
        await w.pic.advanceTime(61 * 60_000);
        await w.pic.tick(5);
        const k = (await w.as(tenant).getContract(c.id))[0];
        expect(statusOf(k)).toBe('Expired');
        expect(k.refunded).toBe(k.deposited);
        expect(await w.balance(tenant)).toBe(before + k.deposited - FEE);
    });

    it('ICPay payment: verified from ICPay\'s record and the ledger, booked once for what arrived; anyone signed may notify', async () => {
        const w = await icpayWorld();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const due = c.quote[0].amount;
        const tx = await payIcpay(w, tenant, c.id, grossOf(due, FEE));
        expect(await refused(w.as(anonymous).notifyIcpayPayment(c.id, tx))).toBe(true);
        const t = (await w.icpay.as(stranger).get_transaction(tx))[0]!;
        // What ICPay kept: 0.5% platform fee and the forward's ledger fee; the rest reached the escrow.
        expect(t.platform_fee_amount).toBe(t.amount / 200n);
        expect(t.account_amount).toBe(t.amount - t.platform_fee_amount - FEE);
        expect(t.account_amount).toBeGreaterThanOrEqual(due);
        const k = ok(await w.as(stranger).notifyIcpayPayment(c.id, tx));
        expect(statusOf(k.contract)).toBe('Pending');
        expect(k.arrived).toBe(t.account_amount);
        expect(k.block).toBe(t.splits[0]!.index_block[0]);
        expect(errKind(await w.as(relay).notifyIcpayPayment(c.id, tx))).toBe('PaymentAlreadyCredited');
        expect(ok(await w.as(relay).audit()).ok).toBe(true);
    });

    it('extension: pay for more time on an active contract', async () => {
        const w = await world();
        const c = await provisioned(w, 24);
        const e = ok(await w.as(tenant).extendContract(c.id, 24));
        await approve(w, tenant, e.quote[0].amount);
        const f = ok(await w.as(tenant).fund(c.id));
        expect(f.segments.length).toBe(3);
        expect(f.end - f.segments[1].start).toBe(48n * 3_600_000_000_000n);
        await w.pic.advanceTime(49 * HOUR_MS);
        await w.pic.tick(5);
        const k = (await w.as(tenant).getContract(c.id))[0];
        expect(statusOf(k)).toBe('Expired');
        expect(k.released).toBe(k.total);
    });
});
