// Escrow arithmetic (README.md of the marketplace: Money, Invariants). Pure functions of (contract, now); no storage, no clocks.
//
// earned(t) = Σ over segments of floor(amount × (min(t, end) − start) / (end − start)), and a
// zero-length segment (the setup fee) is earned in full once t ≥ start. Cumulative from the
// contract's own numbers, so settling twice, late or after missed runs gives the same result.
import {
    BPS,
    NS_PER_DAY,
    NS_PER_HOUR,
    TERMINAL,
    type Contract,
    type Segment,
    type Status
} from '../../kernel/records';

/** Statuses in which service time runs and money is earned. */
export const BILLING: ReadonlySet<Status> = new Set<Status>(['Provisioned', 'Active', 'Paused']);
export { TERMINAL };

/**
 * A provider's pause stops billing: from the moment the provider paused, nothing accrues, and on
 * resume the unserved time is moved after the pause (the end moves by the pause's length). A
 * tenant's pause keeps billing (the tenant chose to suspend a period it bought).
 */
export function billingStopped(c: Contract): boolean {
    if (c.status !== 'Paused') return false;
    const last = c.history[c.history.length - 1];
    return last !== undefined && last.status === 'Paused' && last.role === 'provider';
}

/** The time up to which the contract is billed at `now`: the pause moment while the provider has paused it. */
export function billedUntil(c: Contract, now: bigint): bigint {
    return billingStopped(c) && c.statusSince < now ? c.statusSince : now;
}

/**
 * Resumes billing after a provider's pause from `pausedAt` to `now`: every part of a segment not
 * served by `pausedAt` moves later by the pause's length; what was earned by `pausedAt` is unchanged.
 */
export function shiftAfterPause(segments: Segment[], pausedAt: bigint, now: bigint): Segment[] {
    const by = now - pausedAt;
    if (by <= 0n) return segments;
    return splitAt(segments, pausedAt).map((s) => (s.start >= pausedAt && (s.end > s.start || s.start > pausedAt) ? { ...s, start: s.start + by, end: s.end + by } : s));
}

export function segmentEarned(seg: Segment, t: bigint): bigint {
    if (seg.end === seg.start) return seg.start > 0n && t >= seg.start ? seg.amount : 0n;
    if (t <= seg.start) return 0n;
    if (t >= seg.end) return seg.amount;
    return (seg.amount * (t - seg.start)) / (seg.end - seg.start);
}

/** Everything earned by time t. Zero before provisioning (segments unscheduled). */
export function earnedAt(c: Contract, t: bigint): bigint {
    let sum = 0n;
    for (const s of c.segments) sum += segmentEarned(s, t);
    return sum;
}

export function contractEnd(c: Contract): bigint {
    let end = 0n;
    for (const s of c.segments) if (s.end > end) end = s.end;
    return end;
}

export function paidHours(c: Contract): number {
    let h = 0;
    for (const s of c.segments) h += s.hours;
    return h;
}

export function platformFee(released: bigint, feeBps: number): bigint {
    return (released * BigInt(feeBps)) / BPS;
}

/** What escrow still holds for the contract. */
export function held(c: Contract): bigint {
    return c.deposited - c.released - c.refunded;
}

export interface Settlement {
    contract: Contract;
    /** Newly released amount (gross) and its platform-fee part. */
    released: bigint;
    fee: bigint;
}

/**
 * Releases what is earned by `now` (never more than the deposit, never less than already
 * released). Only billing statuses accrue; a closed contract never accrues again.
 */
export function settle(c: Contract, at: bigint): Settlement {
    if (!BILLING.has(c.status)) return { contract: c, released: 0n, fee: 0n };
    const now = billedUntil(c, at);
    let earned = earnedAt(c, now);
    const cap = c.deposited - c.refunded;
    if (earned > cap) earned = cap;
    if (earned <= c.released) {
        return { contract: now > c.lastSettled ? { ...c, lastSettled: now } : c, released: 0n, fee: 0n };
    }
    const fee = platformFee(earned, c.feeBps);
    const next: Contract = { ...c, released: earned, fee, lastSettled: now };
    return { contract: next, released: earned - c.released, fee: fee - c.fee };
}

/**
 * Moves everything escrow still holds for the contract to the tenant (closing refund). Call after
 * `settle`: what was earned is already released, so the refund is exactly the unearned remainder.
 */
export function refundRemainder(c: Contract): { contract: Contract; refund: bigint } {
    const refund = held(c);
    if (refund <= 0n) return { contract: c, refund: 0n };
    return { contract: { ...c, refunded: c.refunded + refund }, refund };
}

/** The unearned remainder at `now`: what a refund or a credit may take at most. */
export function unearned(c: Contract, at: bigint): bigint {
    const now = billedUntil(c, at);
    const earned = BILLING.has(c.status) || TERMINAL.has(c.status) ? earnedAt(c, now) : 0n;
    const e = earned > c.released ? earned : c.released;
    const r = c.deposited - c.refunded - e;
    return r > 0n ? r : 0n;
}

/**
 * SLA credit for H6: moves `amount` of the unearned remainder from escrow to the tenant's balance
 * and lowers the future earnings by the same amount, so the cumulative formula stays exact.
 * Settles to `now` first; refuses (null) an amount above the unearned remainder.
 */
export function creditTenantFromEscrow(
    c: Contract,
    amount: bigint,
    at: bigint
): { contract: Contract; released: bigint; fee: bigint } | null {
    if (amount <= 0n) return null;
    const s = settle(c, at);
    const now = billedUntil(c, at);
    let k = s.contract;
    if (TERMINAL.has(k.status)) return null;
    const scheduled = k.segments.length > 0 && k.segments[0]!.start > 0n;
    // After a split at `now` every segment is either fully earned or fully in the future.
    const segs = scheduled ? splitAt(k.segments, now) : k.segments.map((x) => ({ ...x }));
    const isFuture = (x: Segment): boolean => !scheduled || segmentEarned(x, now) === 0n;
    let future = 0n;
    for (const x of segs) if (isFuture(x)) future += x.amount;
    const overpaid = k.deposited - k.refunded - k.total;
    const spare = overpaid > 0n ? overpaid : 0n;
    if (amount > future + spare) return null;
    const taken = amount > spare ? amount - spare : 0n;
    let rest = taken;
    for (let i = segs.length - 1; i >= 0 && rest > 0n; i--) {
        const x = segs[i]!;
        if (!isFuture(x)) continue;
        const cut = x.amount < rest ? x.amount : rest;
        segs[i] = { ...x, amount: x.amount - cut };
        rest -= cut;
    }
    k = { ...k, segments: segs, total: k.total - taken, refunded: k.refunded + amount };
    return { contract: k, released: s.released, fee: s.fee };
}

/** What the contract released for service in [from, to): earned at `to` (capped by released) minus earned at `from`. */
export function releasedInPeriod(c: Contract, from: bigint, to: bigint): bigint {
    const hi = earnedAt(c, to);
    const top = hi < c.released ? hi : c.released;
    const r = top - earnedAt(c, from);
    return r > 0n ? r : 0n;
}

/**
 * SLA credit for the last period(s) of a **closed** contract (escrow holds nothing any more): takes
 * up to `amount` of what the contract released in [from, to) back from the provider and credits it
 * to the tenant. `released` falls and `refunded` rises by the same amount (held unchanged: the
 * per-contract conservation holds), the cumulative platform fee is recomputed from the new
 * `released`, and the period's segments are lowered by the same amount, so `earnedAt` at the
 * close still equals `released` and Σ segments = total. Returns null for an open contract or a
 * non-positive amount; `taken` may be less than `amount` (capped by the period's release).
 */
export function clawbackForSla(
    c: Contract,
    amount: bigint,
    from: bigint,
    to: bigint
): { contract: Contract; taken: bigint; feeBack: bigint } | null {
    if (amount <= 0n || !TERMINAL.has(c.status)) return null;
    // Only time up to the last settlement (the close) was released.
    if (to > c.lastSettled) to = c.lastSettled;
    if (to <= from) return { contract: c, taken: 0n, feeBack: 0n };
    const inPeriod = releasedInPeriod(c, from, to);
    const want = amount < inPeriod ? amount : inPeriod;
    if (want <= 0n) return { contract: c, taken: 0n, feeBack: 0n };
    const segs = splitAt(splitAt(c.segments, from), to);
    // Service time only (the setup fee, a zero-length segment, is not SLA-backed).
    let rest = want;
    for (let i = segs.length - 1; i >= 0 && rest > 0n; i--) {
        const x = segs[i]!;
        if (x.end <= x.start || x.start < from || x.end > to) continue;
        const cut = x.amount < rest ? x.amount : rest;
        segs[i] = { ...x, amount: x.amount - cut };
        rest -= cut;
    }
    const taken = want - rest;
    if (taken <= 0n) return { contract: c, taken: 0n, feeBack: 0n };
    const released = c.released - taken;
    const fee = platformFee(released, c.feeBps);
    return {
        contract: { ...c, segments: segs, total: c.total - taken, released, fee, refunded: c.refunded + taken },
        taken,
        feeBack: c.fee - fee
    };
}

/** Splits the segment containing `t` so that no segment straddles it; earned amounts are unchanged at t. */
export function splitAt(segments: Segment[], t: bigint): Segment[] {
    const out: Segment[] = [];
    for (const s of segments) {
        if (s.start < t && t < s.end) {
            const a1 = segmentEarned(s, t);
            const h1 = Number(((t - s.start) * BigInt(s.hours)) / (s.end - s.start));
            out.push({ hours: h1, amount: a1, start: s.start, end: t });
            out.push({ hours: s.hours - h1, amount: s.amount - a1, start: t, end: s.end });
        } else out.push({ ...s });
    }
    return out;
}

/** Lays the paid segments out from `start` (provisioning time); the setup fee segment is zero-length. */
export function schedule(segments: Segment[], start: bigint): Segment[] {
    let t = start;
    return segments.map((s) => {
        const end = t + BigInt(s.hours) * NS_PER_HOUR;
        const seg = { ...s, start: t, end };
        t = end;
        return seg;
    });
}

/**
 * How long a closed contract that was never paid (an expired, cancelled or rejected unpaid request)
 * is kept: a late payment is still booked and refunded meanwhile; then the timer removes it, so
 * free requests leave no storage behind beyond this window.
 */
export const UNPAID_KEPT_NS = 7n * NS_PER_DAY;

/** Closed without any money ever booked or in flight: nothing refers to it but its own indexes. */
export function neverPaid(c: Contract): boolean {
    return TERMINAL.has(c.status) && c.deposited === 0n && c.pendingPull === null && c.segments.length === 0 && c.released === 0n && c.refunded === 0n;
}

/** Release period: daily, hourly for contracts shorter than two days. */
export function releasePeriod(c: Contract): bigint {
    return paidHours(c) < 48 ? NS_PER_HOUR : NS_PER_DAY;
}

/**
 * When the contract next needs the timer: the request timeout while awaiting payment or the
 * provider, the next release boundary (aligned to the start) or the end while billing; null otherwise.
 */
export function nextDue(c: Contract, requestTimeoutNs: bigint): bigint | null {
    if (c.status === 'Requested' || c.status === 'Pending') return c.statusSince + requestTimeoutNs;
    if (neverPaid(c)) return c.statusSince + UNPAID_KEPT_NS;
    if (!BILLING.has(c.status) || billingStopped(c)) return null;
    const end = contractEnd(c);
    const start = c.segments[0]?.start ?? 0n;
    if (c.lastSettled >= end) return end;
    const period = releasePeriod(c);
    const from = c.lastSettled > start ? c.lastSettled : start;
    const next = start + ((from - start) / period + 1n) * period;
    return next < end ? next : end;
}
