import type { ReactNode } from 'react';
import { TableScroll } from '@/components/ui';
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
            <TableScroll label="SLA periods">
                <table className="stack-sm">
                    <thead>
                        <tr>
                            <th scope="col">Period</th>
                            <th scope="col">Uptime</th>
                            <th scope="col">Outcome</th>
                            <th scope="col" className="num">
                                Credit owed
                            </th>
                            <th scope="col" className="num">
                                Credited
                            </th>
                        </tr>
                    </thead>
                    <tbody>
                        {periods.map((p) => (
                            <tr key={p.period} data-testid={`sla-${p.period}`}>
                                <td data-label="Period">
                                    {formatDate(p.start)} – {formatDate(p.end)}
                                </td>
                                <td data-label="Uptime">
                                    {p.uptimeBps === undefined ? 'not measured' : formatBps(p.uptimeBps)}
                                    <span className="muted"> (coverage {formatBps(p.coverageBps, 0)})</span>
                                </td>
                                <td data-label="Outcome">
                                    {p.outcome}
                                    {p.creditBps > 0 && <span className="muted"> · credit {formatBps(p.creditBps, 0)}</span>}
                                    {p.note && <div className="muted">{p.note}</div>}
                                </td>
                                <td data-label="Credit owed" className="num">{amount(p.credit)}</td>
                                <td data-label="Credited" className="num">
                                    {amount(p.credited)}
                                    {p.credited < p.credit && <div className="muted">capped by what was left in escrow</div>}
                                </td>
                            </tr>
                        ))}
                    </tbody>
                </table>
            </TableScroll>
        </>
    );
}
