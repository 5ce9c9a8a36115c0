// Planners of an ICPay payment: checked against ICPay's record before the ledger is read, then
// booked against the state as it is after the awaits, for exactly what arrived. A payment for a
// contract no longer awaiting it, or short of the quote after ICPay's fees, is booked and
// refunded to the tenant at once (a typed outcome), never left on the account unbooked.
import { arrived, blockKey, boundContract, forwardOf, txKey, unpackMemo, type IcpayTx, type LedgerTransfer } from './domain/icpay';
import type { UnbookedPayment } from './audit';
import { err, ok, type Contract, type CanisterError, type Result, type TokenConfig, type Transfer } from '../kernel/records';
import type { PaymentRefusal } from '../kernel/error';
import { Draft, type Plan } from './effects';
import { depositIn, fundable } from './funding';
import type { EscrowView } from './view';

export type IcpayOutcome =
    | { Funded: { surplus: bigint } }
    | { RefundedShortfall: { due: bigint; arrived: bigint } }
    | { RefundedNotAwaiting: { status: string } }
    /** Paid on another supported ledger than the contract's token: booked and sent back on that ledger. */
    | { ReturnedOtherToken: { token: string; due: string } };

export interface IcpayBooking {
    contract: Contract;
    transactionId: bigint;
    block: bigint;
    arrived: bigint;
    outcome: IcpayOutcome;
    refund: Transfer | null;
}

export interface IcpayChecked {
    contract: Contract;
    token: TokenConfig;
    received: bigint;
    forward: bigint;
}

export const refused = (transactionId: bigint, reason: PaymentRefusal): { Err: CanisterError } => err({ PaymentRefused: { transactionId, reason } });

/**
 * What ICPay's record binds, or the typed reason it binds nothing of ours. Pure; run before and after
 * the awaits. The contract is the one the payer's memo names; or, when the memo names another (real
 * ICPay chooses its own intent codes), the one its payer names by notifying it himself: the caller
 * is the payer and the contract's tenant, so no one else can redirect it.
 */
export function checkIcpay(v: EscrowView, self: string, caller: string, contractId: bigint, txId: bigint, tx: IcpayTx | null): Result<IcpayChecked> {
    const cfg = v.config().icpay ?? null;
    if (cfg === null) return refused(txId, { NotConfigured: null });
    if (tx === null || tx.id !== txId) return refused(txId, { UnknownTransaction: null });
    const prior = v.payment(txKey(cfg, txId));
    if (prior !== undefined) return err({ PaymentAlreadyCredited: { paymentId: txKey(cfg, txId), contractId: prior } });
    const bound = boundContract(cfg, tx);
    if ('Err' in bound) return refused(txId, bound.Err);
    const c = v.contract(contractId);
    const payerDeclares = c !== undefined && caller === tx.sender && caller === c.tenant;
    if (bound.Ok !== contractId && !payerDeclares) return refused(txId, { BoundToOtherContract: { contractId: bound.Ok } });
    if (c === undefined) return err({ NotFound: { what: 'contract', id: String(contractId) } });
    const token = v.config().tokens.find((t) => t.ledger === tx.ledger);
    if (token === undefined) return refused(txId, { UnsupportedLedger: { ledger: tx.ledger } });
    if (tx.sender !== c.tenant) return refused(txId, { NotTenant: { sender: tx.sender } });
    const fwd = forwardOf(self, tx);
    if ('Err' in fwd) return refused(txId, fwd.Err);
    const again = v.payment(blockKey(tx.ledger, fwd.Ok));
    if (again !== undefined) return err({ PaymentAlreadyCredited: { paymentId: blockKey(tx.ledger, fwd.Ok), contractId: again } });
    return ok({ contract: c, token, received: tx.received!, forward: fwd.Ok });
}

/** Books what the forward block moved to the escrow, after both ledger blocks matched the record. */
export function planIcpayBooking(v: EscrowView, self: string, caller: string, contractId: bigint, tx: IcpayTx, blocks: Map<bigint, LedgerTransfer>, now: bigint): Result<Plan<IcpayBooking>> {
    const chk = checkIcpay(v, self, caller, contractId, tx.id, tx);
    if ('Err' in chk) return chk;
    const cfg = v.config().icpay!;
    const amt = arrived(cfg, self, tx, blocks.get(chk.Ok.received), blocks.get(chk.Ok.forward));
    if ('Err' in amt) return refused(tx.id, amt.Err);
    const c = chk.Ok.contract;
    const d = new Draft(v, now);
    if (chk.Ok.token.symbol !== c.token) {
        const back = returnOther(d, c, chk.Ok.token, amt.Ok, chk.Ok.forward, `icpay:${tx.id}`);
        // Not more than the ledger fee: nothing can be sent back; it stays unbooked (the audit lists it).
        if (back === null) return refused(tx.id, { UnsupportedLedger: { ledger: tx.ledger } });
        d.payment(txKey(cfg, tx.id), contractId);
        d.payment(blockKey(tx.ledger, chk.Ok.forward), contractId);
        return ok(d.done({ contract: c, transactionId: tx.id, block: chk.Ok.forward, arrived: amt.Ok, outcome: { ReturnedOtherToken: { token: chk.Ok.token.symbol, due: c.token } }, refund: back }));
    }
    if (c.pendingPull !== null) return err({ FundingInProgress: { contractId } });
    const actor = { principal: c.tenant, role: 'tenant' as const };
    const ref = `icpay:${tx.id}`;
    const block = chk.Ok.forward;
    let outcome: IcpayOutcome;
    let dep: { contract: Contract; refund: Transfer | null };
    if (fundable(c) !== null) {
        outcome = { RefundedNotAwaiting: { status: c.status } };
        dep = depositIn(d, c, amt.Ok, actor, block, ref);
    } else if (amt.Ok < c.quote!.amount) {
        outcome = { RefundedShortfall: { due: c.quote!.amount, arrived: amt.Ok } };
        dep = refundAll(d, c, amt.Ok, block, ref);
    } else {
        outcome = { Funded: { surplus: amt.Ok - c.quote!.amount } };
        dep = depositIn(d, c, amt.Ok, actor, block, ref);
    }
    d.payment(txKey(cfg, tx.id), contractId);
    d.payment(blockKey(tx.ledger, block), contractId);
    return ok(d.done({ contract: dep.contract, transactionId: tx.id, block, arrived: amt.Ok, outcome, refund: dep.refund }));
}

/** A payment short of the quote: booked, and all of it refunded to the tenant (the quote stays open to pay again). */
function refundAll(d: Draft, c: Contract, amount: bigint, block: bigint, ref: string): { contract: Contract; refund: Transfer | null } {
    const entry = { contractId: c.id, account: c.tenant, token: c.token, fee: 0n };
    d.record({ ...entry, kind: 'Deposit', amount, block, ref });
    d.record({ ...entry, kind: 'Refund', amount, block: null, ref: 'short of the quote after ICPay fees' });
    const saved = d.putContract({ ...c, deposited: c.deposited + amount, refunded: c.refunded + amount });
    return { contract: saved, refund: d.startTransfer('Refund', c.tenant, c.token, amount, { owner: c.tenant, subaccount: null }, c.id) };
}

/**
 * A payment in another token than the contract's: the contract is untouched (its books are in its
 * own token); the money goes back to the payer (the tenant) on the ledger it came on, as a `Return`
 * transfer that carries its own deposit in the books (domain/books.ts).
 */
function returnOther(d: Draft, c: Contract, token: TokenConfig, amount: bigint, block: bigint, ref: string): Transfer | null {
    const back = d.startTransfer('Return', c.tenant, token.symbol, amount, { owner: c.tenant, subaccount: null }, c.id);
    if (back === null) return null;
    const entry = { contractId: c.id, account: c.tenant, token: token.symbol, fee: 0n };
    d.record({ ...entry, kind: 'Deposit', amount, block, ref });
    d.record({ ...entry, kind: 'Refund', amount, block: null, ref: `paid in ${token.symbol}, the contract is in ${c.token}: sent back` });
    return back;
}

/** ICPay forwards to the escrow among `txs` that no booking claims: what the audit reports, with their blocks. */
export function unbookedOf(v: EscrowView, self: string, txs: IcpayTx[]): UnbookedPayment[] {
    const out: UnbookedPayment[] = [];
    for (const t of txs) {
        const block = t.split?.block ?? null;
        const token = v.config().tokens.find((x) => x.ledger === t.ledger);
        if (t.recipient !== self || block === null || token === undefined || v.payment(blockKey(t.ledger, block)) !== undefined) continue;
        out.push({ token: token.symbol, block, amount: t.split!.amount, transactionId: t.id, contractId: unpackMemo(t.memo)?.code ?? 0n });
    }
    return out;
}
