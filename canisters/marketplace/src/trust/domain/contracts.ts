import { HOUR } from './time';

export type TrustStatus =
    | 'requested'
    | 'accepted'
    | 'provisioning'
    | 'running'
    | 'completed'
    | 'rejected'
    | 'cancelled'
    | 'expired'
    | 'provisioning_failed';

export interface StatusChange {
    contractId: string;
    from: TrustStatus | null;
    to: TrustStatus;
    at: number;
    plannedStart: number;
    plannedEnd: number;
    value: bigint;
    /** Contracts this tenant had with the provider before this one (the second makes a repeat customer). */
    tenantContractsBefore: number;
}

export interface OpenRequest {
    status: 'requested' | 'accepted';
    since: number;
    value: string;
}

/** Running counters of a provider's contracts, updated on each status change. */
export interface ContractStats {
    requested: number;
    accepted: number;
    rejected: number;
    provisioned: number;
    provisioningFailed: number;
    cancelled: number;
    /** Cancellations of contracts whose service had started: the base of the early-cancellation rate. */
    cancelledAfterStart: number;
    earlyCancelled: number;
    completed: number;
    requestExpired: number;
    running: number;
    repeatCustomers: number;
    open: Record<string, OpenRequest>;
    lastActivityAt: number | null;
    firstContractAt: number | null;
}

export const emptyContractStats = (): ContractStats => ({
    requested: 0,
    accepted: 0,
    rejected: 0,
    provisioned: 0,
    provisioningFailed: 0,
    cancelled: 0,
    cancelledAfterStart: 0,
    earlyCancelled: 0,
    completed: 0,
    requestExpired: 0,
    running: 0,
    repeatCustomers: 0,
    open: {},
    lastActivityAt: null,
    firstContractAt: null
});

export const STUCK_AFTER = 72 * HOUR;
export const EARLY_CANCEL_SHARE = 0.1;

const NOT_YET_RUNNING: readonly TrustStatus[] = ['requested', 'accepted', 'provisioning'];
const PROVIDER_ACTIONS: readonly TrustStatus[] = ['accepted', 'provisioning', 'running', 'rejected', 'provisioning_failed'];

export function isEarlyCancel(c: StatusChange): boolean {
    return c.at <= c.plannedStart + EARLY_CANCEL_SHARE * (c.plannedEnd - c.plannedStart);
}

export function applyStatusChange(s: ContractStats, c: StatusChange): ContractStats {
    const n = { ...s, open: { ...s.open } };
    const prevOpen = s.open[c.contractId];
    delete n.open[c.contractId];
    if (c.from === null) {
        n.requested++;
        n.firstContractAt ??= c.at;
        if (c.tenantContractsBefore === 1) n.repeatCustomers++;
    }
    if (c.from === c.to) return n;
    if (PROVIDER_ACTIONS.includes(c.to)) n.lastActivityAt = Math.max(n.lastActivityAt ?? c.at, c.at);
    if (c.from === 'running') n.running--;
    if (c.to === 'running') n.running++;
    countTarget(n, c, prevOpen);
    return n;
}

function countTarget(n: ContractStats, c: StatusChange, prevOpen: OpenRequest | undefined): void {
    const value = c.value.toString();
    switch (c.to) {
        case 'requested':
            n.open[c.contractId] = { status: 'requested', since: c.at, value };
            return;
        case 'accepted':
        case 'provisioning': {
            const wasAccepted = prevOpen?.status === 'accepted';
            if (!wasAccepted) n.accepted++;
            n.open[c.contractId] = { status: 'accepted', since: wasAccepted ? prevOpen.since : c.at, value };
            return;
        }
        case 'running':
            if (c.from !== null && NOT_YET_RUNNING.includes(c.from)) n.provisioned++;
            return;
        case 'rejected':
            n.rejected++;
            return;
        case 'provisioning_failed':
            n.provisioningFailed++;
            return;
        case 'cancelled':
            n.cancelled++;
            if (c.from !== 'running') return;
            n.cancelledAfterStart++;
            if (isEarlyCancel(c)) n.earlyCancelled++;
            return;
        case 'completed':
            n.completed++;
            return;
        case 'expired':
            if (c.from === 'running') n.completed++;
            else n.requestExpired++;
            return;
    }
}

export interface StuckSummary {
    stuckRequested: number;
    stuckAccepted: number;
    stuckValue: bigint;
}

export function stuck(s: ContractStats, now: number): StuckSummary {
    const out = { stuckRequested: 0, stuckAccepted: 0, stuckValue: 0n };
    for (const o of Object.values(s.open)) {
        if (now - o.since <= STUCK_AFTER) continue;
        if (o.status === 'requested') out.stuckRequested++;
        else out.stuckAccepted++;
        out.stuckValue += BigInt(o.value);
    }
    return out;
}

/** Contracts whose service ran and ended: the base of the completion rate. */
export const servedContracts = (s: ContractStats): number => s.completed + s.cancelledAfterStart;

export type Tenure = 'new' | 'growing' | 'established';

export const tenureOf = (completed: number): Tenure => (completed < 5 ? 'new' : completed <= 20 ? 'growing' : 'established');
