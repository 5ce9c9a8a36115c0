import type { ContractStatus, Segment as CandidSegment, SlaRecord } from '@declarations/marketplace';
import type { VariantName } from '@/lib/candid';

import { TERMINAL } from '@trustcloud/marketplace/statuses';

export { BILLING, STATUSES, TERMINAL } from '@trustcloud/marketplace/statuses';
export type Status = VariantName<ContractStatus>;

export interface StatusChange {
    status: Status;
    actor: string;
    role: string;
    at: bigint;
    note: string;
}

export type Segment = CandidSegment;

export interface Contract {
    id: bigint;
    offeringId: bigint;
    offeringName: string | undefined;
    provider: string;
    tenant: string;
    token: string;
    status: Status;
    statusSince: bigint;
    createdAt: bigint;
    /** Unpaid amount (initial price or an extension), if any. */
    due: { hours: number; amount: bigint } | undefined;
    segments: Segment[];
    total: bigint;
    deposited: bigint;
    released: bigint;
    refunded: bigint;
    /** Platform fee taken so far from the releases (cumulative), and its rate. */
    fee: bigint;
    feeBps: number;
    /** Earned but not yet released (computed by the canister at query time), if reported. */
    earnedUnreleased: bigint | undefined;
    connection: string;
    history: StatusChange[];
    /** Changes the canister compacted away between the first and the latest kept entries. */
    historyOmitted: number;
    feedbackGiven: boolean | undefined;
}

export function contractEnd(c: Pick<Contract, 'segments'>): bigint {
    let end = 0n;
    for (const s of c.segments) if (s.end > end) end = s.end;
    return end;
}

/**
 * A provider's pause stops billing (the canister's rule): nothing accrues from the pause, and the
 * unserved time moves after it on resume. A tenant's pause keeps billing.
 */
export function billingStopped(c: Pick<Contract, 'status' | 'history'>): boolean {
    const last = c.history[c.history.length - 1];
    return c.status === 'Paused' && last?.status === 'Paused' && last.role === 'provider';
}

/** When a closed contract actually ended (its closing status change), not the end it was booked until. */
export function closedAt(c: Pick<Contract, 'status' | 'statusSince'>): bigint | undefined {
    return TERMINAL.has(c.status) ? c.statusSince : undefined;
}

export function paidHours(c: Pick<Contract, 'segments'>): number {
    return c.segments.reduce((h, s) => h + s.hours, 0);
}

/** An SLA period as the canister settled it, with the measured uptime as an optional number. */
export type SlaPeriod = Omit<SlaRecord, 'uptimeBps'> & { uptimeBps: number | undefined };

export function contractStart(c: Pick<Contract, 'segments'>): bigint | undefined {
    let start: bigint | undefined;
    for (const s of c.segments) if (s.start > 0n && (start === undefined || s.start < start)) start = s.start;
    return start;
}

/** Money still held in escrow for this contract. */
export function held(c: Pick<Contract, 'deposited' | 'released' | 'refunded'>): bigint {
    const h = c.deposited - c.released - c.refunded;
    return h > 0n ? h : 0n;
}

export function statusTone(s: Status): 'good' | 'warn' | 'bad' | 'info' | 'neutral' {
    if (s === 'Active' || s === 'Provisioned') return 'good';
    if (s === 'Requested' || s === 'Pending' || s === 'Accepted' || s === 'Provisioning' || s === 'Paused') return 'info';
    if (s === 'Rejected' || s === 'ProvisioningFailed') return 'bad';
    if (s === 'Cancelled' || s === 'Expired') return 'neutral';
    return 'neutral';
}

export const statusLabel: Record<Status, string> = {
    Requested: 'Requested',
    Pending: 'Awaiting provider',
    Accepted: 'Accepted',
    Provisioning: 'Provisioning',
    Provisioned: 'Provisioned',
    Active: 'Active',
    Paused: 'Paused',
    Rejected: 'Rejected',
    Cancelled: 'Cancelled',
    Expired: 'Ended',
    ProvisioningFailed: 'Provisioning failed'
};
