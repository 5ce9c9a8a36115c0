import { Card, Stat, StatGrid, TableScroll } from '@/components/ui';
import { formatDateTime, formatDuration, formatPercent } from '@/lib/format';
import { trustTone, type MarketPosition, type TrustProfile } from '../types';
import { UptimeChart, WindowBars } from './uptime-chart';

function ratio(yes: number, no: number): string {
    const n = yes + no;
    return n === 0 ? 'no answers yet' : `${formatPercent(yes / n, 0)} yes (${yes} of ${n})`;
}

const num = (v: number) => new Intl.NumberFormat(undefined, { maximumFractionDigits: 2 }).format(v);

const metricLabel: Record<string, string> = {
    vcpu: 'vCPU cores',
    ram_gib: 'RAM (GiB)',
    storage_gib: 'Storage (GiB)',
    bandwidth_mbps: 'Bandwidth (Mbit/s)'
};

/**
 * The provider's trust record: score, flags with explanations, uptime, responsiveness, feedback, price, claims.
 * Its sections are level-3 headings under the page's "Provider trust profile" heading.
 */
export function TrustProfileView({ trust, market }: { trust: TrustProfile; market?: MarketPosition | undefined }) {
    const tone = trustTone(trust.score);
    const penalties = trust.rules.filter((r) => r.points !== 0);
    return (
        <div className="stack">
            <Card title="Trust score" headingLevel={3}>
                <div className="row" style={{ gap: '1rem' }}>
                    <span className={`score score-${tone}`} role="img" aria-label={`Trust score ${trust.score} out of 100`} data-testid="trust-profile-score">
                        {trust.score}
                    </span>
                    <div>
                        <p style={{ margin: 0 }}>
                            {tone === 'good' ? 'Good standing' : tone === 'warn' ? 'Some concerns' : 'Low trust'} — computed on-chain from contracts,
                            uptime reports, chat response times and tenant feedback.
                        </p>
                        {trust.evidence !== undefined && (
                            <p className="muted" style={{ margin: 0 }}>
                                Based on {trust.evidence} contract{trust.evidence === 1 ? '' : 's'}; scores with little evidence lean towards a neutral 60.
                            </p>
                        )}
                    </div>
                </div>
                <h4 style={{ marginTop: '1rem' }}>Flags</h4>
                {trust.flags.length === 0 ? (
                    <p className="muted">No red flags.</p>
                ) : (
                    <ul className="flags" aria-label="Red flags">
                        {trust.flags.map((f) => (
                            <li key={f.code} className={f.critical ? 'flag-critical' : 'flag-warning'}>
                                <strong>{f.critical ? 'Critical: ' : 'Warning: '}</strong>
                                {f.message}
                                {f.since !== undefined && <span className="muted"> (since {formatDateTime(f.since)})</span>}
                            </li>
                        ))}
                    </ul>
                )}
                {penalties.length > 0 && (
                    <details style={{ marginTop: '0.75rem' }}>
                        <summary>How the score is computed</summary>
                        <ul className="flags">
                            {penalties.map((r) => (
                                <li key={r.rule} className={r.points < 0 ? 'flag-warning' : 'flag-bonus'}>
                                    <strong>
                                        {r.points > 0 ? '+' : ''}
                                        {r.points}
                                    </strong>{' '}
                                    {r.label}
                                    {r.inputs.length > 0 && <span className="muted"> — {r.inputs.map(([k, v]) => `${k}: ${v}`).join(', ')}</span>}
                                </li>
                            ))}
                        </ul>
                    </details>
                )}
            </Card>
            <div className="grid-2">
                <Card title="Uptime, last 30 days" headingLevel={3}>
                    <StatGrid>
                        <Stat label="30-day uptime" value={trust.uptime30d === undefined ? 'no data' : formatPercent(trust.uptime30d, 2)} />
                        <Stat label="SLA target" value={trust.uptimeTarget === undefined ? '—' : formatPercent(trust.uptimeTarget, 2)} />
                        <Stat label="Incidents" value={trust.incidents ?? '—'} />
                    </StatGrid>
                    {trust.uptimeDays.some((d) => d.uptime !== undefined) ? (
                        <UptimeChart days={trust.uptimeDays} target={trust.uptimeTarget} />
                    ) : trust.uptimeWindows.some((w) => w.uptime !== undefined) ? (
                        <WindowBars windows={trust.uptimeWindows} target={trust.uptimeTarget} />
                    ) : (
                        <p className="muted">No monitor data yet.</p>
                    )}
                </Card>
                <Card title="Responsiveness" headingLevel={3}>
                    <StatGrid>
                        <Stat label="Median first response" value={trust.firstResponseMedianSecs === undefined ? 'no data' : formatDuration(trust.firstResponseMedianSecs)} />
                        <Stat label="90th percentile" value={trust.firstResponseP90Secs === undefined ? '—' : formatDuration(trust.firstResponseP90Secs)} />
                        <Stat label="Conversations measured" value={trust.responseSamples} />
                        <Stat label="Response SLA breaches" value={trust.slaBreaches} />
                    </StatGrid>
                    {trust.silentSince !== undefined && <p className="field-error">Silent since {formatDateTime(trust.silentSince)}.</p>}
                </Card>
                <Card title="Tenant feedback" headingLevel={3}>
                    <StatGrid>
                        <Stat label="Matched the description" value={ratio(trust.feedback.matchedYes, trust.feedback.matchedNo)} />
                        <Stat label="Would rent again" value={ratio(trust.feedback.againYes, trust.feedback.againNo)} />
                        <Stat label="Completed contracts" value={trust.contracts.completed} />
                        <Stat label="Repeat customers" value={trust.contracts.repeatCustomers} />
                    </StatGrid>
                </Card>
                <Card title="Price and claims" headingLevel={3}>
                    {market === undefined || market.deltaPct === undefined ? (
                        <p className="muted">Not enough comparable offerings for a market price ({market?.comparables ?? 0} found).</p>
                    ) : (
                        <p data-testid="market-position">
                            <strong>{market.deltaPct === 0 ? 'At market' : `${Math.abs(Math.round(market.deltaPct))} % ${market.deltaPct < 0 ? 'below' : 'above'} market`}</strong>{' '}
                            <span className="muted">(median of {market.comparables} comparable offerings, per resource unit)</span>
                            {market.anomaly === 'too_cheap' && <span className="field-error"> Unusually cheap: check the provider before paying.</span>}
                        </p>
                    )}
                    <h4>Benchmark cross-check</h4>
                    {trust.claims.length === 0 ? (
                        <p className="muted">No independent measurements yet.</p>
                    ) : (
                        <TableScroll label="Benchmark cross-check">
                            <table>
                                <thead>
                                    <tr>
                                        <th scope="col">Claim</th>
                                        <th scope="col" className="num">
                                            Claimed
                                        </th>
                                        <th scope="col" className="num">
                                            Measured
                                        </th>
                                        <th scope="col">Result</th>
                                    </tr>
                                </thead>
                                <tbody>
                                    {trust.claims.map((c) => (
                                        <tr key={c.metric}>
                                            <td>{metricLabel[c.metric] ?? c.metric}</td>
                                            <td className="num">{num(c.claimed)}</td>
                                            <td className="num">{num(c.measured)}</td>
                                            <td>{c.ok ? 'Confirmed' : `Short by ${num(Math.abs(c.deltaPct))} %`}</td>
                                        </tr>
                                    ))}
                                </tbody>
                            </table>
                        </TableScroll>
                    )}
                </Card>
            </div>
        </div>
    );
}
