// Planners of funding: an ICRC-2 pull (recorded before the ledger call, booked from its outcome)
// and an ICPay credit from a registered relay. A payment that reaches a closed contract, or one
// with nothing due, is booked and refunded at once: never left as unbooked surplus.
import { liabilities } from './domain/books';
import { BILLING, TERMINAL, billedUntil, contractEnd, refundRemainder } from './domain/settlement';
import { transition } from './domain/state_machine';
import { pullMemo, resolve, type LedgerOutcome } from './domain/transfers';
import { NS_PER_HOUR, NS_PER_MINUTE, err, ok, type Actor, type Contract, type CanisterError, type Result, type Transfer } from '../kernel/records';
import type { TransferLookup } from './ports';
import { Draft, type Plan } from './effects';
import { invalid, unauthorized } from '../kernel/error';
import { actorFor, requestIn } from './lifecycle';
import { tokenOf, type EscrowView } from './view';

/** Minimum time between automatic retries of a pull or transfer of unknown outcome. */
export const RETRY_AFTER_NS = 5n * NS_PER_MINUTE;

export interface Deposit {
    contract: Contract;
    refund: Transfer | null;
}

export function fundable(c: Contract): CanisterError | null {
    if (TERMINAL.has(c.status)) return { InvalidState: { status: c.status, operation: 'fund' } };
    if (c.quote === null) return { NothingDue: { contractId: c.id } };
    return null;
}

/** Books a payment of `amount` into the draft; an overpayment's excess goes to the tenant's balance. */
export function depositIn(d: Draft, before: Contract, amount: bigint, actor: Actor, block: bigint | null, ref: string): Deposit {
    const now = d.now;
    let c: Contract = { ...before, pendingPull: null, deposited: before.deposited + amount };
    const entry = { contractId: c.id, account: c.tenant, token: c.token, fee: 0n };
    d.record({ ...entry, kind: 'Deposit', amount, block, ref });
    const q = c.quote;
    if (TERMINAL.has(c.status) || q === null) {
        // Paid after closing: everything left is refunded; paid when nothing is due: exactly this payment is.
        const closed = TERMINAL.has(c.status);
        const rr = closed ? refundRemainder({ ...c, quote: null }) : { contract: { ...c, refunded: c.refunded + amount }, refund: amount };
        d.record({ ...entry, kind: 'Refund', amount: rr.refund, block: null, ref: closed ? 'payment after close' : 'payment with nothing due' });
        const saved = d.putContract(rr.contract);
        // Refunded to the payer at once (dust at or below the ledger fee stays in its balance).
        return { contract: saved, refund: d.startTransfer('Refund', c.tenant, c.token, rr.refund, { owner: c.tenant, subaccount: null }, c.id) };
    }
    const segs = [...c.segments];
    if (BILLING.has(c.status)) {
        // Extension: appended after the current end (or from now if the end has passed; a
        // provider's pause stopped the clock at the pause, and the resume moves it along).
        const end = contractEnd(c);
        const at = billedUntil(c, now);
        const start = end > at ? end : at;
        segs.push({ hours: q.hours, amount: q.amount, start, end: start + BigInt(q.hours) * NS_PER_HOUR });
    } else {
        if (q.setupFee > 0n) segs.push({ hours: 0, amount: q.setupFee, start: 0n, end: 0n });
        segs.push({ hours: q.hours, amount: q.amount - q.setupFee, start: 0n, end: 0n });
    }
    c = { ...c, quote: null, segments: segs, total: c.total + q.amount };
    if (amount > q.amount) {
        const excess = amount - q.amount;
        c = { ...c, refunded: c.refunded + excess };
        d.record({ ...entry, kind: 'Refund', amount: excess, block: null, ref: 'overpayment' });
    }
    if (c.status === 'Requested') {
        const t = transition(c, 'Pending', actor, now, ref);
        if ('Ok' in t) c = t.Ok;
    }
    const saved = d.putContract(c);
    d.notify(saved, before.status);
    return { contract: saved, refund: null };
}

/** `fund`, before the ledger call: the pull is recorded (amount, created_at_time, memo), unless one is pending. */
export function planFund(v: EscrowView, caller: string, id: bigint, now: bigint): Result<Plan<Actor>> {
    const c = v.contract(id);
    if (c === undefined) return err({ NotFound: { what: 'contract', id: String(id) } });
    const a = actorFor(c, caller, ['tenant'], 'fund');
    if ('Err' in a) return a;
    if (v.isBusy(`pull:${id}`)) return err({ FundingInProgress: { contractId: id } });
    const d = new Draft(v, now);
    if (c.pendingPull === null) {
        const e = fundable(c);
        if (e !== null) return err(e);
        // k = how many quotes this contract has paid: unique per pull.
        const k = c.history.filter((h) => h.status === 'Pending').length + (c.historyOmitted ?? 0) + c.segments.length;
        d.putContract({ ...c, pendingPull: { amount: c.quote!.amount, createdAtTime: now, memo: pullMemo(id, k), uncertain: false } });
    }
    return ok(d.done(a.Ok));
}

/**
 * `rentOffering`, before the ledger call: the contract is created with its ICRC-2 pull recorded
 * (amount, created_at_time, memo) in one unit of work; the pull that follows books it (Pending) or,
 * refused, leaves an unpaid request that counts only against the tenant's own bound and expires.
 */
export function planRent(v: EscrowView, caller: string, offeringId: bigint, hours: number, now: bigint): Result<Plan<Contract>> {
    const d = new Draft(v, now);
    const r = requestIn(d, caller, offeringId, hours, 'rentOffering');
    if ('Err' in r) return r;
    const c = d.putContract({ ...r.Ok, pendingPull: { amount: r.Ok.quote!.amount, createdAtTime: now, memo: pullMemo(r.Ok.id, 0), uncertain: false } });
    return ok(d.done(c));
}

export type PullResult = Result<Deposit>;
/** A pull's outcome: booked (or refused), or "reconcile": only the ledger's blocks can say what the first attempt did. */
export type PullOutcome = { kind: 'booked'; result: PullResult } | { kind: 'reconcile' };

/** Books the outcome of a pull made with `sent` (its created_at_time identifies the attempt). */
export function planPullOutcome(v: EscrowView, id: bigint, sentAt: bigint, actor: Actor, outcome: LedgerOutcome, now: bigint): Plan<PullOutcome> {
    const d = new Draft(v, now);
    const booked = (result: PullResult) => d.done<PullOutcome>({ kind: 'booked', result });
    const c = v.contract(id)!;
    const pull = c.pendingPull;
    if (pull === null || pull.createdAtTime !== sentAt) return booked(err({ FundingInProgress: { contractId: id } }));
    // Out of the dedup window after an attempt with an unknown outcome: the retry proves nothing.
    if (outcome.kind === 'error' && outcome.code === 'TooOld' && pull.uncertain) return d.done({ kind: 'reconcile' });
    const res = resolve(outcome, pull.uncertain);
    if (res.status === 'Done') return booked(ok(depositIn(d, c, pull.amount, actor, res.block, `icrc2:${res.block}`)));
    if (res.status === 'Failed' || (outcome.kind === 'error' && outcome.code === 'TooOld')) {
        // The ledger refused the pull (e.g. InsufficientAllowance, or TooOld on a first attempt): nothing moved.
        d.putContract({ ...c, pendingPull: null });
        return booked(err({ LedgerError: { operation: 'icrc2_transfer_from', message: res.reason } }));
    }
    if (outcome.kind === 'unknown' && !pull.uncertain) d.putContract({ ...c, pendingPull: { ...pull, uncertain: true } });
    retryLater(d, id, now);
    return booked(err({ LedgerError: { operation: 'icrc2_transfer_from', message: `${res.reason}; call fund again to retry` } }));
}

/**
 * Books the block lookup of an uncertain pull: found → the deposit, with that block; absent → the
 * pull is given up (nothing moved; the tenant may fund again); unknown → looked up again later.
 */
export function planPullLookedUp(v: EscrowView, id: bigint, sentAt: bigint, actor: Actor, found: TransferLookup, now: bigint): Plan<PullResult> {
    const d = new Draft(v, now);
    const c = v.contract(id)!;
    const pull = c.pendingPull;
    if (pull === null || pull.createdAtTime !== sentAt) return d.done(err({ FundingInProgress: { contractId: id } }));
    if (found.kind === 'found') return d.done(ok(depositIn(d, c, pull.amount, actor, found.block, `icrc2:${found.block}`)));
    if (found.kind === 'absent') {
        d.putContract({ ...c, pendingPull: null });
        return d.done(err({ LedgerError: { operation: 'icrc2_transfer_from', message: "the pull is not in the ledger's blocks: nothing was charged; call fund again" } }));
    }
    retryLater(d, id, now);
    return d.done(err({ LedgerError: { operation: 'icrc2_transfer_from', message: `reconciliation pending: ${found.message}` } }));
}

/** Outcome unknown or transient: the timer comes back to the pull (same created_at_time and memo). */
function retryLater(d: Draft, id: bigint, now: bigint): void {
    d.setDue(id, now + RETRY_AFTER_NS);
    d.wake(now + RETRY_AFTER_NS);
}

/** What an ICPay credit may be booked against: checked before and again after the balance call. */
export function checkCredit(v: EscrowView, caller: string, id: bigint, paymentId: string, amount: bigint, isRelay: boolean): Result<Contract> {
    if (!isRelay) return unauthorized('creditPayment', 'caller is not a registered relay');
    if (paymentId.length === 0 || paymentId.length > 200) return invalid('paymentId', 'must be 1 to 200 characters');
    const prior = v.payment(paymentId);
    if (prior !== undefined) return err({ PaymentAlreadyCredited: { paymentId, contractId: prior } });
    const c = v.contract(id);
    if (c === undefined) return err({ NotFound: { what: 'contract', id: String(id) } });
    if (amount <= 0n) return invalid('amount', 'must be positive');
    // Late (closed, already paid, nothing due): booked and refunded, never left as surplus.
    if (fundable(c) !== null) return ok(c);
    if (c.pendingPull !== null) return err({ FundingInProgress: { contractId: id } });
    if (amount < c.quote!.amount) return err({ Underpaid: { due: c.quote!.amount, paid: amount } });
    return ok(c);
}

/** Books a verified ICPay payment, if the canister's ledger balance covers every liability plus it. */
export function planCredit(v: EscrowView, caller: string, id: bigint, paymentId: string, amount: bigint, balance: bigint, now: bigint): Result<Plan<Deposit>> {
    const again = checkCredit(v, caller, id, paymentId, amount, true);
    if ('Err' in again) return again;
    const token = tokenOf(v, again.Ok.token);
    if (token === undefined) return err({ UnknownToken: { token: again.Ok.token } });
    // Money of pulls with an unknown outcome may sit on the account unbooked: it cannot cover this.
    const totals = v.totals(token.symbol);
    const required = liabilities(totals) + totals.pulling + amount;
    if (balance < required) return err({ InsufficientLedgerBalance: { balance, required } });
    const d = new Draft(v, now);
    const dep = depositIn(d, again.Ok, amount, { principal: caller, role: 'relay' }, null, `icpay:${paymentId}`);
    d.payment(paymentId, id);
    return ok(d.done(dep));
}
