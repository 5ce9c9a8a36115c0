// The escrow's money methods: payments in (ICRC-2 pull, ICPay credit), balances, the journal,
// transfers and payouts, the books and their audit. Thin: check the caller, call the market, reply.
import { IDL, isController, msgCaller, Principal, query, update } from 'azle';

import * as C from '../../root/candid';
import { caller, controllerOnly, emptyPage, party, privileged, type EntryBase } from '../../root/caller';
import { unauthorized } from '../../kernel/error';
import { MANUAL, sig } from '../../platform/reply';
import { market } from '../../root/state';
import { FEE_ACCOUNT } from '../../kernel/records';

const S = {
    fund: sig([IDL.Nat64], C.ResultContract),
    rentOffering: sig([IDL.Nat64, IDL.Nat32], C.ResultContract),
    creditPayment: sig([C.CreditArgs], C.ResultContract),
    audit: sig([], C.ResultAudit),
    withdraw: sig([IDL.Text, IDL.Opt(IDL.Nat)], C.ResultTransfer),
    withdrawFees: sig([IDL.Text, IDL.Opt(IDL.Nat)], C.ResultTransfer),
    retryTransfer: sig([IDL.Nat64], C.ResultTransfer)
};

/** Query signatures (reply headers warmed at install and upgrade: a query's heap is discarded). */
const Q = {
    contractBalance: sig([IDL.Nat64], IDL.Opt(C.ContractBalanceIdl)),
    balanceOf: sig([IDL.Principal, IDL.Text], C.ResultAccountBalance),
    feeBalance: sig([IDL.Text], IDL.Nat),
    journal: sig([IDL.Nat32, IDL.Nat32, IDL.Opt(IDL.Nat64)], C.JournalPage),
    accountJournal: sig([IDL.Nat32, IDL.Nat32], C.JournalPage),
    getTransfer: sig([IDL.Nat64], IDL.Opt(C.TransferIdl)),
    listTransfers: sig([IDL.Nat32, IDL.Nat32, IDL.Bool], C.TransferPage),
    books: sig([], C.AuditReportIdl),
    checkContracts: sig([IDL.Nat32, IDL.Nat32], IDL.Vec(IDL.Text))
};

export const MoneyEntry = <B extends EntryBase>(Base: B) =>
    class extends Base {
        @update(S.fund.params, S.fund.ret, MANUAL)
        async fund(): Promise<void> {
            const [id] = S.fund.args() as [bigint];
            const who = caller();
            return S.fund.reply(C.resultOut(await market().fund(who, id), (c) => C.contractOut(c, who)));
        }

        /** Request and ICRC-2 pull in one call (approve `price + fee` first): Ok is a paid contract. */
        @update(S.rentOffering.params, S.rentOffering.ret, MANUAL)
        async rentOffering(): Promise<void> {
            const [offeringId, hours] = S.rentOffering.args() as [bigint, number];
            const who = caller();
            return S.rentOffering.reply(C.resultOut(await market().rentOffering(who, offeringId, hours), (c) => C.contractOut(c, who)));
        }

        @update(S.creditPayment.params, S.creditPayment.ret, MANUAL)
        async creditPayment(): Promise<void> {
            const [a] = S.creditPayment.args() as [{ contractId: bigint; paymentId: string; amount: bigint }];
            const who = caller();
            return S.creditPayment.reply(C.resultOut(await market().creditPayment(who, a.contractId, a.paymentId, a.amount), (c) => C.contractOut(c, who)));
        }

        @query(Q.contractBalance.params, Q.contractBalance.ret, MANUAL)
        contractBalance(): void {
            const [id] = Q.contractBalance.args() as [bigint];
            const c = market().contract(id);
            if (c === undefined || !party(c, caller())) return Q.contractBalance.reply([]);
            const b = market().contractBalance(id);
            return Q.contractBalance.reply(b === null ? [] : [b]);
        }

        /** A principal's balances in a token: readable by itself, controllers and relays (amounts are private). */
        @query(Q.balanceOf.params, Q.balanceOf.ret, MANUAL)
        balanceOf(): void {
            const [p, token] = Q.balanceOf.args() as [Principal, string];
            if (p.toText() !== caller() && !privileged()) return Q.balanceOf.reply(unauthorized('balanceOf', "a principal's balances are readable by itself, controllers and relays"));
            return Q.balanceOf.reply({ Ok: market().accountBalance(p.toText(), token) });
        }

        @query(Q.feeBalance.params, Q.feeBalance.ret, MANUAL)
        feeBalance(): void {
            const [token] = Q.feeBalance.args() as [string];
            return Q.feeBalance.reply(market().feeBalance(token));
        }

        /** One contract's journal (its parties, controllers, relays) or the whole journal (controllers and relays). */
        @query(Q.journal.params, Q.journal.ret, MANUAL)
        journal(): void {
            const [offset, limit, contractId] = Q.journal.args() as [number, number, [] | [bigint]];
            const id = contractId[0] ?? null;
            if (id === null && !privileged()) return Q.journal.reply(emptyPage);
            if (id !== null) {
                const c = market().contract(id);
                if (c === undefined || !party(c, caller())) return Q.journal.reply(emptyPage);
            }
            return Q.journal.reply(C.pageOut(market().journalPage(offset, limit, id), C.journalOut));
        }

        /** The journal entries about the caller's own balance (releases, refunds, payouts, SLA credits), oldest first. */
        @query(Q.accountJournal.params, Q.accountJournal.ret, MANUAL)
        accountJournal(): void {
            const [offset, limit] = Q.accountJournal.args() as [number, number];
            return Q.accountJournal.reply(C.pageOut(market().journalPage(offset, limit, null, caller()), C.journalOut));
        }

        /** Its beneficiary, controllers and relays. */
        @query(Q.getTransfer.params, Q.getTransfer.ret, MANUAL)
        getTransfer(): void {
            const [id] = Q.getTransfer.args() as [bigint];
            const t = market().transfer(id);
            return Q.getTransfer.reply(t === undefined || (t.account !== caller() && !privileged()) ? [] : [C.transferOut(t)]);
        }

        /** The caller's transfers (controllers and relays: all), cursor pages. */
        @query(Q.listTransfers.params, Q.listTransfers.ret, MANUAL)
        listTransfers(): void {
            const [offset, limit, inFlightOnly] = Q.listTransfers.args() as [number, number, boolean];
            const account = privileged() ? null : caller();
            return Q.listTransfers.reply(C.pageOut(market().transferPage(account, offset, limit, inFlightOnly), C.transferOut));
        }

        /** The books as kept (derived sums per token, negative balances): cheap at any size. */
        @query(Q.books.params, Q.books.ret, MANUAL)
        books(): void {
            return Q.books.reply(market().booksNow());
        }

        /** Per-contract conservation checks over a page of contracts (deposited = released + refunded + held, …). */
        @query(Q.checkContracts.params, Q.checkContracts.ret, MANUAL)
        checkContracts(): void {
            const [offset, limit] = Q.checkContracts.args() as [number, number];
            if (!privileged()) return Q.checkContracts.reply(['controllers and relays only']);
            return Q.checkContracts.reply(market().checkContracts(offset, limit));
        }

        /**
         * The books recomputed from every record and compared with the kept ones and the live ledger
         * balances (controllers and relays). A full scan: ≈ 1 M instructions per contract, so one
         * message covers a few ten thousand contracts; beyond that use `checkContracts` pages.
         */
        @update(S.audit.params, S.audit.ret, MANUAL)
        async audit(): Promise<void> {
            const who = caller();
            if (!isController(msgCaller()) && !market().isRelay(who)) return S.audit.reply(unauthorized('audit', 'controllers and relays only'));
            return S.audit.reply({ Ok: await market().audit() });
        }

        @update(S.withdraw.params, S.withdraw.ret, MANUAL)
        async withdraw(): Promise<void> {
            const [token, amount] = S.withdraw.args() as [string, [] | [bigint]];
            return S.withdraw.reply(C.resultOut(await market().withdraw(caller(), token, amount[0] ?? null), C.transferOut));
        }

        @update(S.withdrawFees.params, S.withdrawFees.ret, MANUAL)
        async withdrawFees(): Promise<void> {
            const [token, amount] = S.withdrawFees.args() as [string, [] | [bigint]];
            const denied = controllerOnly('withdrawFees');
            if (denied !== null) return S.withdrawFees.reply(denied);
            return S.withdrawFees.reply(C.resultOut(await market().withdrawFees(token, amount[0] ?? null), C.transferOut));
        }

        /** Retries an in-flight transfer (same created_at_time and memo): its beneficiary or a controller. */
        @update(S.retryTransfer.params, S.retryTransfer.ret, MANUAL)
        async retryTransfer(): Promise<void> {
            const [id] = S.retryTransfer.args() as [bigint];
            const t = market().transfer(id);
            const who = caller();
            const owner = t !== undefined && (t.account === who || (t.account === FEE_ACCOUNT && isController(msgCaller())));
            if (t !== undefined && !owner && !isController(msgCaller())) return S.retryTransfer.reply(unauthorized('retryTransfer', 'only the beneficiary or a controller'));
            return S.retryTransfer.reply(C.resultOut(await market().retryTransfer(id), C.transferOut));
        }
    };
