// Planners of outgoing transfers (withdrawals, refunds, fee withdrawals): the debit is planned
// before the ledger call (the transfer is created InFlight), the outcome after it.
import { applyResolution, type LedgerOutcome } from './domain/transfers';
import { FEE_ACCOUNT, err, ok, type Account, type Config, type Result, type Transfer } from '../kernel/records';
import type { TransferLookup } from './ports';
import { Draft, type Plan } from './effects';
import { RETRY_AFTER_NS } from './funding';
import { ANONYMOUS } from '../kernel/records';
import { invalid, unauthorized } from '../kernel/error';
import { tokenOf, type EscrowView } from './view';

/** What to do after a transfer's ledger call: booked (done), or look its first attempt up in the blocks. */
export type AfterSend = { kind: 'booked'; transfer: Transfer } | { kind: 'reconcile'; fee: bigint | null };

const withFee = (c: Config, token: string, fee: bigint): Config => ({ ...c, tokens: c.tokens.map((x) => (x.symbol === token ? { ...x, fee } : x)) });

/** Books a final state (Done or Failed) with its journal entry. */
function settleIn(d: Draft, t: Transfer): Transfer {
    if (t.status === 'Done') {
        d.record({ kind: 'TransferDone', contractId: t.contractId, account: t.account, token: t.token, amount: t.amount, fee: t.ledgerFee, block: t.block, ref: `${t.kind} #${t.id}` });
    } else if (t.status === 'Failed') {
        d.record({ kind: 'TransferFailed', contractId: t.contractId, account: t.account, token: t.token, amount: t.amount, fee: 0n, block: null, ref: `${t.kind} #${t.id}: ${t.lastError}` });
    }
    return d.putTransfer(t);
}

export function planWithdraw(v: EscrowView, caller: string, token: string, amount: bigint | null, now: bigint): Result<Plan<Transfer>> {
    if (caller === ANONYMOUS) return unauthorized('withdraw', 'anonymous caller');
    const cfg = tokenOf(v, token);
    if (cfg === undefined) return err({ UnknownToken: { token } });
    // Takes what the releases booked: its cost does not grow with the provider's contracts.
    const available = v.balance(caller, token);
    const amt = amount ?? available;
    if (amt > available || amt <= 0n) return err({ InsufficientBalance: { available, requested: amt } });
    if (amt <= cfg.fee) return err({ AmountBelowFee: { amount: amt, fee: cfg.fee } });
    const to: Account = v.payout(caller) ?? { owner: caller, subaccount: null };
    const d = new Draft(v, now);
    return ok(d.done(d.startTransfer('Withdrawal', caller, token, amt, to, null)!));
}

export function planWithdrawFees(v: EscrowView, token: string, amount: bigint | null, now: bigint): Result<Plan<Transfer>> {
    const cfg = tokenOf(v, token);
    if (cfg === undefined) return err({ UnknownToken: { token } });
    const to = v.config().feeAccount;
    if (to === null) return invalid('feeAccount', 'no fee account configured');
    const available = v.balance(FEE_ACCOUNT, token);
    const amt = amount ?? available;
    if (amt > available || amt <= 0n) return err({ InsufficientBalance: { available, requested: amt } });
    if (amt <= cfg.fee) return err({ AmountBelowFee: { amount: amt, fee: cfg.fee } });
    const d = new Draft(v, now);
    return ok(d.done(d.startTransfer('FeeWithdrawal', FEE_ACCOUNT, token, amt, to, null)!));
}

/**
 * Books the outcome of a send: Done (Ok or Duplicate), Failed (definite error: the balance is
 * re-credited; BadFee also adopts the ledger's fee), or still InFlight. An uncertain transfer
 * answered BadFee or TooOld proves nothing about its first attempt: reconcile it instead.
 */
export function planSent(v: EscrowView, id: bigint, outcome: LedgerOutcome, now: bigint): Plan<AfterSend> {
    const d = new Draft(v, now);
    const t1 = v.transfer(id)!;
    if (t1.uncertain && t1.status === 'InFlight' && outcome.kind === 'error' && (outcome.code === 'BadFee' || outcome.code === 'TooOld')) {
        return d.done({ kind: 'reconcile', fee: outcome.code === 'BadFee' ? outcome.expectedFee ?? null : null });
    }
    const t2 = applyResolution(t1, outcome, now);
    if (t2 === t1) return d.done({ kind: 'booked', transfer: t1 });
    if (outcome.kind === 'error' && outcome.code === 'BadFee' && outcome.expectedFee !== undefined) {
        // The ledger is the authority on its fee: use it from now on.
        d.setConfig(withFee(v.config(), t2.token, outcome.expectedFee));
    }
    settleIn(d, t2);
    // Still in flight: the timer comes back to retry it.
    if (t2.status === 'InFlight') d.wake(now + RETRY_AFTER_NS);
    return d.done({ kind: 'booked', transfer: t2 });
}

/**
 * Books a block lookup of an uncertain transfer: found → Done with that block; absent → sent
 * again as a new attempt (now, with the ledger's fee; `resend`); unknown → still in flight.
 */
export function planLookedUp(v: EscrowView, id: bigint, sentAt: bigint, found: TransferLookup, fee: bigint | null, now: bigint): Plan<{ transfer: Transfer; resend: boolean }> {
    const d = new Draft(v, now);
    const t1 = v.transfer(id)!;
    if (t1.status !== 'InFlight' || t1.createdAtTime !== sentAt) return d.done({ transfer: t1, resend: false });
    if (found.kind === 'found') return d.done({ transfer: settleIn(d, applyResolution(t1, { kind: 'duplicate', block: found.block }, now)), resend: false });
    if (found.kind === 'unknown') {
        d.wake(now + RETRY_AFTER_NS);
        return d.done({ transfer: d.putTransfer({ ...t1, lastError: `reconciliation pending: ${found.message}`, updatedAt: now }), resend: false });
    }
    const newFee = fee ?? t1.ledgerFee;
    if (fee !== null) d.setConfig(withFee(v.config(), t1.token, fee));
    if (t1.amount <= newFee) {
        // Nothing left to send after the new fee: the balance is re-credited (dust stays there).
        const t2 = applyResolution({ ...t1, uncertain: false }, { kind: 'error', code: 'AmountBelowFee', message: `fee ${newFee}` }, now);
        return d.done({ transfer: settleIn(d, t2), resend: false });
    }
    const again: Transfer = { ...t1, ledgerFee: newFee, createdAtTime: now, uncertain: false, lastError: `not in the ledger's blocks: sent again (fee ${newFee})`, updatedAt: now };
    return d.done({ transfer: d.putTransfer(again), resend: true });
}

/** In-flight transfers worth retrying now (not attempted in the last RETRY_AFTER_NS). */
export function retryable(v: EscrowView, ids: bigint[], max: number, now: bigint): bigint[] {
    const out: bigint[] = [];
    for (const id of ids) {
        if (out.length >= max) break;
        const t = v.transfer(id)!;
        if (v.isBusy(`transfer:${id}`) || t.lastError.startsWith('TooOld')) continue;
        if (t.attempts === 0 && now - t.updatedAt < RETRY_AFTER_NS && t.updatedAt !== now) continue;
        if (t.attempts > 0 && now - t.updatedAt < RETRY_AFTER_NS) continue;
        out.push(id);
    }
    return out;
}
