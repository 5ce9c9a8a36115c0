// Planners of the contract lifecycle: request, the provider's and tenant's status changes,
// extension, probe endpoint and closing. Pure over the view: each returns the Effects or an error.
import { LIMITS, QUOTAS } from '../kernel/limits';
import { quoteFor } from './domain/pricing';
import { normaliseProbe, PROBE_SETTABLE, PROBED, validateProbe } from './domain/probe';
import { BILLING, billedUntil, billingStopped, contractEnd, paidHours, refundRemainder, schedule, settle, shiftAfterPause } from './domain/settlement';
import { transition } from './domain/state_machine';
import { ANONYMOUS, err, ok, type Actor, type Contract, type ProbeEndpoint, type Result, type Role, type Status, type Transfer } from '../kernel/records';
import { invalid, notFound, unauthorized } from '../kernel/error';
import { Draft, type Plan } from './effects';
import { holdsStock, tokenOf, type EscrowView } from './view';


/** Resolves the caller's role on a contract for an action that needs one of `roles`. */
export function actorFor(c: Contract, caller: string, roles: readonly Role[], action: string): Result<Actor> {
    if (roles.includes('tenant') && caller === c.tenant) return ok({ principal: caller, role: 'tenant' });
    if (roles.includes('provider') && caller === c.provider) return ok({ principal: caller, role: 'provider' });
    return unauthorized(action, `caller is not the contract's ${roles.join(' or ')}`);
}

export function planRequest(v: EscrowView, caller: string, offeringId: bigint, hours: number, now: bigint): Result<Plan<Contract>> {
    const d = new Draft(v, now);
    const c = requestIn(d, caller, offeringId, hours, 'requestContract');
    return 'Err' in c ? c : ok(d.done(c.Ok));
}

/**
 * A new unpaid request in the draft: it reserves no stock and counts against no offering; the
 * tenant's own bound of open unpaid requests limits only that tenant.
 */
export function requestIn(d: Draft, caller: string, offeringId: bigint, hours: number, action: string): Result<Contract> {
    const v = d.view;
    const now = d.now;
    if (caller === ANONYMOUS) return unauthorized(action, 'anonymous caller');
    const o = v.offering(offeringId);
    if (o === undefined) return notFound('offering', offeringId);
    if (!o.active) return err({ InvalidState: { status: 'inactive offering', operation: action } });
    if (o.provider === caller) return unauthorized(action, 'a provider cannot rent its own offering');
    if (!Number.isInteger(hours) || hours < o.minHours || hours > o.maxHours) return invalid('hours', `must be an integer in [${o.minHours}, ${o.maxHours}]`);
    if (o.inUse >= o.stock) return err({ OutOfStock: { offeringId, stock: o.stock } });
    if (tokenOf(v, o.token) === undefined) return err({ UnknownToken: { token: o.token } });
    if (v.counter(`rt|${caller}`) >= QUOTAS.openRequestsPerTenant) return err({ QuotaExceeded: { what: 'unpaid requests per tenant', limit: QUOTAS.openRequestsPerTenant } });
    const c = d.putContract({
        id: d.nextContractId(), offeringId, provider: o.provider, tenant: caller, token: o.token, status: 'Requested', statusSince: now, createdAt: now,
        feeBps: d.config().feeBps, quote: quoteFor(o, hours, true), pendingPull: null, segments: [], total: 0n, deposited: 0n, released: 0n, fee: 0n,
        refunded: 0n, lastSettled: now, connection: '', probe: null, history: [{ status: 'Requested', actor: caller, role: 'tenant', at: now, note: '' }], historyOmitted: 0
    });
    d.notify(c, null);
    return ok(c);
}

type Edit = (d: Draft, c: Contract) => Result<Contract>;

/** The start of a caller's change to a contract: the note checked, the contract loaded, the caller's role in it. */
function begin(v: EscrowView, caller: string, id: bigint, roles: readonly Role[], action: string, note: string, now: bigint): Result<{ d: Draft; c: Contract; actor: Actor }> {
    if (note.length > LIMITS.note) return invalid('note', `longer than ${LIMITS.note} characters`);
    const d = new Draft(v, now);
    const r = d.load(id);
    if ('Err' in r) return r;
    const a = actorFor(r.Ok, caller, roles, action);
    return 'Err' in a ? a : ok({ d, c: r.Ok, actor: a.Ok });
}

/** A plain status change: settles first (a billing contract never loses accrued time across it), then moves. */
export function planMove(v: EscrowView, caller: string, id: bigint, to: Status, roles: readonly Role[], action: string, now: bigint, note = '', edit?: Edit): Result<Plan<Contract>> {
    const b = begin(v, caller, id, roles, action, note, now);
    if ('Err' in b) return b;
    const { d } = b.Ok;
    const s = settle(b.Ok.c, now);
    const t = transition(s.contract, to, b.Ok.actor, now, note);
    if ('Err' in t) return t;
    // Leaving a provider's pause: the time not served moves after it (nothing was billed meanwhile).
    const moved = billingStopped(b.Ok.c) && !billingStopped(t.Ok) ? ok({ ...t.Ok, segments: shiftAfterPause(t.Ok.segments, b.Ok.c.statusSince, now) }) : t;
    const e = edit === undefined ? moved : edit(d, moved.Ok);
    if ('Err' in e) return e;
    d.release(e.Ok, s.released, s.fee);
    const c = d.putContract(e.Ok);
    d.notify(c, b.Ok.c.status);
    return ok(d.done(c));
}

export function planAccept(v: EscrowView, caller: string, id: bigint, now: bigint): Result<Plan<Contract>> {
    const c0 = v.contract(id);
    if (c0 === undefined) return notFound('contract', id);
    const o = v.offering(c0.offeringId);
    if (o === undefined) return notFound('offering', c0.offeringId);
    if (caller === c0.provider && o.inUse >= o.stock && (c0.status === 'Requested' || c0.status === 'Pending')) return err({ OutOfStock: { offeringId: o.id, stock: o.stock } });
    return planMove(v, caller, id, 'Accepted', ['provider'], 'acceptContract', now, '', (d, c) => {
        d.putOffering({ ...o, inUse: o.inUse + 1 });
        return ok(c);
    });
}

export const planStartProvisioning = (v: EscrowView, caller: string, id: bigint, now: bigint) =>
    planMove(v, caller, id, 'Provisioning', ['provider'], 'startProvisioning', now, '', (_, c) =>
        c.segments.length === 0 || c.quote !== null || c.pendingPull !== null ? err({ InvalidState: { status: 'Accepted (not fully paid)', operation: 'startProvisioning' } }) : ok(c)
    );

export function planProvisioned(v: EscrowView, caller: string, id: bigint, connection: string, now: bigint): Result<Plan<Contract>> {
    if (connection.length > LIMITS.connection) return invalid('connection', `longer than ${LIMITS.connection} characters`);
    const first = v.contract(id)?.status === 'Provisioning';
    return planMove(v, caller, id, 'Provisioned', ['provider'], 'reportProvisioned', now, '', (d, c) => {
        if (!first) return ok({ ...c, connection });
        // Billing starts now: lay the paid segments out from this moment, then settle the setup fee.
        const s = settle({ ...c, connection, segments: schedule(c.segments, now), lastSettled: now }, now);
        d.release(s.contract, s.released, s.fee);
        return ok(s.contract);
    });
}

/** The provider declares (or clears) where monitors probe the server (Accepted..Paused). No status change. */
export function planProbe(v: EscrowView, caller: string, id: bigint, probe: ProbeEndpoint | null, now: bigint): Result<Plan<Contract>> {
    const c = v.contract(id);
    if (c === undefined) return notFound('contract', id);
    const a = actorFor(c, caller, ['provider'], 'setProbeEndpoint');
    if ('Err' in a) return a;
    if (!PROBE_SETTABLE.has(c.status)) return err({ InvalidState: { status: c.status, operation: 'setProbeEndpoint' } });
    // While it bills the platform keeps measuring: the endpoint can be moved, not withdrawn.
    if (probe === null && c.probe != null && PROBED.has(c.status)) return err({ InvalidState: { status: c.status, operation: 'setProbeEndpoint (clear while billing)' } });
    const e = probe === null ? null : validateProbe(probe);
    if (e !== null) return err(e);
    const d = new Draft(v, now);
    return ok(d.done(d.putContract({ ...c, probe: probe === null ? null : normaliseProbe(probe) })));
}

export function planExtend(v: EscrowView, caller: string, id: bigint, hours: number, now: bigint): Result<Plan<Contract>> {
    const c = v.contract(id);
    if (c === undefined) return notFound('contract', id);
    const a = actorFor(c, caller, ['tenant'], 'extendContract');
    if ('Err' in a) return a;
    if (!BILLING.has(c.status)) return err({ InvalidState: { status: c.status, operation: 'extendContract' } });
    if (c.pendingPull !== null) return err({ FundingInProgress: { contractId: id } });
    if (c.segments.length >= QUOTAS.segmentsPerContract) return err({ QuotaExceeded: { what: 'paid segments per contract (extensions)', limit: QUOTAS.segmentsPerContract } });
    const o = v.offering(c.offeringId);
    if (o === undefined) return notFound('offering', c.offeringId);
    const paid = paidHours(c);
    if (!Number.isInteger(hours) || hours < 1 || paid + hours > o.maxHours) return invalid('hours', `must be an integer in [1, ${o.maxHours - paid}]`);
    // A provider's pause stops the clock: the contract has not ended while it lasts.
    if (billedUntil(c, now) >= contractEnd(c)) return err({ InvalidState: { status: 'ended', operation: 'extendContract' } });
    const d = new Draft(v, now);
    return ok(d.done(d.putContract({ ...c, quote: quoteFor(o, hours, false) })));
}

export interface Closed {
    contract: Contract;
    refund: Transfer | null;
}

/**
 * Closes a contract in the draft (Rejected, Cancelled, Expired, ProvisioningFailed): settles to
 * now, moves the remainder of escrow to the tenant's balance, starts the refund transfer (null if
 * nothing or dust is left) and frees the stock.
 */
export function closeIn(d: Draft, before: Contract, to: Status, actor: Actor, note: string): Result<Closed> {
    const s = settle(before, d.now);
    const t = transition(s.contract, to, actor, d.now, note.slice(0, LIMITS.note));
    if ('Err' in t) return t;
    // Nothing accrues after closing: the unpaid quote is dropped, the remainder refunded. A closed
    // contract keeps a compact record: the connection details have no use once the server is gone.
    const rr = refundRemainder({ ...t.Ok, quote: null });
    d.release(rr.contract, s.released, s.fee);
    if (rr.refund > 0n) d.record({ kind: 'Refund', contractId: before.id, account: before.tenant, token: before.token, amount: rr.refund, fee: 0n, block: null, ref: to });
    const c = d.putContract({ ...rr.contract, connection: '' });
    if (holdsStock(before.status)) {
        const o = d.offering(c.offeringId);
        if (o !== undefined && o.inUse > 0) d.putOffering({ ...o, inUse: o.inUse - 1 });
    }
    const refund = rr.refund > 0n ? d.startTransfer('Refund', c.tenant, c.token, rr.refund, { owner: c.tenant, subaccount: null }, c.id) : null;
    d.notify(c, before.status);
    return ok({ contract: c, refund });
}

export function planClose(v: EscrowView, caller: string, id: bigint, to: Status, roles: readonly Role[], action: string, note: string, now: bigint): Result<Plan<Closed>> {
    const b = begin(v, caller, id, roles, action, note, now);
    if ('Err' in b) return b;
    const res = closeIn(b.Ok.d, b.Ok.c, to, b.Ok.actor, note);
    return 'Err' in res ? res : ok(b.Ok.d.done(res.Ok));
}
