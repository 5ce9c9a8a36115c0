import type { ReactNode } from 'react';
import { DataTable } from '@/components/ui';
import { formatBps, formatDate } from '@/lib/format';
import type { SlaPeriod } from '../types';

/** SLA periods with measured uptime, the credit owed and what moved from escrow to the tenant. */
export function SlaCredits({ periods, amount, role }: { periods: SlaPeriod[]; amount: (v: bigint) => ReactNode; role: 'tenant' | 'provider' }) {
    if (periods.length === 0) return <p className="empty">No SLA period settled yet: credits are computed when a period of monitored uptime closes.</p>;
    const credited = periods.reduce((s, p) => s + p.credited, 0n);
    return (
        <>
            <p data-testid="sla-credited-total">
                {role === 'tenant' ? 'Credited to you' : 'Credited to the tenant from your escrow'}: {amount(credited)}
            </p>
            <DataTable
                label="SLA periods"
                rows={periods}
                rowKey={(p) => String(p.period)}
                rowProps={(p) => ({ 'data-testid': `sla-${p.period}` })}
                columns={[
                    { header: 'Period', cell: (p) => `${formatDate(p.start)} – ${formatDate(p.end)}` },
                    {
                        header: 'Uptime',
                        cell: (p) => (
                            <>
                                {p.uptimeBps === undefined ? 'not measured' : formatBps(p.uptimeBps)}
                                <span className="muted"> (coverage {formatBps(p.coverageBps, 0)})</span>
                            </>
                        )
                    },
                    {
                        header: 'Outcome',
                        cell: (p) => (
                            <>
                                {p.outcome}
                                {p.creditBps > 0 && <span className="muted"> · credit {formatBps(p.creditBps, 0)}</span>}
                                {p.note && <div className="muted">{p.note}</div>}
                            </>
                        )
                    },
                    { header: 'Credit owed', num: true, cell: (p) => amount(p.credit) },
                    {
                        header: 'Credited',
                        num: true,
                        cell: (p) => (
                            <>
                                {amount(p.credited)}
                                {p.credited < p.credit && <div className="muted">capped by what was left in escrow</div>}
                            </>
                        )
                    }
                ]}
            />
        </>
    );
}
