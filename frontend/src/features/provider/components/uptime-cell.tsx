import type { ReactNode } from 'react';
import { formatBps, formatPercent } from '@/lib/format';
import { useContractUptime } from '../api/get-contract-uptime';

/** A running contract's uptime over 30 days against its target, the SLA verdict and the credit it moved. */
export function UptimeCell({ contractId, money }: { contractId: bigint; money: (v: bigint) => ReactNode }) {
    const u = useContractUptime(contractId);
    if (u.isPending) return <span className="muted">…</span>;
    if (u.isError || u.data === undefined) return <span className="muted">no data</span>;
    const d = u.data;
    return (
        <span>
            {d.uptime30d === undefined ? 'no monitor data yet' : formatPercent(d.uptime30d, 2)}
            {d.targetBps > 0 && <> / target {formatBps(d.targetBps)}</>}{' '}
            {d.slaMet === undefined ? null : d.slaMet ? <span className="badge badge-good">SLA met</span> : <span className="badge badge-bad">SLA breached</span>}
            {d.credited !== undefined && d.credited > 0n && (
                <span className="stat-hint" data-testid={`sla-credit-${contractId}`}>
                    SLA credit to the tenant: {money(d.credited)}
                </span>
            )}
        </span>
    );
}
