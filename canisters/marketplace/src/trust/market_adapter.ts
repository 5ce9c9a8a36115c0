// Read access to the market's records for the trust keeper, and its escrow credit.
import type { Market } from '../root/market';
import { contractEnd, paidHours } from '../escrow/exports';
import { TERMINAL, type Contract, type Offering, type Reporter as MarketReporter, type Status } from '../kernel/records';
import type { TrustStatus } from './domain/contract_records';
import type { ContractPhase } from './domain/feedback';
import type { ContractView, MarketReader, OfferingView, ReporterView } from './ports';
import { invalid } from '../kernel/error';
import { seconds, toSeconds } from '../kernel/time';
import { HOUR } from './domain/time';


const STATUS: Record<Status, TrustStatus> = {
    Requested: 'requested',
    Pending: 'requested',
    Accepted: 'accepted',
    Provisioning: 'provisioning',
    Provisioned: 'running',
    Active: 'running',
    Paused: 'running',
    Rejected: 'rejected',
    Cancelled: 'cancelled',
    Expired: 'expired',
    ProvisioningFailed: 'provisioning_failed'
};

/** The trust domain's status for a market status (several market statuses share one). */
export const trustStatusOf = (s: Status): TrustStatus => STATUS[s];

function phaseOf(c: Contract): ContractPhase {
    switch (c.status) {
        case 'Cancelled':
            return 'cancelled';
        case 'Expired':
            return 'expired';
        case 'Rejected':
            return 'rejected';
        case 'ProvisioningFailed':
            return 'failed';
        default:
            return 'open';
    }
}


/** Paid value per 30 days of service in whole tokens (decimals of the contract's token). */
function monthlyTokens(c: Contract, decimals: number): number {
    const hours = paidHours(c);
    if (hours <= 0) return 0;
    return (Number(timeBasedTotal(c)) / 10 ** decimals) * (720 / hours);
}

export function contractView(c: Contract, decimals = 8): ContractView {
    const scheduled = c.segments.length > 0 && c.segments[0]!.start > 0n;
    const startedAt = scheduled ? toSeconds(c.segments[0]!.start) : null;
    const hours = paidHours(c) || (c.quote?.hours ?? 0);
    const plannedStart = startedAt ?? toSeconds(c.createdAt);
    const plannedEnd = scheduled ? toSeconds(contractEnd(c)) : plannedStart + hours * HOUR;
    const cancelledAt = c.status === 'Cancelled' ? toSeconds(c.statusSince) : null;
    return {
        id: c.id.toString(),
        provider: c.provider,
        tenant: c.tenant,
        offeringId: c.offeringId.toString(),
        status: STATUS[c.status],
        phase: phaseOf(c),
        createdAt: toSeconds(c.createdAt),
        startedAt,
        plannedStart,
        plannedEnd: cancelledAt !== null && cancelledAt < plannedEnd ? Math.max(plannedStart, cancelledAt) : plannedEnd,
        total: timeBasedTotal(c),
        paid: c.deposited > 0n,
        monthlyTokens: c.deposited > 0n ? monthlyTokens(c, decimals) : 0,
        closedAt: TERMINAL.has(c.status) ? toSeconds(c.statusSince) : null
    };
}

/** What the tenant pays for service time: the setup fee (a zero-length segment) is not SLA-backed. */
function timeBasedTotal(c: Contract): bigint {
    let sum = 0n;
    for (const s of c.segments) if (s.hours > 0) sum += s.amount;
    return sum > 0n ? sum : c.total;
}

export function offeringView(o: Offering): OfferingView {
    return {
        id: o.id.toString(),
        provider: o.provider,
        name: o.name,
        active: o.active,
        category: o.productType,
        token: o.token,
        monthlyPrice: o.pricePerMonth,
        vcpu: o.cpuCores,
        ramGiB: o.ramMb / 1024,
        storageGiB: o.storageGb,
        gpus: o.gpuCount,
        bandwidthMbps: o.bandwidthMbps,
        uptimeTargetBps: o.uptimeTargetBps,
        responseTargetSeconds: o.firstResponseMinutes * 60
    };
}

const reporterView = (r: MarketReporter): ReporterView => ({ principal: r.principal, roles: [...r.roles], addedAt: toSeconds(r.addedAt), addedBy: r.addedBy });

const asId = (id: string): bigint | null => (/^[0-9]{1,19}$/.test(id) ? BigInt(id) : null);

export function marketReader(m: Market): MarketReader {
    return {
        contract(id) {
            const k = asId(id);
            const c = k === null ? undefined : m.contract(k);
            return c === undefined ? undefined : contractView(c, m.tokenConfig(c.token)?.decimals ?? 8);
        },
        offering(id) {
            const k = asId(id);
            const o = k === null ? undefined : m.offering(k);
            return o === undefined ? undefined : offeringView(o);
        },
        provider(id) {
            const p = m.provider(id);
            if (p === undefined) return undefined;
            return { id, hasPublicContact: p.contacts.length > 0 || p.website.length > 0, registeredAt: toSeconds(p.registeredAt) };
        },
        allOfferings() {
            return m.allOfferings().map(offeringView);
        },
        reporterRoles: (p) => m.reporterRoles(p),
        reporters: () => m.reporters().map(reporterView),
        setReporterRoles(p, roles, by) {
            const r = m.setReporterRoles(p, roles, by);
            return 'Ok' in r ? r.Ok.map(reporterView) : m.reporters().map(reporterView);
        },
        creditTenant(contractId, amount, ref, period) {
            const k = asId(contractId);
            if (k === null) return invalid('contractId', 'is not a contract id');
            const p = period === undefined ? undefined : { from: seconds(period.start), to: seconds(period.end) };
            const r = m.creditTenant(k, amount, ref, p);
            return 'Ok' in r ? { Ok: { credited: r.Ok.credited } } : r;
        }
    };
}
