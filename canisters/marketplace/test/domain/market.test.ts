import { describe, expect, it } from 'vitest';
import { Books, booksDiff } from '../../src/escrow/domain/books';
import { NS_PER_DAY, NS_PER_HOUR, FEE_ACCOUNT } from '../../src/kernel/records';
import { Market } from '../../src/root/market';
import { FEE_OWNER, P, RELAY, SELF, T, T0, errKind, harness, unwrap } from './harness';

const H = NS_PER_HOUR;
const D = NS_PER_DAY;

describe('lifecycle', () => {
    it('request → fund → accept → provision → daily releases → expiry → withdraw; books exact at every step', async () => {
        const h = harness();
        h.provider();
        const o = h.offering();
        const c = unwrap(h.market.requestContract(T, o.id, 720));
        expect(c.quote).toEqual({ hours: 720, amount: 720_000n + 1_000n, setupFee: 1_000n });
        expect(c.status).toBe('Requested');
        h.wallet(T, c.quote!.amount);
        const funded = unwrap(await h.market.fund(T, c.id));
        expect(funded.status).toBe('Pending');
        expect(funded.deposited).toBe(721_000n);
        expect(h.ledger.balance('ICP', T)).toBe(0n); // paid amount + ledger fee
        h.checkConservation();
        unwrap(h.market.acceptContract(P, c.id));
        unwrap(h.market.startProvisioning(P, c.id));
        h.advance(5n * H); // provisioning time is not billed
        const p = unwrap(h.market.reportProvisioned(P, c.id, 'ssh root@1.2.3.4'));
        expect(p.status).toBe('Provisioned');
        expect(p.released).toBe(1_000n); // setup fee earned at provisioning
        expect(p.segments.at(-1)!.end - p.segments.at(-1)!.start).toBe(720n * H);
        h.checkConservation();
        for (let day = 1; day <= 30; day++) {
            h.advance(D);
            await h.runTimers();
            const k = h.store.contracts.get(c.id)!;
            expect(k.released).toBe(1_000n + BigInt(day) * 24_000n);
            expect(k.status).toBe(day < 30 ? 'Active' : 'Expired');
            h.checkConservation();
        }
        const bal = h.market.accountBalance(P, 'ICP');
        expect(bal.withdrawable).toBe(721_000n);
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('Done');
        expect(h.ledger.balance('ICP', P)).toBe(721_000n - 10n); // receiver bears the ledger fee
        expect(h.market.accountBalance(P, 'ICP').withdrawable).toBe(0n);
        h.checkConservation();
        expect(h.ledger.balance('ICP', SELF)).toBe(0n);
        const kinds = h.market.journalPage(0, 100, c.id).items.map((e) => e.kind);
        expect(kinds[0]).toBe('Deposit');
        expect(kinds.filter((k) => k === 'Release').length).toBe(31);
        const history = h.store.contracts.get(c.id)!.history.map((x) => `${x.status}:${x.role}`);
        expect(history).toEqual(['Requested:tenant', 'Pending:tenant', 'Accepted:provider', 'Provisioning:provider', 'Provisioned:provider', 'Active:system', 'Expired:system']);
    });

    it('short contracts release hourly', async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(10);
        h.advance(H);
        await h.runTimers();
        expect(h.store.contracts.get(c.id)!.released).toBe(1_000n + 1_000n);
        h.advance(30n * H); // missed runs: one catch-up settles exactly, then expires
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Expired');
        expect(k.released).toBe(11_000n);
        h.checkConservation();
    });

    it('an unanswered paid request expires after the timeout with a full refund', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        h.wallet(T, c.quote!.amount);
        unwrap(await h.market.fund(T, c.id));
        h.advance(59n * 60n * 1_000_000_000n);
        await h.runTimers();
        expect(h.store.contracts.get(c.id)!.status).toBe('Pending');
        h.advance(60n * 1_000_000_000n);
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Expired');
        expect(k.refunded).toBe(k.deposited);
        expect(h.ledger.balance('ICP', T)).toBe(k.deposited - 10n);
        h.checkConservation();
    });

    it('an unpaid request expires with nothing to refund', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        h.advance(61n * 60n * 1_000_000_000n);
        await h.runTimers();
        expect(h.store.contracts.get(c.id)!.status).toBe('Expired');
        expect(h.store.transfers.len()).toBe(0);
    });

    it('free requests leave nothing behind: a never-paid closed contract is removed after its keeping window, ids are never reused, lists skip it', async () => {
        const h = harness();
        h.provider();
        const o = h.offering();
        const expired = unwrap(h.market.requestContract(T, o.id, 24));
        const cancelled = unwrap(h.market.requestContract(T, o.id, 24));
        await h.market.cancelContract(T, cancelled.id, '');
        const late = unwrap(h.market.requestContract(T, o.id, 24));
        h.advance(61n * 60n * 1_000_000_000n);
        await h.runTimers();
        expect(h.store.contracts.get(expired.id)!.status).toBe('Expired');
        // A payment arriving within the window is still booked and refunded (nothing unbooked).
        h.ledger.mint('ICP', SELF, 25_000n);
        unwrap(await h.market.creditPayment(RELAY, late.id, 'late-1', 25_000n));
        h.advance(7n * D);
        await h.runTimers();
        expect(h.store.contracts.get(expired.id)).toBeUndefined();
        expect(h.store.contracts.get(cancelled.id)).toBeUndefined();
        expect(h.store.contracts.get(late.id)!.refunded).toBe(25_000n);
        const next = unwrap(h.market.requestContract(T, o.id, 24));
        expect(next.id).toBe(4n);
        expect(h.market.contractPage({ tenant: T }, 0, 10).items.map((c) => c.id)).toEqual([late.id, next.id]);
        expect(h.market.contractPage({}, 0, 10).items.map((c) => c.id)).toEqual([late.id, next.id]);
        expect(h.market.checkContracts(0, 10)).toEqual([]);
        h.checkConservation();
    });

    const refundCases: { name: string; run: (h: ReturnType<typeof harness>, id: bigint) => Promise<unknown>; status: string }[] = [
        { name: 'rejection of a paid request', run: (h, id) => h.market.rejectContract(P, id, 'no capacity'), status: 'Rejected' },
        { name: 'rejection after acceptance', run: async (h, id) => (unwrap(h.market.acceptContract(P, id)), h.market.rejectContract(P, id, '')), status: 'Rejected' },
        { name: 'provisioning failure', run: async (h, id) => (unwrap(h.market.acceptContract(P, id)), unwrap(h.market.startProvisioning(P, id)), h.market.reportProvisioningFailed(P, id, 'disk')), status: 'ProvisioningFailed' },
        { name: 'tenant cancels before provisioning', run: async (h, id) => (unwrap(h.market.acceptContract(P, id)), h.market.cancelContract(T, id, '')), status: 'Cancelled' }
    ];
    for (const k of refundCases) {
        it(`${k.name} refunds everything`, async () => {
            const h = harness();
            h.provider();
            const c = unwrap(h.market.requestContract(T, h.offering().id, 48));
            h.wallet(T, c.quote!.amount);
            unwrap(await h.market.fund(T, c.id));
            unwrap((await k.run(h, c.id)) as never);
            const x = h.store.contracts.get(c.id)!;
            expect(x.status).toBe(k.status);
            expect(x.refunded).toBe(x.deposited);
            expect(x.released).toBe(0n);
            expect(h.ledger.balance('ICP', T)).toBe(x.deposited - 10n);
            expect(h.store.offerings.get(x.offeringId)!.inUse).toBe(0);
            h.checkConservation();
        });
    }

    it('cancel mid-way refunds exactly the unearned remainder', async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(720);
        h.advance(100n * H + 17n);
        const before = h.market.contractBalance(c.id)!;
        const r = unwrap(await h.market.cancelContract(T, c.id, 'moving'));
        expect(r.contract.status).toBe('Cancelled');
        expect(r.contract.released).toBe(1_000n + (720_000n * (100n * H + 17n)) / (720n * H));
        expect(r.contract.refunded).toBe(before.unearnedNow);
        expect(r.refund!.status).toBe('Done');
        expect(r.contract.released + r.contract.refunded).toBe(r.contract.deposited);
        h.checkConservation();
        // Nothing accrues after closing.
        h.advance(100n * D);
        await h.runTimers();
        expect(h.store.contracts.get(c.id)!.released).toBe(r.contract.released);
        expect(errKind(await h.market.cancelContract(T, c.id, ''))).toBe('InvalidTransition');
    });

    it('extensions are bounded: the 51st is refused, typed, and nothing changes; closing drops the connection details', async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(1);
        for (let i = 0; i < 50; i++) {
            unwrap(h.market.extendContract(T, c.id, 1));
            h.wallet(T, 1_000n);
            unwrap(await h.market.fund(T, c.id));
        }
        const before = h.store.contracts.get(c.id)!;
        expect(before.segments.length).toBe(52);
        expect(h.market.extendContract(T, c.id, 1)).toEqual({ Err: { QuotaExceeded: { what: 'paid segments per contract (extensions)', limit: 52 } } });
        expect(h.store.contracts.get(c.id)).toEqual(before);
        unwrap(await h.market.cancelContract(T, c.id, 'done'));
        expect(h.store.contracts.get(c.id)!.connection).toBe('');
        h.checkConservation();
    });

    it('extension: the tenant buys more time, segments keep the formula exact', async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(48);
        h.advance(10n * H);
        const e = unwrap(h.market.extendContract(T, c.id, 24));
        expect(e.quote!.amount).toBe(24_000n);
        h.wallet(T, 24_000n);
        const f = unwrap(await h.market.fund(T, c.id));
        expect(f.segments.length).toBe(3);
        expect(f.total).toBe(1_000n + 48_000n + 24_000n);
        h.advance(100n * H);
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Expired');
        expect(k.released).toBe(k.total);
        h.checkConservation();
    });

    it('rentOffering: request and ICRC-2 pull in one call; a refused pull charges nothing and leaves only an unpaid request of that tenant', async () => {
        const h = harness();
        h.provider();
        const o = h.offering({ stock: 1 });
        // Ten free principals with ten unpaid requests each: nothing is held, the offering stays rentable.
        for (let i = 0; i < 10; i++) for (let k = 0; k < 10; k++) unwrap(h.market.requestContract(`flooder-${i}`, o.id, 24));
        const refused = await h.market.rentOffering(T, o.id, 24);
        expect(errKind(refused)).toBe('LedgerError');
        const left = h.store.contracts.get(BigInt(h.store.contracts.len()))!;
        expect([left.tenant, left.status, left.deposited, left.pendingPull]).toEqual([T, 'Requested', 0n, null]);
        expect(h.ledger.balance('ICP', SELF)).toBe(0n);
        h.wallet(T, 25_000n);
        const paid = unwrap(await h.market.rentOffering(T, o.id, 24));
        expect([paid.status, paid.deposited, paid.total]).toEqual(['Pending', 25_000n, 25_000n]);
        expect(h.ledger.balance('ICP', SELF)).toBe(25_000n);
        expect(errKind(await h.market.rentOffering(P, o.id, 24))).toBe('Unauthorized');
        h.checkConservation();
    });

    it("a tenant's pause keeps billing (the tenant bought the period) and expires at the end", async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(48);
        unwrap(h.market.pauseContract(T, c.id, 'not needed this week'));
        expect(errKind(h.market.pauseContract(P, c.id, ''))).toBe('InvalidTransition');
        unwrap(h.market.reportProvisioned(P, c.id, 'new address'));
        expect(h.store.contracts.get(c.id)!.connection).toBe('new address');
        unwrap(h.market.pauseContract(T, c.id, ''));
        h.advance(49n * H);
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Expired');
        expect(k.released).toBe(49_000n);
        h.checkConservation();
    });

    it("a provider's pause stops billing: nothing accrues, the paused time moves after it exactly, and the contract never expires meanwhile", async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(48);
        const end0 = c.segments.at(-1)!.end;
        h.advance(10n * H);
        expect(errKind(h.market.pauseContract('stranger', c.id, ''))).toBe('Unauthorized');
        // The pause settles to its moment first: 10 hours served are the provider's.
        expect(unwrap(h.market.pauseContract(P, c.id, 'disk replacement')).released).toBe(11_000n);
        h.advance(60n * H); // past the booked end
        await h.runTimers();
        let k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Paused');
        expect(k.released).toBe(11_000n);
        expect(h.market.contractBalance(c.id)!.releasableNow).toBe(0n);
        expect(errKind(h.market.pauseContract(T, c.id, ''))).toBe('InvalidTransition');
        // The tenant resumes: the 38 unserved hours run from now.
        k = unwrap(h.market.resumeContract(T, c.id));
        expect(k.segments.at(-1)!.end).toBe(end0 + 60n * H);
        expect(k.released).toBe(11_000n);
        h.advance(37n * H);
        await h.runTimers();
        expect(h.store.contracts.get(c.id)!.released).toBe(48_000n);
        h.advance(1n * H);
        await h.runTimers();
        k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Expired');
        expect(k.released).toBe(49_000n);
        expect(k.refunded).toBe(0n);
        h.checkConservation();
    });

    it("an extension bought during a provider's pause follows the paused time: no gap, no time lost", async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(24);
        const end0 = c.segments.at(-1)!.end;
        h.advance(20n * H);
        unwrap(h.market.pauseContract(P, c.id, ''));
        h.advance(10n * H); // past the booked end: not ended, the clock stopped at the pause
        unwrap(h.market.extendContract(T, c.id, 24));
        h.wallet(T, 24_000n);
        unwrap(await h.market.fund(T, c.id));
        const k = unwrap(h.market.resumeContract(T, c.id));
        const segs = k.segments.filter((x) => x.hours > 0);
        expect(segs.at(-2)!.end).toBe(end0 + 10n * H);
        expect(segs.at(-1)!.start).toBe(segs.at(-2)!.end);
        expect(segs.at(-1)!.end - segs.at(-1)!.start).toBe(24n * H);
        h.checkConservation();
    });

    it("the tenant cancels a provider's pause at any time: everything not earned before the pause comes back, to the base unit", async () => {
        const h = harness({ feeBps: 250 });
        h.provider();
        const c = await h.provisioned(48);
        h.advance(10n * H + 123_456_789n);
        unwrap(h.market.pauseContract(P, c.id, ''));
        const atPause = h.store.contracts.get(c.id)!.released;
        expect(atPause).toBe(1_000n + (48_000n * (10n * H + 123_456_789n)) / (48n * H));
        h.advance(20n * H);
        const r = unwrap(await h.market.cancelContract(T, c.id, 'no service'));
        expect(r.contract.released).toBe(atPause);
        expect(r.contract.refunded).toBe(49_000n - atPause);
        expect(r.contract.fee).toBe((atPause * 250n) / 10_000n);
        h.checkConservation();
    });

    it("a provider's pause ended by re-provisioning or by the provider's resume moves the end too; a pause before the pause moment's release is exact", async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(48);
        const end0 = c.segments.at(-1)!.end;
        unwrap(h.market.pauseContract(P, c.id, ''));
        h.advance(3n * H);
        unwrap(h.market.reportProvisioned(P, c.id, 'moved to a new host'));
        unwrap(h.market.pauseContract(P, c.id, ''));
        h.advance(2n * H);
        const k = unwrap(h.market.resumeContract(P, c.id));
        expect(k.segments.at(-1)!.end).toBe(end0 + 5n * H);
        expect(k.released).toBe(1_000n);
        h.checkConservation();
    });

    it('platform fee: taken from each release, withdrawn by controllers to the fee account', async () => {
        const h = harness({ feeBps: 500 });
        h.provider();
        const c = await h.provisioned(720);
        h.advance(800n * H);
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.fee).toBe((721_000n * 500n) / 10_000n);
        expect(h.market.books.balance(FEE_ACCOUNT, 'ICP')).toBe(k.fee);
        expect(h.market.books.balance(P, 'ICP')).toBe(k.released - k.fee);
        const t = unwrap(await h.market.withdrawFees('ICP', null));
        expect(t.status).toBe('Done');
        expect(h.ledger.balance('ICP', FEE_OWNER)).toBe(k.fee - 10n);
        h.checkConservation();
    });
});

describe('rejections', () => {
    it('typed errors for every invalid request', async () => {
        const h = harness();
        h.provider();
        const o = h.offering({ minHours: 10, maxHours: 100, stock: 1 });
        expect(errKind(h.market.requestContract('2vxsx-fae', o.id, 10))).toBe('Unauthorized');
        expect(errKind(h.market.requestContract(T, 99n, 10))).toBe('NotFound');
        expect(errKind(h.market.requestContract(T, o.id, 9))).toBe('InvalidInput');
        expect(errKind(h.market.requestContract(T, o.id, 101))).toBe('InvalidInput');
        expect(errKind(h.market.requestContract(P, o.id, 10))).toBe('Unauthorized');
        expect(errKind(h.market.registerProvider(P, { name: 'x', description: '', website: '', contacts: [], payout: { owner: P, subaccount: null } }))).toBe('AlreadyExists');
        expect(errKind(h.market.createOffering(T, o))).toBe('Unauthorized');
        expect(errKind(h.market.updateOffering(T, o.id, o))).toBe('Unauthorized');
        const c = unwrap(h.market.requestContract(T, o.id, 10));
        expect(errKind(h.market.acceptContract(T, c.id))).toBe('Unauthorized');
        expect(errKind(await h.market.fund(P, c.id))).toBe('Unauthorized');
        expect(errKind(await h.market.fund(T, c.id))).toBe('LedgerError'); // no allowance
        expect(h.store.contracts.get(c.id)!.pendingPull).toBeNull();
        expect(errKind(h.market.startProvisioning(P, c.id))).toBe('InvalidTransition');
        unwrap(h.market.acceptContract(P, c.id)); // pre-accepted before payment
        expect(errKind(h.market.startProvisioning(P, c.id))).toBe('InvalidState'); // not paid
        expect(errKind(h.market.requestContract('tenant-3', o.id, 10))).toBe('OutOfStock');
        h.wallet(T, 20_000n);
        unwrap(await h.market.fund(T, c.id));
        expect(errKind(await h.market.fund(T, c.id))).toBe('NothingDue');
        expect(errKind(h.market.extendContract(T, c.id, 1))).toBe('InvalidState');
        expect(errKind(await h.market.withdraw(T, 'ICP', 5n))).toBe('InsufficientBalance');
        expect(errKind(await h.market.withdraw(T, 'XYZ', 5n))).toBe('UnknownToken');
        expect(errKind(await h.market.creditPayment(T, c.id, 'pay-1', 10n))).toBe('Unauthorized');
    });
});

describe('ICPay credits through the relay', () => {
    it('credits once, refuses duplicates, underpayment and uncovered credits', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        const due = c.quote!.amount;
        expect(errKind(await h.market.creditPayment(RELAY, c.id, 'pay-1', due))).toBe('InsufficientLedgerBalance');
        h.ledger.mint('ICP', SELF, due);
        expect(errKind(await h.market.creditPayment(RELAY, c.id, 'pay-1', due - 1n))).toBe('Underpaid');
        const k = unwrap(await h.market.creditPayment(RELAY, c.id, 'pay-1', due));
        expect(k.status).toBe('Pending');
        expect(k.history.at(-1)!.role).toBe('relay');
        expect(await h.market.creditPayment(RELAY, c.id, 'pay-1', due)).toEqual({ Err: { PaymentAlreadyCredited: { paymentId: 'pay-1', contractId: c.id } } });
        h.checkConservation();
    });

    it('two credits interleaved around the balance query: the second is re-checked and refused', async () => {
        const h = harness();
        h.provider();
        const o = h.offering();
        const a = unwrap(h.market.requestContract(T, o.id, 24));
        const b = unwrap(h.market.requestContract('tenant-2', o.id, 24));
        h.ledger.mint('ICP', SELF, a.quote!.amount); // covers only one of them
        h.ledger.faults.push('hold', 'hold' as never);
        const first = h.market.creditPayment(RELAY, a.id, 'pay-a', a.quote!.amount);
        const second = h.market.creditPayment(RELAY, b.id, 'pay-b', b.quote!.amount);
        await Promise.resolve();
        h.ledger.faults.length = 0;
        h.ledger.release();
        const [ra, rb] = await Promise.all([first, second]);
        expect(errKind(ra)).toBe('Ok');
        expect(errKind(rb)).toBe('InsufficientLedgerBalance');
        h.checkConservation();
    });

    it('a payment for a cancelled contract is booked and refunded to the payer at once: no unbooked surplus', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        unwrap(await h.market.cancelContract(T, c.id, 'changed my mind'));
        const due = c.quote!.amount;
        h.ledger.mint('ICP', SELF, due);
        const k = unwrap(await h.market.creditPayment(RELAY, c.id, 'late-1', due));
        expect(k.status).toBe('Cancelled');
        expect(k.deposited).toBe(due);
        expect(k.refunded).toBe(due);
        const refund = h.market.transferPage(T, 0, 10, false).items.at(-1)!;
        expect(refund).toMatchObject({ kind: 'Refund', status: 'Done', amount: due, contractId: c.id });
        expect(h.ledger.balance('ICP', SELF)).toBe(0n);
        expect(h.ledger.balance('ICP', T)).toBe(due - h.ledger.fee);
        // Credited once: the same payment id again is refused, typed.
        expect(errKind(await h.market.creditPayment(RELAY, c.id, 'late-1', due))).toBe('PaymentAlreadyCredited');
        h.checkConservation();
    });

    it('a second payment for an already paid contract is refunded, the paid escrow untouched', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        const due = c.quote!.amount;
        h.ledger.mint('ICP', SELF, 2n * due);
        unwrap(await h.market.creditPayment(RELAY, c.id, 'pay-1', due));
        const k = unwrap(await h.market.creditPayment(RELAY, c.id, 'pay-2', due));
        expect(k.status).toBe('Pending');
        expect(k.deposited - k.refunded).toBe(due);
        expect(h.market.contractBalance(c.id)!.held).toBe(due);
        h.checkConservation();
    });

    it('an overpayment is kept as the tenant\'s withdrawable balance', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        h.ledger.mint('ICP', SELF, c.quote!.amount + 500n);
        unwrap(await h.market.creditPayment(RELAY, c.id, 'pay-1', c.quote!.amount + 500n));
        expect(h.market.accountBalance(T, 'ICP').withdrawable).toBe(500n);
        h.checkConservation();
    });
});

describe('ledger failures on withdrawal', () => {
    async function earned() {
        const h = harness();
        h.provider();
        await h.provisioned(24);
        h.advance(30n * H);
        await h.runTimers();
        return h;
    }

    it('reject before execution: stays in flight, retried with the same created_at_time and memo, paid once', async () => {
        const h = await earned();
        h.ledger.faults.push('reject');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('InFlight');
        expect(h.market.accountBalance(P, 'ICP').withdrawable).toBe(0n); // debited before the call
        h.checkConservation();
        const r = unwrap(await h.market.retryTransfer(t.id));
        expect(r.status).toBe('Done');
        expect(r.createdAtTime).toBe(t.createdAtTime);
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 10n);
        h.checkConservation();
    });

    it('the transfer succeeds but the reply is lost: the retry gets Duplicate, counted as success, paid once', async () => {
        const h = await earned();
        h.ledger.faults.push('lostReply');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('InFlight');
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 10n);
        h.advance(10n * 60n * 1_000_000_000n);
        await h.market.retryInFlight(10); // the timer's retry
        const r = h.store.transfers.get(t.id)!;
        expect(r.status).toBe('Done');
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 10n);
        h.checkConservation();
    });

    it('unknown first outcome, then the fee changes: found in the ledger\'s blocks, Done, paid once', async () => {
        const h = await earned();
        h.ledger.faults.push('lostReply');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('InFlight');
        h.ledger.fee = 20n; // every retry with the old arguments now gets BadFee
        const r = unwrap(await h.market.retryTransfer(t.id));
        expect(r.status).toBe('Done');
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 10n);
        h.checkConservation();
    });

    it('unknown first outcome that never executed, then the fee changes: absent from the blocks, sent again with the new fee', async () => {
        const h = await earned();
        h.ledger.faults.push('reject');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        h.ledger.fee = 20n;
        const r = unwrap(await h.market.retryTransfer(t.id));
        expect(r.status).toBe('Done');
        expect(r.ledgerFee).toBe(20n);
        expect(r.createdAtTime).toBeGreaterThanOrEqual(t.createdAtTime);
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 20n);
        expect(h.market.tokenConfig('ICP')!.fee).toBe(20n);
        h.checkConservation();
    });

    it('the block lookup fails: still in flight, nothing sent twice', async () => {
        const h = await earned();
        h.ledger.faults.push('reject');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        h.ledger.fee = 20n;
        h.ledger.faults.push(undefined as never, 'reject'); // the retry reaches the ledger (BadFee), the lookup is rejected
        const r = unwrap(await h.market.retryTransfer(t.id));
        expect(r.status).toBe('InFlight');
        expect(h.ledger.balance('ICP', P)).toBe(0n);
        h.checkConservation();
        const again = unwrap(await h.market.retryTransfer(t.id));
        expect(again.status).toBe('Done');
        expect(h.ledger.balance('ICP', P)).toBe(t.amount - 20n);
        h.checkConservation();
    });

    it('temporarily unavailable: kept in flight and retried', async () => {
        const h = await earned();
        h.ledger.faults.push('unavailable');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('InFlight');
        expect(t.lastError).toMatch(/TemporarilyUnavailable/);
        expect(unwrap(await h.market.retryTransfer(t.id)).status).toBe('Done');
        h.checkConservation();
    });

    it('a definite failure re-credits the balance', async () => {
        const h = await earned();
        const before = h.market.accountBalance(P, 'ICP').withdrawable;
        h.ledger.faults.push('genericError');
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('Failed');
        expect(h.market.accountBalance(P, 'ICP').withdrawable).toBe(before);
        h.checkConservation();
        expect(unwrap(await h.market.withdraw(P, 'ICP', null)).status).toBe('Done');
        h.checkConservation();
    });

    it('BadFee fails definitely and adopts the ledger\'s fee', async () => {
        const h = await earned();
        h.ledger.fee = 20n;
        const t = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(t.status).toBe('Failed');
        expect(h.market.tokenConfig('ICP')!.fee).toBe(20n);
        const u = unwrap(await h.market.withdraw(P, 'ICP', null));
        expect(u.status).toBe('Done');
        expect(u.ledgerFee).toBe(20n);
        h.checkConservation();
    });

    it('partial withdrawals and amounts at or below the fee', async () => {
        const h = await earned();
        expect(errKind(await h.market.withdraw(P, 'ICP', 10n))).toBe('AmountBelowFee');
        const t = unwrap(await h.market.withdraw(P, 'ICP', 1_000n));
        expect(h.ledger.balance('ICP', P)).toBe(990n);
        expect(h.market.accountBalance(P, 'ICP').withdrawable).toBe(25_000n - t.amount);
        h.checkConservation();
    });
});

describe('messages interleaving around awaits', () => {
    it('the tenant cancels while the ICRC-2 pull is in flight: the late deposit is refunded at once', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        h.wallet(T, c.quote!.amount);
        h.ledger.faults.push('hold');
        const funding = h.market.fund(T, c.id);
        expect(errKind(await h.market.fund(T, c.id))).toBe('FundingInProgress');
        unwrap(await h.market.cancelContract(T, c.id, 'changed my mind'));
        h.ledger.release();
        await funding;
        const k = h.store.contracts.get(c.id)!;
        expect(k.status).toBe('Cancelled');
        expect(k.deposited).toBe(c.quote!.amount);
        expect(k.refunded).toBe(k.deposited);
        expect(h.ledger.balance('ICP', T)).toBe(c.quote!.amount - 10n);
        h.checkConservation();
    });

    it('an unknown pull outcome is retried by the timer and booked once', async () => {
        const h = harness();
        h.provider();
        const c = unwrap(h.market.requestContract(T, h.offering().id, 24));
        h.wallet(T, c.quote!.amount);
        h.ledger.faults.push('lostReply');
        expect(errKind(await h.market.fund(T, c.id))).toBe('LedgerError');
        expect(h.store.contracts.get(c.id)!.pendingPull).not.toBeNull();
        h.advance(61n * 60n * 1_000_000_000n); // would expire, but the pull is retried first
        await h.runTimers();
        const k = h.store.contracts.get(c.id)!;
        expect(k.deposited).toBe(c.quote!.amount);
        expect(k.pendingPull).toBeNull();
        h.checkConservation();
    });

    it('two withdrawals submitted together cannot spend the balance twice', async () => {
        const h = harness();
        h.provider();
        await h.provisioned(24);
        h.advance(30n * H);
        await h.runTimers();
        h.ledger.faults.push('hold');
        const a = h.market.withdraw(P, 'ICP', null);
        const b = await h.market.withdraw(P, 'ICP', null);
        expect(errKind(b)).toBe('InsufficientBalance');
        h.ledger.release();
        expect(unwrap(await a).status).toBe('Done');
        h.checkConservation();
    });

    it('a release run and a cancellation on the same contract do not double count', async () => {
        const h = harness();
        h.provider();
        const c = await h.provisioned(720);
        h.advance(D + 3n);
        h.ledger.faults.push('hold');
        const cancel = h.market.cancelContract(T, c.id, '');
        await h.runTimers();
        h.ledger.release();
        await cancel;
        const k = h.store.contracts.get(c.id)!;
        expect(k.released + k.refunded).toBe(k.deposited);
        h.checkConservation();
    });
});

describe('upgrade: nothing is rebuilt', () => {
    it('a fresh keeper over the same store sees the same balances, due times and books, equal to a recomputation', async () => {
        const h = harness({ feeBps: 100 });
        h.provider();
        await h.provisioned(720);
        await h.provisioned(30, 'tenant-2');
        h.advance(40n * H);
        await h.runTimers();
        const before = h.market.accountBalance(P, 'ICP');
        const fresh = new Market(h.store, h.ledger, () => h.now, SELF);
        fresh.rebuild();
        expect(fresh.accountBalance(P, 'ICP')).toEqual(before);
        expect(fresh.books.tokens()).toEqual(h.market.books.tokens());
        expect(fresh.due.peek()).toBe(h.market.due.peek());
        expect(fresh.checkBooks(null).violations).toEqual([]);
        expect(booksDiff(Books.build(h.store.contracts.values(), h.store.transfers.values()), fresh.books)).toEqual([]);
        void T0;
    });
});
