// The contract state machine (product.md) with who may trigger each transition.
//
// Meanings here:
//   Requested          created by the tenant, awaiting payment (expires after the request timeout);
//                      holds nothing (no stock, no slot of the offering)
//   Pending            paid in full, awaiting the provider (expires after the request timeout, full refund)
//   Accepted           the provider accepted; if it accepted before payment the tenant can still fund
//   Provisioning       the provider is setting the server up (requires full payment)
//   Provisioned        the provider reported connection details; billing runs from here
//   Active             the tenant confirmed access (or the system did at the first release run)
//   Paused             service suspended; by the provider: billing stops (the unserved time moves
//                      after the pause on resume, see settlement.billingStopped); by the tenant:
//                      billing keeps running; resumes to Active (either party), or to Provisioned
//                      when the provider re-provisions; the tenant may cancel at any time
//   Rejected           the provider declined; full refund
//   Cancelled          the tenant cancelled; settled to now, the unearned remainder refunded
//   Expired            timed out unanswered (full refund) or ran to its end (all earned)
//   ProvisioningFailed the provider could not deliver; full refund
import { type Actor, type Contract, type CanisterError, type Result, type Role, type Status, err, ok } from '../../kernel/records';

type Table = Partial<Record<Status, Partial<Record<Status, readonly Role[]>>>>;

const T: readonly Role[] = ['tenant'];
const P: readonly Role[] = ['provider'];
const S: readonly Role[] = ['system'];
const TP: readonly Role[] = ['tenant', 'provider'];

/** Allowed transitions and the roles that may trigger them. Everything else is rejected. */
export const TRANSITIONS: Table = {
    Requested: { Pending: ['tenant', 'relay', 'system'], Accepted: P, Rejected: P, Cancelled: T, Expired: S },
    Pending: { Accepted: P, Rejected: P, Cancelled: T, Expired: S },
    Accepted: { Provisioning: P, ProvisioningFailed: P, Rejected: P, Cancelled: T },
    Provisioning: { Provisioned: P, ProvisioningFailed: P, Cancelled: T },
    Provisioned: { Active: ['tenant', 'system'], Paused: TP, Cancelled: T },
    Active: { Paused: TP, Cancelled: T, Expired: S },
    Paused: { Active: TP, Provisioned: P, Cancelled: T, Expired: S }
};

export function allowedRoles(from: Status, to: Status): readonly Role[] {
    return TRANSITIONS[from]?.[to] ?? [];
}

/**
 * Moves the contract to `to` if the table allows it for the actor's role, appending the change to
 * the status history. Money is not touched here: the keeper settles and refunds around it.
 */
export function transition(
    c: Contract,
    to: Status,
    actor: Actor,
    now: bigint,
    note = ''
): Result<Contract, CanisterError> {
    const roles = TRANSITIONS[c.status]?.[to];
    if (roles === undefined || !roles.includes(actor.role)) {
        return err({ InvalidTransition: { from: c.status, to, actor: actor.role } });
    }
    return ok(compactHistory({
        ...c,
        status: to,
        statusSince: now,
        history: [...c.history, { status: to, actor: actor.principal, role: actor.role, at: now, note }]
    }));
}

/** Entries kept besides the first: a contract's history stays bounded however often it changes. */
export const HISTORY_KEEP = 9;

/** Keeps the first entry and the latest HISTORY_KEEP; the ones in between are counted. */
export function compactHistory(c: Contract): Contract {
    const h = c.history;
    if (h.length <= HISTORY_KEEP + 1) return c;
    const drop = h.length - HISTORY_KEEP - 1;
    return { ...c, history: [h[0]!, ...h.slice(1 + drop)], historyOmitted: (c.historyOmitted ?? 0) + drop };
}
