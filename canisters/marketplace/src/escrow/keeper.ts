// The escrow's runtime around the ledger calls. Each step is one unit of work: plan (pure, over
// the view) → apply; around every await: plan + apply before (the pull recorded, the transfer
// debited and in flight), mark the call outstanding (heap, expires), plan + apply again after.
import { settle } from './domain/settlement';
import type { LedgerOutcome } from './domain/transfers';
import { err, ok, type Account, type Actor, type Contract, type Result, type TokenConfig, type Transfer } from '../kernel/records';
import type { LedgerGateway, TransferLookup } from './ports';
import { applyEffects, readView, type Storage } from './apply';
import type { Plan } from './effects';
import { checkCredit, planCredit, planFund, planPullLookedUp, planPullOutcome, planRent } from './funding';
import { planClose, type Closed } from './lifecycle';
import { planLookedUp, planSent, planWithdraw, planWithdrawFees, retryable } from './payouts';
import { planDue, type DueRun } from './release';
import { tokenOf, L, type EscrowView } from './view';
import { itemId } from '../kernel/lists';
import type { Role, Status } from '../kernel/records';
import { NS_PER_MINUTE } from '../kernel/time';

/**
 * A ledger call marked outstanding longer than this is taken as ended: if its callback trapped,
 * the rollback kept the mark, and it must not block the transfer or pull forever.
 */
export const BUSY_TIMEOUT_NS = 10n * NS_PER_MINUTE;
/** Instructions a timer run may use before it continues in a follow-up message (5% of the 40B limit). */
export const RUN_BUDGET = 2_000_000_000n;

export class EscrowKeeper {
    /** Ledger calls outstanding: key → when sent. */
    readonly busy = new Map<string, bigint>();
    readonly view: EscrowView;
    instructionsUsed: () => bigint = () => 0n;

    constructor(readonly s: Storage, readonly ledger: LedgerGateway, readonly clock: () => bigint, readonly self: () => string) {
        this.view = readView(s, (k) => this.isBusy(k));
    }

    isBusy(key: string): boolean {
        const since = this.busy.get(key);
        return since !== undefined && this.clock() - since < BUSY_TIMEOUT_NS;
    }

    /** Applies a plan's effects and returns its value. */
    commit<T>(p: Plan<T>): T {
        applyEffects(this.s, p.effects);
        return p.value;
    }

    run<T>(r: Result<Plan<T>>): Result<T> {
        return 'Err' in r ? r : ok(this.commit(r.Ok));
    }

    private async call<T>(key: string, f: () => Promise<T>, lost: (e: unknown) => T): Promise<T> {
        this.busy.set(key, this.clock());
        try {
            return await f();
        } catch (e) {
            return lost(e);
        } finally {
            this.busy.delete(key);
        }
    }

    // ------------------------------------------------------------ funding

    async fund(caller: string, id: bigint): Promise<Result<Contract>> {
        const a = this.run(planFund(this.view, caller, id, this.clock()));
        return 'Err' in a ? a : this.pull(id, a.Ok);
    }

    /** Request and ICRC-2 pull in one call: the contract is paid (Pending) when the call returns Ok. */
    async rent(caller: string, offeringId: bigint, hours: number): Promise<Result<Contract>> {
        const c = this.run(planRent(this.view, caller, offeringId, hours, this.clock()));
        return 'Err' in c ? c : this.pull(c.Ok.id, { principal: caller, role: 'tenant' });
    }

    /** Executes (or retries, same created_at_time and memo) the contract's recorded pull and books its outcome. */
    async pull(id: bigint, actor: Actor): Promise<Result<Contract>> {
        const c0 = this.view.contract(id)!;
        const pull = c0.pendingPull;
        if (pull === null) return err({ NothingDue: { contractId: id } });
        if (this.isBusy(`pull:${id}`)) return err({ FundingInProgress: { contractId: id } });
        const token = tokenOf(this.view, c0.token);
        if (token === undefined) return err({ UnknownToken: { token: c0.token } });
        const args = { from: { owner: c0.tenant, subaccount: null }, amount: pull.amount, createdAtTime: pull.createdAtTime, memo: pull.memo };
        const outcome = await this.call<LedgerOutcome>(`pull:${id}`, () => this.ledger.transferFrom(token, args), (e) => ({ kind: 'unknown', message: String(e) }));
        const next = this.commit(planPullOutcome(this.view, id, pull.createdAtTime, actor, outcome, this.clock()));
        // Past the dedup window after an unknown outcome: what the first attempt did is read from the blocks.
        const r = next.kind === 'booked' ? next.result : this.commit(planPullLookedUp(this.view, id, pull.createdAtTime, actor, await this.findPull(id, token, args), this.clock()));
        if ('Err' in r) return r;
        if (r.Ok.refund !== null) await this.sendTransfer(r.Ok.refund.id);
        return ok(this.view.contract(id)!);
    }

    /** Looks the contract's pull up in the ledger's blocks (busy as the pull itself, so fund waits for it). */
    private findPull(id: bigint, token: TokenConfig, a: { from: Account; createdAtTime: bigint; memo: Uint8Array }): Promise<TransferLookup> {
        const lookup = { memo: a.memo, createdAtTime: a.createdAtTime, pulledFrom: a.from };
        return this.call<TransferLookup>(`pull:${id}`, () => this.ledger.findTransfer(token, lookup), (e) => ({ kind: 'unknown', message: String(e) }));
    }

    /** ICPay funding through a registered relay: booked at most once, if the ledger balance covers it. */
    async creditPayment(caller: string, id: bigint, paymentId: string, amount: bigint, isRelay: boolean): Promise<Result<Contract>> {
        const first = checkCredit(this.view, caller, id, paymentId, amount, isRelay);
        if ('Err' in first) return first;
        const token = tokenOf(this.view, first.Ok.token);
        if (token === undefined) return err({ UnknownToken: { token: first.Ok.token } });
        let balance: bigint;
        try {
            balance = await this.ledger.balanceOfSelf(token);
        } catch (e) {
            return err({ LedgerError: { operation: 'icrc1_balance_of', message: String(e) } });
        }
        // Planned after the await, against the state as it is now: another credit may have been booked meanwhile.
        const d = this.run(planCredit(this.view, caller, id, paymentId, amount, balance, this.clock()));
        if ('Err' in d) return d;
        if (d.Ok.refund !== null) await this.sendTransfer(d.Ok.refund.id);
        return ok(this.view.contract(id) ?? d.Ok.contract);
    }

    // ------------------------------------------------------------ closing and payouts

    async close(caller: string, id: bigint, to: Status, roles: readonly Role[], action: string, note: string): Promise<Result<Closed>> {
        const r = this.run(planClose(this.view, caller, id, to, roles, action, note, this.clock()));
        if ('Err' in r) return r;
        // The reply carries the contract as this call closed it (the await changed only the refund transfer).
        const refund = r.Ok.refund === null ? null : await this.sendTransfer(r.Ok.refund.id);
        return ok({ contract: r.Ok.contract, refund });
    }

    async withdraw(caller: string, token: string, amount: bigint | null): Promise<Result<Transfer>> {
        const t = this.run(planWithdraw(this.view, caller, token, amount, this.clock()));
        return 'Err' in t ? t : ok(await this.sendTransfer(t.Ok.id));
    }

    async withdrawFees(token: string, amount: bigint | null): Promise<Result<Transfer>> {
        const t = this.run(planWithdrawFees(this.view, token, amount, this.clock()));
        return 'Err' in t ? t : ok(await this.sendTransfer(t.Ok.id));
    }

    /** Sends (or re-sends, same created_at_time and memo) an in-flight transfer and books the outcome. */
    async sendTransfer(id: bigint): Promise<Transfer> {
        const t0 = this.view.transfer(id)!;
        const key = `transfer:${id}`;
        if (t0.status !== 'InFlight' || this.isBusy(key)) return t0;
        const token = tokenOf(this.view, t0.token)!;
        const args = { to: t0.to, amount: t0.amount - t0.ledgerFee, fee: t0.ledgerFee, createdAtTime: t0.createdAtTime, memo: t0.memo };
        const outcome = await this.call<LedgerOutcome>(key, () => this.ledger.transfer(token, args), (e) => ({ kind: 'unknown', message: String(e) }));
        const next = this.commit(planSent(this.view, id, outcome, this.clock()));
        if (next.kind === 'booked') return next.transfer;
        // The same arguments can no longer settle it: what the first attempt did is read from the ledger's blocks.
        const found = await this.call<TransferLookup>(key, () => this.ledger.findTransfer(token, { memo: t0.memo, createdAtTime: t0.createdAtTime }), (e) => ({ kind: 'unknown', message: String(e) }));
        const r = this.commit(planLookedUp(this.view, id, t0.createdAtTime, found, next.fee, this.clock()));
        return r.resend ? this.sendTransfer(id) : r.transfer;
    }

    async retryTransfer(id: bigint): Promise<Result<Transfer>> {
        const t = this.view.transfer(id);
        if (t === undefined) return err({ NotFound: { what: 'transfer', id: String(id) } });
        if (t.status !== 'InFlight') return ok(t);
        if (this.isBusy(`transfer:${id}`)) return err({ TransferInFlight: { transferId: id, reason: 'a ledger call for it is outstanding' } });
        return ok(await this.sendTransfer(id));
    }

    /** Up to `max` in-flight transfer ids, oldest first. */
    inFlightIds(max: number): bigint[] {
        return this.s.lists.page(L.inFlight, 0, max).items.map((i) => BigInt(itemId(i)));
    }

    /** Retries in-flight transfers not attempted in the last RETRY_AFTER_NS (the timer calls this). */
    async retryInFlight(max: number): Promise<number> {
        const ids = retryable(this.view, this.inFlightIds(max * 3), max, this.clock());
        await Promise.all(ids.map((id) => this.sendTransfer(id)));
        return ids.length;
    }

    // ------------------------------------------------------------ timer work

    /**
     * Settles up to `max` due contracts, each its own unit of work, until the run budget is used:
     * the writes and the other domains' status hooks are most of a contract's cost, so the budget
     * is checked after each one is applied.
     */
    processDue(max: number): DueRun {
        const now = this.clock();
        const run: DueRun = { processed: 0, remaining: 0, transfers: [], pulls: [] };
        let earliest: bigint | null = null;
        while (run.processed < max && (run.processed === 0 || this.instructionsUsed() < RUN_BUDGET)) {
            const p = planDue(this.view, this.self(), 1, now);
            const at = applyEffects(this.s, p.effects, false);
            if (at !== null && (earliest === null || at < earliest)) earliest = at;
            const r = p.value;
            if (r.processed === 0) break;
            run.processed += r.processed;
            run.transfers.push(...r.transfers);
            run.pulls.push(...r.pulls);
        }
        if (earliest !== null) this.s.wake(earliest);
        return { ...run, remaining: this.s.due.anyDue(now) ? 1 : 0 };
    }

    /** One timer run: settles a batch of due contracts, then sends their refunds and retries unknown pulls. */
    async runDue(max: number): Promise<DueRun> {
        const r = this.processDue(max);
        const system: Actor = { principal: this.self(), role: 'system' };
        await Promise.all([...r.transfers.map((id) => this.sendTransfer(id)), ...r.pulls.map((id) => this.pull(id, system))]);
        return r;
    }
}


