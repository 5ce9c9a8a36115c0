// The escrow's money planners, pure: a frozen plain-data view in, Effects (or a typed error) out.
// No storage: the records are snapshots taken from a harness run, deep-frozen, so a planner that
// tried to change one would throw; a refused plan returns no effects at all.
import { describe, expect, it } from 'vitest';
import type { TokenTotals } from '../../src/escrow/domain/books';
import { FEE_ACCOUNT, NS_PER_DAY, type Config, type Contract, type Offering, type Provider, type Transfer } from '../../src/kernel/records';
import { planFund, planPullLookedUp, planPullOutcome } from '../../src/escrow/funding';
import { checkIcpay, planIcpayBooking } from '../../src/escrow/icpay';
import type { IcpayTx } from '../../src/escrow/domain/icpay';
import { ACCOUNT, FakeIcpay, ICPAY, packMemo } from '../domain/fake_icpay';
import { planClose, planMove } from '../../src/escrow/lifecycle';
import { planLookedUp, planSent, planWithdraw } from '../../src/escrow/payouts';
import { planDue } from '../../src/escrow/release';
import { planSlaCredit } from '../../src/escrow/sla';
import type { EscrowView } from '../../src/escrow/view';
import { harness, P, RELAY, SELF, T, unwrap } from '../domain/harness';

function freeze<T>(x: T): T {
    if (x !== null && typeof x === "object" && !ArrayBuffer.isView(x) && !Object.isFrozen(x)) {
        Object.freeze(x);
        for (const v of Object.values(x)) freeze(v);
    }
    return x;
}

interface World {
    config: Config;
    contracts: Contract[];
    offerings: Offering[];
    providers: Provider[];
    transfers: Transfer[];
    balances: Record<string, bigint>;
    totals: TokenTotals;
}

function view(w: World, busy: string[] = []): EscrowView {
    freeze(w);
    return {
        config: () => w.config,
        contract: (id) => w.contracts.find((c) => c.id === id),
        offering: (id) => w.offerings.find((o) => o.id === id),
        provider: (id) => w.providers.find((p) => p.id === id),
        payout: (id) => w.providers.find((p) => p.id === id)?.payout,
        transfer: (id) => w.transfers.find((t) => t.id === id),
        payment: (p) => (p === `icpay:${ICPAY}:1` ? 2n : undefined),
        contractCount: () => w.contracts.length,
        offeringCount: () => w.offerings.length,
        listCount: () => 0,
        transferCount: () => w.transfers.length,
        counter: () => 0,
        balance: (a, t) => (t === 'ICP' ? w.balances[a] ?? 0n : 0n),
        totals: () => w.totals,
        dueIds: (now, max) => w.contracts.filter((c) => c.statusSince + w.config.requestTimeoutNs <= now && c.status === 'Requested').map((c) => c.id).slice(0, max),
        isBusy: (k) => busy.includes(k)
    };
}

/** Snapshot of a small marketplace: contract 1 provisioned (paid), 2 rejected (paid by ICPay), 3 with a pull pending, 4 requested (unpaid). */
async function world(): Promise<World & { now: bigint }> {
    const h = harness();
    h.provider();
    const c1 = await h.provisioned(720);
    const c2 = unwrap(h.market.requestContract(T, c1.offeringId, 24));
    const c3 = unwrap(h.market.requestContract(T, c1.offeringId, 24));
    unwrap(h.market.escrow.run(planFund(h.market.escrow.view, T, c3.id, h.now)));
    unwrap(h.market.requestContract(T, c1.offeringId, 24));
    h.advance(10n * NS_PER_DAY);
    h.ledger.mint('ICP', SELF, c3.quote!.amount);
    const ic = FakeIcpay.into(h.market, h.ledger, SELF);
    unwrap(await h.market.notifyIcpayPayment(T, c2.id, ic.pay(T, c2.id, 2n * c2.quote!.amount).id));
    unwrap(h.market.rejectContract(P, c2.id, 'no') as never);
    const s = h.store;
    return {
        now: h.now,
        config: h.market.config(),
        contracts: s.contracts.values(),
        offerings: s.offerings.values(),
        providers: s.providers.values(),
        transfers: s.transfers.values(),
        balances: { [P]: h.market.books.balance(P, 'ICP'), [T]: h.market.books.balance(T, 'ICP'), [FEE_ACCOUNT]: 0n },
        totals: h.market.books.token('ICP')
    };
}

describe('escrow planners (pure)', async () => {
    const w = await world();
    const v = view(w);
    const now = w.now;

    it('cancel: settles to now, refunds exactly the unearned remainder, frees the stock, notifies the change', () => {
        const p = unwrap(planClose(v, T, 1n, 'Cancelled', ['tenant'], 'cancelContract', 'bye', now));
        const [write] = p.effects.writes.writes('contracts');
        expect(write!.before!.status).toBe('Provisioned');
        expect(write!.after.status).toBe('Cancelled');
        const c = write!.after;
        expect(c.deposited).toBe(c.released + c.refunded);
        expect(p.value.refund!.amount).toBe(c.refunded - write!.before!.refunded);
        expect(p.effects.writes.writes('transfers')).toHaveLength(1);
        expect(p.effects.writes.writes('transfers')[0]!.after).toMatchObject({ status: 'InFlight', kind: 'Refund', account: T });
        expect(p.effects.writes.written('offerings').get(w.offerings[0]!.id)!.inUse).toBe(w.offerings[0]!.inUse - 1);
        expect(p.effects.journal.map((j) => j.kind)).toEqual(['Release', 'Refund']);
        expect(p.effects.hooks).toEqual([{ contract: c, from: 'Provisioned' }]);
        expect(c.connection).toBe('');
    });

    it('refused changes plan nothing: a stranger, the wrong role, a note too long, a closed contract', () => {
        expect(planClose(v, 'stranger', 1n, 'Cancelled', ['tenant'], 'cancelContract', '', now)).toMatchObject({ Err: { Unauthorized: {} } });
        expect(planClose(v, P, 1n, 'Cancelled', ['tenant'], 'cancelContract', '', now)).toMatchObject({ Err: { Unauthorized: {} } });
        expect(planClose(v, T, 1n, 'Cancelled', ['tenant'], 'cancelContract', 'x'.repeat(501), now)).toMatchObject({ Err: { InvalidInput: { field: 'note' } } });
        expect(planMove(v, T, 2n, 'Paused', ['tenant'], 'pauseContract', now)).toMatchObject({ Err: { InvalidTransition: { from: 'Rejected' } } });
        expect(planClose(v, T, 99n, 'Cancelled', ['tenant'], 'cancelContract', '', now)).toMatchObject({ Err: { NotFound: {} } });
    });

    it('withdraw: debits by creating the transfer in flight, to the payout account; refusals are typed', () => {
        const bal = w.balances[P]!;
        expect(bal).toBeGreaterThan(10n);
        const p = unwrap(planWithdraw(v, P, 'ICP', null, now));
        expect(p.value).toMatchObject({ status: 'InFlight', amount: bal, account: P, to: w.providers[0]!.payout, id: BigInt(w.transfers.length + 1) });
        expect(p.effects.writes.writes('contracts')).toEqual([]);
        expect(planWithdraw(v, P, 'ICP', bal + 1n, now)).toEqual({ Err: { InsufficientBalance: { available: bal, requested: bal + 1n } } });
        expect(planWithdraw(v, P, 'ICP', 10n, now)).toEqual({ Err: { AmountBelowFee: { amount: 10n, fee: 10n } } });
        expect(planWithdraw(v, P, 'XYZ', null, now)).toEqual({ Err: { UnknownToken: { token: 'XYZ' } } });
        expect(planWithdraw(v, '2vxsx-fae', 'ICP', null, now)).toMatchObject({ Err: { Unauthorized: {} } });
    });

    it('pull outcomes: Done books the deposit and moves to Pending; a refusal clears the pull; a lost reply keeps it, uncertain, and retries', () => {
        const c3 = w.contracts[2]!;
        const sent = c3.pendingPull!.createdAtTime;
        const actor = { principal: T, role: 'tenant' as const };
        const booked = (p: ReturnType<typeof planPullOutcome>) => {
            if (p.value.kind !== 'booked') throw new Error('expected a booked outcome');
            return p.value.result;
        };
        const done = planPullOutcome(v, 3n, sent, actor, { kind: 'ok', block: 7n }, now);
        expect(unwrap(booked(done)).contract).toMatchObject({ status: 'Pending', pendingPull: null, deposited: c3.pendingPull!.amount, quote: null });
        expect(done.effects.journal[0]).toMatchObject({ kind: 'Deposit', block: 7n, amount: c3.pendingPull!.amount });
        const refused = planPullOutcome(v, 3n, sent, actor, { kind: 'error', code: 'InsufficientAllowance', message: 'no' }, now);
        expect(booked(refused)).toMatchObject({ Err: { LedgerError: {} } });
        expect(refused.effects.writes.writes('contracts')[0]!.after).toMatchObject({ status: 'Requested', pendingPull: null, deposited: 0n });
        expect(refused.effects.journal).toEqual([]);
        const lost = planPullOutcome(v, 3n, sent, actor, { kind: 'unknown', message: 'reply lost' }, now);
        expect(lost.effects.writes.writes('contracts')[0]!.after.pendingPull).toMatchObject({ uncertain: true, createdAtTime: sent });
        expect(lost.effects.dueTimes.get(3n)).toBeGreaterThan(now);
        expect(lost.effects.journal).toEqual([]);
        // TooOld on a first attempt: nothing moved, the pull is cleared.
        const old = planPullOutcome(v, 3n, sent, actor, { kind: 'error', code: 'TooOld', message: '' }, now);
        expect(old.effects.writes.writes('contracts')[0]!.after.pendingPull).toBeNull();
        // An answer to an older attempt books nothing.
        const stale = planPullOutcome(v, 3n, sent - 1n, actor, { kind: 'ok', block: 8n }, now);
        expect(booked(stale)).toMatchObject({ Err: { FundingInProgress: {} } });
        expect(stale.effects.writes.writes('contracts')).toEqual([]);
    });

    it('an uncertain pull answered TooOld is reconciled against the blocks: found books it, absent clears it, unknown waits', async () => {
        const u = await world();
        const c3 = u.contracts[2]!;
        u.contracts[2] = { ...c3, pendingPull: { ...c3.pendingPull!, uncertain: true } };
        const uv = view(u);
        const sent = c3.pendingPull!.createdAtTime;
        const actor = { principal: T, role: 'system' as const };
        const tooOld = planPullOutcome(uv, 3n, sent, actor, { kind: 'error', code: 'TooOld', message: '' }, u.now);
        expect(tooOld.value).toEqual({ kind: 'reconcile' });
        expect(tooOld.effects.writes.writes('contracts')).toEqual([]);
        const found = planPullLookedUp(uv, 3n, sent, actor, { kind: 'found', block: 42n }, u.now);
        expect(unwrap(found.value).contract).toMatchObject({ status: 'Pending', pendingPull: null, deposited: c3.pendingPull!.amount });
        expect(found.effects.journal[0]).toMatchObject({ kind: 'Deposit', block: 42n });
        const absent = planPullLookedUp(uv, 3n, sent, actor, { kind: 'absent' }, u.now);
        expect(absent.value).toMatchObject({ Err: { LedgerError: {} } });
        expect(absent.effects.writes.writes('contracts')[0]!.after).toMatchObject({ pendingPull: null, deposited: 0n });
        expect(absent.effects.journal).toEqual([]);
        const unknown = planPullLookedUp(uv, 3n, sent, actor, { kind: 'unknown', message: 'ledger down' }, u.now);
        expect(unknown.effects.writes.writes('contracts')).toEqual([]);
        expect(unknown.effects.dueTimes.get(3n)).toBeGreaterThan(u.now);
        expect(planPullLookedUp(uv, 3n, sent - 1n, actor, { kind: 'found', block: 42n }, u.now).effects.journal).toEqual([]);
    });

    it('fund is refused while a pull for it is outstanding, and on a closed contract', () => {
        expect(planFund(view(w, ['pull:3']), T, 3n, now)).toMatchObject({ Err: { FundingInProgress: {} } });
        expect(planFund(v, T, 2n, now)).toMatchObject({ Err: { InvalidState: { status: 'Rejected' } } });
    });

    it('ICPay: checked against the record, booked for what the blocks moved; replays, pulls pending and late payments', () => {
        const q = w.contracts[3]!.quote!.amount;
        const tx = (over: Partial<IcpayTx> = {}): IcpayTx => ({
            id: 50n, status: 'Completed', account: ACCOUNT, ledger: 'ledger-icp', sender: T, recipient: SELF, memo: packMemo(ACCOUNT, 4n), amount: q + 100n,
            accountAmount: q, platformFee: 90n, relayFee: 0n, transferFee: 10n, received: 900n, split: { amount: q, block: 901n }, ...over
        });
        const blocks = (t: IcpayTx) => new Map([
            [t.received!, { from: t.sender, to: ICPAY, toSubaccount: null, amount: t.amount, memo: t.memo }],
            [t.split!.block!, { from: ICPAY, to: SELF, toSubaccount: null, amount: t.split!.amount, memo: null }]
        ]);
        expect(checkIcpay(v, SELF, RELAY, 2n, 1n, tx({ id: 1n, memo: packMemo(ACCOUNT, 2n) }))).toMatchObject({ Err: { PaymentAlreadyCredited: { contractId: 2n } } });
        expect(checkIcpay(v, SELF, RELAY, 4n, 50n, tx({ status: 'Received', split: { amount: q, block: null } }))).toMatchObject({ Err: { PaymentRefused: { reason: { NotForwarded: {} } } } });
        const t3 = tx({ memo: packMemo(ACCOUNT, 3n) });
        expect(planIcpayBooking(v, SELF, RELAY, 3n, t3, blocks(t3), now)).toMatchObject({ Err: { FundingInProgress: {} } });
        expect(planIcpayBooking(v, SELF, RELAY, 4n, tx(), new Map(), now)).toMatchObject({ Err: { PaymentRefused: { reason: { LedgerMismatch: {} } } } });
        const p = unwrap(planIcpayBooking(v, SELF, RELAY, 4n, tx(), blocks(tx()), now));
        expect(p.value.contract.status).toBe('Pending');
        expect(p.effects.payments).toEqual([[`icpay:${ICPAY}:50`, 4n], ['block:ledger-icp:901', 4n]]);
        const lateTx = tx({ id: 51n, memo: packMemo(ACCOUNT, 2n), received: 910n, split: { amount: 5_000n, block: 911n } });
        const late = unwrap(planIcpayBooking(v, SELF, RELAY, 2n, lateTx, blocks(lateTx), now));
        expect(late.value.outcome).toEqual({ RefundedNotAwaiting: { status: 'Rejected' } });
        expect(late.value.refund).toMatchObject({ amount: 5_000n, kind: 'Refund', account: T });
        expect(late.effects.journal.map((j) => j.kind)).toEqual(['Deposit', 'Refund']);
    });

    it('a transfer answered BadFee on its first attempt fails (balance re-credited) and adopts the fee; an uncertain one is looked up instead', () => {
        const t = w.transfers[0]!;
        const withT = { ...w, transfers: [{ ...t, status: 'InFlight' as const, uncertain: false, block: null }] };
        const p = planSent(view(structuredClone(withT)), t.id, { kind: 'error', code: 'BadFee', message: 'fee', expectedFee: 20n }, now);
        expect(p.value).toMatchObject({ kind: 'booked', transfer: { status: 'Failed' } });
        expect(p.effects.config!.tokens[0]!.fee).toBe(20n);
        const uncertain = { ...w, transfers: [{ ...t, status: 'InFlight' as const, uncertain: true, block: null }] };
        const u = planSent(view(structuredClone(uncertain)), t.id, { kind: 'error', code: 'BadFee', message: 'fee', expectedFee: 20n }, now);
        expect(u.value).toEqual({ kind: 'reconcile', fee: 20n });
        expect(u.effects.writes.writes('transfers')).toEqual([]);
        const found = planLookedUp(view(structuredClone(uncertain)), t.id, t.createdAtTime, { kind: 'found', block: 3n }, 20n, now);
        expect(found.value.transfer).toMatchObject({ status: 'Done', block: 3n });
        const absent = planLookedUp(view(structuredClone(uncertain)), t.id, t.createdAtTime, { kind: 'absent' }, 20n, now);
        expect(absent.value).toMatchObject({ resend: true, transfer: { ledgerFee: 20n, createdAtTime: now, status: 'InFlight' } });
    });

    it('SLA credit above the unearned remainder is refused; within it, future earnings fall by the amount', () => {
        expect(planSlaCredit(v, 1n, 10n ** 15n, 'sla', now)).toMatchObject({ Err: { InsufficientBalance: {} } });
        const p = unwrap(planSlaCredit(v, 1n, 100n, 'sla', now));
        expect(p.value.credited).toBe(100n);
        expect(p.effects.journal.at(-1)).toMatchObject({ kind: 'SlaCredit', amount: 100n, account: T });
    });

    it('the timer run expires timed-out requests (full refund) and looks again later at one whose pull is unknown', () => {
        const later = now + 2n * w.config.requestTimeoutNs;
        const one = planDue(v, SELF, 1, later);
        expect(one.value.processed).toBe(1);
        const all = planDue(v, SELF, 10, later);
        const expired = all.effects.writes.writes('contracts').find((x) => x.after.id === 4n)!.after;
        expect(expired).toMatchObject({ status: 'Expired', quote: null });
        expect(all.effects.dueTimes.get(3n)).toBeGreaterThan(later);
        expect(all.value.pulls).toEqual([3n]);
    });
});
