import { formatDate, formatPercent } from '@/lib/format';
import type { UptimeDay } from '../types';

/**
 * 30-day uptime as an SVG bar chart (no chart library: 30 bars do not need one). Each bar has a
 * <title> for pointer users, and the same data is in a visually hidden table for screen readers.
 */
export function UptimeChart({ days, target }: { days: UptimeDay[]; target: number | undefined }) {
    const w = 300;
    const h = 80;
    const n = Math.max(days.length, 1);
    const gap = 2;
    const bw = (w - gap * (n - 1)) / n;
    // Scale: 90 %–100 % fills the height (outages are what matters); below 90 % is a full-red bar.
    const floor = 0.9;
    const y = (u: number) => h - Math.max(0.04, (Math.max(u, floor) - floor) / (1 - floor)) * h;
    const cls = (u: number | undefined) =>
        u === undefined ? 'bar-none' : target !== undefined && u >= target ? 'bar-ok' : u >= (target ?? 0.99) - 0.005 ? 'bar-mid' : 'bar-bad';
    return (
        <figure style={{ margin: 0 }}>
            <svg className="chart" viewBox={`0 0 ${w} ${h + 14}`} role="img" aria-label={`Daily uptime for the last ${days.length} days`}>
                {days.map((d, i) => {
                    const u = d.uptime;
                    const top = u === undefined ? h - 4 : y(u);
                    return (
                        <rect key={d.day.toString()} x={i * (bw + gap)} y={top} width={bw} height={h - top} className={cls(u)}>
                            <title>{`${formatDate(d.day)}: ${u === undefined ? 'no data' : formatPercent(u, 2)}`}</title>
                        </rect>
                    );
                })}
                {target !== undefined && target > floor && (
                    <line x1={0} x2={w} y1={y(target)} y2={y(target)} stroke="#1a2330" strokeDasharray="4 3" strokeWidth={1} />
                )}
                <text x={0} y={h + 12}>
                    {days[0] ? formatDate(days[0].day) : ''}
                </text>
                <text x={w} y={h + 12} textAnchor="end">
                    {days.length > 0 ? formatDate(days[days.length - 1]!.day) : ''}
                </text>
            </svg>
            <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
                Bars scale from 90 % to 100 %{target !== undefined ? `; dashed line: SLA target ${formatPercent(target, 2)}` : ''}.
            </figcaption>
            <table className="visually-hidden">
                <caption>Daily uptime</caption>
                <thead>
                    <tr>
                        <th>Day</th>
                        <th>Uptime</th>
                    </tr>
                </thead>
                <tbody>
                    {days.map((d) => (
                        <tr key={d.day.toString()}>
                            <td>{formatDate(d.day)}</td>
                            <td>{d.uptime === undefined ? 'no data' : formatPercent(d.uptime, 2)}</td>
                        </tr>
                    ))}
                </tbody>
            </table>
        </figure>
    );
}

/** Uptime per window (24 h, 7 d, 30 d) as horizontal SVG bars, when no daily series is available. */
export function WindowBars({ windows, target }: { windows: { label: string; uptime: number | undefined; downMinutes: number }[]; target: number | undefined }) {
    const w = 300;
    const row = 22;
    const labelW = 70;
    const floor = 0.9;
    const x = (u: number) => labelW + Math.max(0.02, (Math.max(u, floor) - floor) / (1 - floor)) * (w - labelW - 60);
    return (
        <figure style={{ margin: '0.5rem 0 0' }}>
            <svg className="chart" viewBox={`0 0 ${w} ${windows.length * row}`} role="img" aria-label="Uptime by window">
                {windows.map((win, i) => (
                    <g key={win.label} transform={`translate(0 ${i * row})`}>
                        <text x={0} y={14}>
                            {win.label}
                        </text>
                        {win.uptime !== undefined ? (
                            <>
                                <rect x={labelW} y={4} width={x(win.uptime) - labelW} height={12} className={target !== undefined && win.uptime < target ? 'bar-bad' : 'bar-ok'}>
                                    <title>{`${win.label}: ${formatPercent(win.uptime, 2)}, ${win.downMinutes} min down`}</title>
                                </rect>
                                <text x={x(win.uptime) + 4} y={14}>
                                    {formatPercent(win.uptime, 2)}
                                </text>
                            </>
                        ) : (
                            <text x={labelW} y={14}>
                                no data
                            </text>
                        )}
                    </g>
                ))}
                {target !== undefined && target > floor && <line x1={x(target)} x2={x(target)} y1={0} y2={windows.length * row} stroke="#1a2330" strokeDasharray="3 3" />}
            </svg>
            <figcaption className="muted" style={{ fontSize: '0.85rem' }}>
                Scale 90 %–100 %{target !== undefined ? `; dashed line: SLA target ${formatPercent(target, 2)}` : ''}.
            </figcaption>
        </figure>
    );
}
