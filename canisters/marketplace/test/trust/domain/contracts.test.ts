import { describe, expect, it } from 'vitest';
import { applyStatusChange, emptyContractStats, stuck, tenureOf, type ContractStats, type TrustStatus } from '../../../src/trust/domain/contracts';

const H = 3600;
const D = 86_400;

function walk(path: (TrustStatus | [TrustStatus, number])[], opts: { start?: number; end?: number; before?: number } = {}): ContractStats {
    let s = emptyContractStats();
    let from: TrustStatus | null = null;
    let t = 0;
    for (const step of path) {
        const [to, at] = Array.isArray(step) ? step : [step, (t += H)];
        t = at;
        s = applyStatusChange(s, { contractId: 'c', from, to, at, plannedStart: opts.start ?? 0, plannedEnd: opts.end ?? 30 * D, value: 100n, tenantContractsBefore: opts.before ?? 0 });
        from = to;
    }
    return s;
}

const pick = (s: ContractStats) => ({
    requested: s.requested,
    accepted: s.accepted,
    rejected: s.rejected,
    provisioned: s.provisioned,
    provisioningFailed: s.provisioningFailed,
    cancelled: s.cancelled,
    cancelledAfterStart: s.cancelledAfterStart,
    earlyCancelled: s.earlyCancelled,
    completed: s.completed,
    requestExpired: s.requestExpired,
    running: s.running,
    open: Object.keys(s.open).length
});

const zero = { requested: 1, accepted: 0, rejected: 0, provisioned: 0, provisioningFailed: 0, cancelled: 0, cancelledAfterStart: 0, earlyCancelled: 0, completed: 0, requestExpired: 0, running: 0, open: 0 };

describe('contract counters from status changes', () => {
    it.each<{ name: string; path: (TrustStatus | [TrustStatus, number])[]; want: Partial<typeof zero> }>([
        { name: 'open request', path: ['requested'], want: { open: 1 } },
        { name: 'rejected', path: ['requested', 'rejected'], want: { rejected: 1 } },
        { name: 'request expired unanswered', path: ['requested', 'expired'], want: { requestExpired: 1 } },
        { name: 'accepted, provisioning', path: ['requested', 'accepted', 'provisioning'], want: { accepted: 1, open: 1 } },
        { name: 'failed provisioning', path: ['requested', 'accepted', 'provisioning', 'provisioning_failed'], want: { accepted: 1, provisioningFailed: 1 } },
        { name: 'running', path: ['requested', 'accepted', 'running'], want: { accepted: 1, provisioned: 1, running: 1 } },
        { name: 'natural end by expiry', path: ['requested', 'accepted', 'running', 'expired'], want: { accepted: 1, provisioned: 1, completed: 1 } },
        { name: 'completed', path: ['requested', 'accepted', 'running', 'completed'], want: { accepted: 1, provisioned: 1, completed: 1 } },
        { name: 'early cancellation', path: ['requested', 'accepted', 'running', ['cancelled', 2 * D]], want: { accepted: 1, provisioned: 1, cancelled: 1, cancelledAfterStart: 1, earlyCancelled: 1 } },
        { name: 'late cancellation', path: ['requested', 'accepted', 'running', ['cancelled', 20 * D]], want: { accepted: 1, provisioned: 1, cancelled: 1, cancelledAfterStart: 1 } },
        { name: 'cancelled before it started is not an early cancellation', path: ['requested', 'cancelled'], want: { cancelled: 1 } },
        { name: 'repeated status is ignored', path: ['requested', 'accepted', 'running', 'running'], want: { accepted: 1, provisioned: 1, running: 1 } }
    ])('$name', ({ path, want }) => {
        expect(pick(walk(path))).toEqual({ ...zero, ...want });
    });

    it('a tenant’s second contract makes a repeat customer, the third does not add one', () => {
        expect(walk(['requested'], { before: 1 }).repeatCustomers).toBe(1);
        expect(walk(['requested'], { before: 2 }).repeatCustomers).toBe(0);
    });

    it('tracks provider activity and stuck requests', () => {
        const s = walk(['requested', ['accepted', 10 * H]]);
        expect(s.lastActivityAt).toBe(10 * H);
        expect(stuck(s, 10 * H + 72 * H)).toEqual({ stuckRequested: 0, stuckAccepted: 0, stuckValue: 0n });
        expect(stuck(s, 10 * H + 73 * H)).toEqual({ stuckRequested: 0, stuckAccepted: 1, stuckValue: 100n });
    });

    it('provisioning keeps the acceptance time for stall detection', () => {
        const s = walk(['requested', ['accepted', 10 * H], ['provisioning', 50 * H]]);
        expect(s.open['c']?.since).toBe(10 * H);
    });

    it.each([
        { completed: 0, want: 'new' },
        { completed: 4, want: 'new' },
        { completed: 5, want: 'growing' },
        { completed: 20, want: 'growing' },
        { completed: 21, want: 'established' }
    ])('tenure with $completed completed is $want', ({ completed, want }) => expect(tenureOf(completed)).toBe(want));
});
