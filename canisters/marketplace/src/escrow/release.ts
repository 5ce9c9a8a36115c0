// Planner of the timer's work: settles due contracts (expires unanswered requests with a full
// refund, releases earned money, activates provisioned contracts at their first release, expires
// contracts at their end), and the bench seeding.
import { BILLING, billingStopped, contractEnd, neverPaid, settle, UNPAID_KEPT_NS } from './domain/settlement';
import { transition } from './domain/state_machine';
import type { Actor, Contract } from '../kernel/records';
import { Draft, dueOf, type Plan } from './effects';
import { RETRY_AFTER_NS } from './funding';
import { closeIn } from './lifecycle';
import type { EscrowView } from './view';

export interface DueRun {
    processed: number;
    /** 1 when more contracts are due after this run (set once it is applied). */
    remaining: number;
    /** Refund transfers started: send them after the run is applied. */
    transfers: bigint[];
    /** Contracts whose ICRC-2 pull has an unknown outcome: retry them. */
    pulls: bigint[];
}

/** Plans up to `max` due contracts (the keeper applies one at a time and checks its run budget between them). */
export function planDue(v: EscrowView, self: string, max: number, now: bigint): Plan<DueRun> {
    const d = new Draft(v, now);
    const run: DueRun = { processed: 0, remaining: 0, transfers: [], pulls: [] };
    const system: Actor = { principal: self, role: 'system' };
    const timeout = d.config().requestTimeoutNs;
    const ids = v.dueIds(now, max);
    for (const id of ids) {
        run.processed++;
        d.setDue(id, null);
        const c = v.contract(id);
        if (c === undefined) continue;
        if (c.pendingPull !== null && !v.isBusy(`pull:${id}`)) run.pulls.push(id);
        if (c.pendingPull !== null && !BILLING.has(c.status)) {
            // A pull's outcome is unknown: retry it, look again later rather than expire under it.
            d.setDue(id, now + RETRY_AFTER_NS);
            continue;
        }
        if (c.status === 'Requested' || c.status === 'Pending') {
            if (now < c.statusSince + timeout) d.setDue(id, dueOf(c, timeout));
            else expire(d, c, c, system, 'request timed out', run);
            continue;
        }
        if (neverPaid(c)) {
            // A free request leaves nothing behind once its keeping window has passed.
            if (now >= c.statusSince + UNPAID_KEPT_NS) d.purge(c);
            else d.setDue(id, c.statusSince + UNPAID_KEPT_NS);
            continue;
        }
        if (!BILLING.has(c.status)) continue;
        let k = c;
        if (k.status === 'Provisioned') {
            const t = transition(k, 'Active', system, now, 'activated at first release');
            if ('Ok' in t) k = t.Ok;
        }
        // A provider's pause stops the clock: the end moves with the pause, so it cannot be reached meanwhile.
        if (now >= contractEnd(k) && !billingStopped(k)) {
            expire(d, c, k, system, 'ran to its end', run);
            continue;
        }
        const s = settle(k, now);
        d.release(s.contract, s.released, s.fee);
        d.notify(d.putContract(s.contract), c.status);
    }
    return d.done(run);
}

/** Expires `k` (c with possibly its activation); the hook sees the change from c's status. */
function expire(d: Draft, c: Contract, k: Contract, system: Actor, note: string, run: DueRun): void {
    const r = closeIn(d, k, 'Expired', system, note);
    if ('Err' in r) return;
    if (k !== c) d.effects.hooks[d.effects.hooks.length - 1] = { contract: r.Ok.contract, from: c.status };
    if (r.Ok.refund !== null) run.transfers.push(r.Ok.refund.id);
}
