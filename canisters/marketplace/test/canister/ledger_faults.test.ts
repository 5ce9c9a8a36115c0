// Ledger failures (the local ledger's fault injection) and messages interleaving around awaits.
import { describe, expect, it } from 'vitest';
import { FEE, HOUR_MS, approve, controller, errKind, ok, provider, provisioned, relay, setupProvider, statusOf, tenant, tenant2, world, type World } from './fixture';

const st = (t: any): string => Object.keys(t.status)[0]!;

async function earning(opts: Parameters<typeof world>[0] = {}): Promise<World> {
    const w = await world(opts);
    await provisioned(w, 24);
    await w.pic.advanceTime(30 * HOUR_MS);
    await w.pic.tick(5);
    return w;
}

async function checkBooks(w: World): Promise<void> {
    const a = ok(await w.as(controller).audit());
    expect(a.violations).toEqual([]);
    expect(a.ok).toBe(true);
}

describe('withdrawal: ledger failures', () => {
    it('reject (trap) before execution: kept in flight, retried with the same created_at_time and memo, paid once', async () => {
        const w = await earning();
        await w.setFault('icrc1_transfer', 'Trap');
        const t = ok(await w.as(provider).withdraw('ICP', []));
        expect(st(t)).toBe('InFlight');
        expect(t.uncertain).toBe(true);
        expect(ok<any>(await w.as(provider).balanceOf(provider, 'ICP')).withdrawable).toBe(0n);
        expect(await w.balance(provider)).toBe(0n);
        await checkBooks(w);
        const r = ok(await w.as(provider).retryTransfer(t.id));
        expect(st(r)).toBe('Done');
        expect(r.createdAtTime).toBe(t.createdAtTime);
        expect(await w.balance(provider)).toBe(t.amount - FEE);
        await checkBooks(w);
    });

    it('the transfer succeeds but the reply is lost: the timer retries, gets Duplicate, counts it as success', async () => {
        const w = await earning();
        await w.setFault('icrc1_transfer', 'ReplyLost');
        const t = ok(await w.as(provider).withdraw('ICP', []));
        expect(st(t)).toBe('InFlight');
        expect(await w.balance(provider)).toBe(t.amount - FEE); // the ledger applied it
        await w.pic.advanceTime(6 * 60_000);
        await w.pic.runUntilIdle();
        const r = (await w.as(provider).getTransfer(t.id))[0];
        expect(st(r)).toBe('Done');
        expect(await w.balance(provider)).toBe(t.amount - FEE); // paid once
        await checkBooks(w);
    });

    it('unknown outcomes retried only after the dedup window (TooOld): reconciled against the ledger\'s blocks', async () => {
        const w = await earning();
        // Executed, reply lost: found in the blocks, Done with that block, paid once.
        await w.setFault('icrc1_transfer', 'ReplyLost');
        const lost = ok(await w.as(provider).withdraw('ICP', [400_000n]));
        // Never executed: absent from the blocks, sent again (new created_at_time), paid once.
        await w.setFault('icrc1_transfer', 'Trap');
        const trapped = ok(await w.as(provider).withdraw('ICP', [300_000n]));
        expect([st(lost), st(trapped)]).toEqual(['InFlight', 'InFlight']);
        const before = await w.balance(provider);
        expect(before).toBe(400_000n - FEE);
        await w.pic.advanceTime(25 * HOUR_MS);
        await w.pic.runUntilIdle();
        const [a, b] = [(await w.as(provider).getTransfer(lost.id))[0], (await w.as(provider).getTransfer(trapped.id))[0]];
        expect([st(a), st(b)]).toEqual(['Done', 'Done']);
        expect(b.createdAtTime).toBeGreaterThan(trapped.createdAtTime);
        expect(await w.balance(provider)).toBe(before + 300_000n - FEE);
        await checkBooks(w);
    });

    it('a lost transfer whose block the ledger has archived is found through the archive, paid once', async () => {
        // The ledger keeps one block: every earlier one is served by its archive (archived_blocks callback).
        const w = await earning({ archive: { trigger_threshold: 1n, num_blocks_to_archive: 1n } });
        await w.setFault('icrc1_transfer', 'ReplyLost');
        const lost = ok(await w.as(provider).withdraw('ICP', [400_000n]));
        expect(st(lost)).toBe('InFlight');
        // Another block after it: the lost transfer's block is archived before the lookup.
        ok(await w.ledgerAs(tenant).icrc1_transfer({ to: { owner: tenant2, subaccount: [] }, amount: 1n, fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
        const head = await w.ledgerAs(tenant).icrc3_get_blocks([{ start: 0n, length: 1_000n }]);
        expect(head.archived_blocks).toHaveLength(1);
        const before = await w.balance(provider);
        await w.pic.advanceTime(25 * HOUR_MS);
        await w.pic.runUntilIdle();
        const t = (await w.as(provider).getTransfer(lost.id))[0];
        expect(st(t)).toBe('Done');
        expect(t.block[0]).toBeLessThan(head.log_length - 1n);
        expect(await w.balance(provider)).toBe(before);
        await checkBooks(w);
    });

    it('TemporarilyUnavailable: kept in flight, then paid', async () => {
        const w = await earning();
        await w.setFault('icrc1_transfer', 'TemporarilyUnavailable');
        const t = ok(await w.as(provider).withdraw('ICP', []));
        expect(st(t)).toBe('InFlight');
        expect(st(ok(await w.as(provider).retryTransfer(t.id)))).toBe('Done');
        await checkBooks(w);
    });

    it('GenericError is a definite failure: the balance is re-credited', async () => {
        const w = await earning();
        const before = ok<any>(await w.as(provider).balanceOf(provider, 'ICP')).withdrawable;
        await w.setFault('icrc1_transfer', { GenericError: { message: 'nope', error_code: 7n } });
        const t = ok(await w.as(provider).withdraw('ICP', []));
        expect(st(t)).toBe('Failed');
        expect(ok<any>(await w.as(provider).balanceOf(provider, 'ICP')).withdrawable).toBe(before);
        await checkBooks(w);
    });

    it('a refund on cancel whose reply is lost is retried until done', async () => {
        const w = await world();
        const c = await provisioned(w, 720);
        await w.setFault('icrc1_transfer', 'ReplyLost');
        const before = await w.balance(tenant);
        const r = ok(await w.as(tenant).cancelContract(c.id, ''));
        expect(st(r.refund[0])).toBe('InFlight');
        await w.pic.advanceTime(6 * 60_000);
        await w.pic.runUntilIdle();
        expect(st((await w.as(tenant).getTransfer(r.refund[0].id))[0])).toBe('Done');
        expect(await w.balance(tenant)).toBe(before + r.contract.refunded - FEE);
        await checkBooks(w);
    });
});

describe('funding: ledger failures', () => {
    it('transfer_from whose reply is lost: the retry gets Duplicate, the tenant is charged once', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        await approve(w, tenant, c.quote[0].amount * 2n);
        const before = await w.balance(tenant);
        await w.setFault('icrc2_transfer_from', 'ReplyLost');
        expect(errKind(await w.as(tenant).fund(c.id))).toBe('LedgerError');
        const k = (await w.as(tenant).getContract(c.id))[0];
        expect(k.pendingPull[0].uncertain).toBe(true);
        const f = ok(await w.as(tenant).fund(c.id));
        expect(statusOf(f)).toBe('Pending');
        expect(f.deposited).toBe(c.quote[0].amount);
        expect(await w.balance(tenant)).toBe(before - c.quote[0].amount - FEE);
        await checkBooks(w);
    });

    it('transfer_from retried only after the dedup window (TooOld): reconciled against the blocks, booked once or given up', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const [lost, trapped] = [ok(await w.as(tenant).requestContract(oid, 24)), ok(await w.as(tenant2).requestContract(oid, 24))];
        await approve(w, tenant, lost.quote[0].amount * 2n);
        await approve(w, tenant2, trapped.quote[0].amount * 2n);
        const [before, before2] = [await w.balance(tenant), await w.balance(tenant2)];
        // Executed, reply lost: the pull is in the blocks.
        await w.setFault('icrc2_transfer_from', 'ReplyLost');
        expect(errKind(await w.as(tenant).fund(lost.id))).toBe('LedgerError');
        // Never executed: absent from the blocks.
        await w.setFault('icrc2_transfer_from', 'Trap');
        expect(errKind(await w.as(tenant2).fund(trapped.id))).toBe('LedgerError');
        // The ledger is unreachable for a day: the next retry is out of the dedup window.
        await w.pic.advanceTime(25 * HOUR_MS);
        await w.pic.runUntilIdle();
        const [a, b] = [(await w.as(tenant).getContract(lost.id))[0], (await w.as(tenant2).getContract(trapped.id))[0]];
        expect([a.pendingPull, b.pendingPull]).toEqual([[], []]);
        // Booked once from its block (and, the request having expired meanwhile, refunded), never left as surplus.
        expect(a.deposited).toBe(lost.quote[0].amount);
        expect(a.deposited - a.refunded - a.released).toBeGreaterThanOrEqual(0n);
        const journal = (await w.as(controller).journal(0, 20, [lost.id])).items.filter((e: any) => 'Deposit' in e.kind);
        expect(journal).toHaveLength(1);
        // Nothing was charged for the trapped one, and it can be funded again.
        expect(b.deposited).toBe(0n);
        expect(await w.balance(tenant2)).toBe(before2);
        expect(await w.balance(tenant)).toBe(before - lost.quote[0].amount - FEE + a.refunded);
        const audit = ok<any>(await w.as(controller).audit());
        expect(audit.tokens.map((t: any) => t.surplus)).toEqual([0n]);
        await checkBooks(w);
    });

    it('transfer_from refused (no allowance) changes nothing', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const r = await w.as(tenant).fund(c.id);
        expect(r.Err.LedgerError.message).toMatch(/InsufficientAllowance/);
        expect((await w.as(tenant).getContract(c.id))[0].pendingPull).toEqual([]);
        await checkBooks(w);
    });
});

describe('messages interleaving around awaits (submitted before ticking)', () => {
    it('fund and cancel submitted together: whatever the order, the money ends with the tenant', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        await approve(w, tenant, c.quote[0].amount);
        const before = await w.balance(tenant);
        const d = w.deferred(tenant);
        const fund = await d.fund(c.id);
        const cancel = await d.cancelContract(c.id, 'changed my mind');
        const [rf, rc] = [await fund(), await cancel()];
        expect(errKind(rc)).toBe('Ok');
        void rf;
        await w.pic.advanceTime(6 * 60_000);
        await w.pic.runUntilIdle();
        const k = (await w.as(tenant).getContract(c.id))[0];
        expect(statusOf(k)).toBe('Cancelled');
        expect(k.refunded).toBe(k.deposited);
        // Either the pull never happened or it was refunded: the tenant lost at most ledger fees.
        expect(await w.balance(tenant)).toBeGreaterThanOrEqual(before - 2n * FEE);
        await checkBooks(w);
    });

    it('two withdrawals submitted together cannot spend the balance twice', async () => {
        const w = await earning();
        const d = w.deferred(provider);
        const a = await d.withdraw('ICP', []);
        const b = await d.withdraw('ICP', []);
        const ra = await a();
        const rb = await b();
        expect([errKind(ra), errKind(rb)].sort()).toEqual(['InsufficientBalance', 'Ok']);
        await checkBooks(w);
    });

    it('two ICPay credits for one contract submitted together: the quote is paid once, the second payment refunded to the tenant', async () => {
        const w = await world();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const due = c.quote[0].amount;
        ok(await w.ledgerAs(tenant2).icrc1_transfer({ to: { owner: w.marketId, subaccount: [] }, amount: 2n * due, fee: [], memo: [], from_subaccount: [], created_at_time: [] }));
        const d = w.deferred(relay);
        const a = await d.creditPayment({ contractId: c.id, paymentId: 'pay-a', amount: due });
        const b = await d.creditPayment({ contractId: c.id, paymentId: 'pay-b', amount: due });
        const before = await w.balance(tenant);
        const kinds = [errKind(await a()), errKind(await b())].sort();
        expect(kinds).toEqual(['Ok', 'Ok']);
        const k = (await w.as(tenant).getContract(c.id))[0];
        expect(k.deposited).toBe(2n * due);
        expect(k.deposited - k.refunded).toBe(due);
        // Refunded at once (less the ledger fee): nothing stays on the canister unbooked.
        expect(await w.balance(tenant)).toBe(before + due - FEE);
        const audit = ok<any>(await w.as(controller).audit());
        expect(audit.tokens[0].surplus).toBe(0n);
        await checkBooks(w);
    });
});
