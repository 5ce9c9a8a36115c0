import { Card, Stat, StatGrid, TableScroll } from '@/components/ui';
import { formatDateTime, formatPercent } from '@/lib/format';
import { Link } from 'react-router';
import { standing, trustTone, type MarketPosition, type TrustProfile } from '../types';
import { CertifiedSummary } from './certified-summary';
import { METHODOLOGY_PATH } from './methodology';
import { UptimeChart, WindowBars } from './uptime-chart';
import { ResponseStats } from './response-figures';

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
    return (
        <div className="stack">
            <Card title="Trust score" headingLevel={3}>
                <div className="row" style={{ gap: '1rem' }}>
                    <span className={`score score-${tone}`} role="img" aria-label={`Trust score ${trust.score} out of 100`} data-testid="trust-profile-score">
                        {trust.score}
                    </span>
                    <div>
                        <p style={{ margin: 0 }}>
                            <strong>{standing(trust)}</strong> — computed on-chain from paid contracts, independent uptime monitors, chat response times on paid
                            contracts and tenant feedback.
                        </p>
                        <p className="muted" style={{ margin: 0 }} data-testid="trust-evidence">
                            Rests on {trust.evidenceText || 'no paid service yet'}. A score with little evidence stays near the neutral 60.{' '}
                            <Link to={METHODOLOGY_PATH}>How the score works</Link>
                        </p>
                    </div>
                </div>
                <CertifiedSummary provider={trust.provider} />
                <h4 style={{ marginTop: '1rem' }}>Flags</h4>
                {trust.flags.length === 0 ? (
                    <p className="muted">{(trust.evidence ?? 0) === 0 ? 'No flags — but no paid service to judge by either.' : 'No red flags.'}</p>
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
                <details style={{ marginTop: '0.75rem' }}>
                    <summary>How the score of {trust.score} adds up</summary>
                    <ul className="flags" aria-label="Score breakdown">
                        {trust.rules
                            .filter((r) => r.points !== 0 || r.rulePoints !== 0)
                            .map((r) => (
                                <li key={r.rule} className={r.points < 0 ? 'flag-warning' : 'flag-bonus'}>
                                    {r.text}
                                </li>
                            ))}
                    </ul>
                    <p className="muted">The lines add up to {trust.rules.reduce((a, r) => a + r.points, 0)}; rules that did not fire add 0.</p>
                </details>
            </Card>
            <div className="grid-2">
                <Card title="Uptime, last 30 days" headingLevel={3}>
                    <StatGrid>
                        <Stat label="30-day uptime" value={trust.uptime30d === undefined ? 'no data' : formatPercent(trust.uptime30d, 2)} />
                        <Stat label="Uptime target" value={trust.uptimeTarget === undefined ? 'per offering, below' : formatPercent(trust.uptimeTarget, 2)} />
                        <Stat label="Incidents" value={trust.incidents ?? '—'} />
                    </StatGrid>
                    {trust.offeringUptime.length > 0 && (
                        <ul aria-label="Uptime by offering">
                            {trust.offeringUptime.map((o) => (
                                <li key={o.offeringId.toString()} className={o.uptime !== undefined && o.uptime < o.target ? 'field-error' : undefined}>
                                    {o.name}: {o.uptime === undefined ? 'no data' : formatPercent(o.uptime, 2)} against its {formatPercent(o.target, 2)} target, {o.incidents}{' '}
                                    incident{o.incidents === 1 ? '' : 's'}
                                    {o.uptime !== undefined && o.uptime < o.target ? ' — below target' : ''}
                                </li>
                            ))}
                        </ul>
                    )}
                    {trust.uptimeDays.some((d) => d.uptime !== undefined) ? (
                        <UptimeChart days={trust.uptimeDays} target={trust.uptimeTarget} />
                    ) : trust.uptimeWindows.some((w) => w.uptime !== undefined) ? (
                        <WindowBars windows={trust.uptimeWindows} target={trust.uptimeTarget} />
                    ) : (
                        <p className="muted">No monitor data yet.</p>
                    )}
                </Card>
                <Card title="Responsiveness" headingLevel={3}>
                    <ResponseStats t={trust} />
                    {trust.silentSince !== undefined && <p className="field-error">Silent since {formatDateTime(trust.silentSince)}.</p>}
                </Card>
                <Card title="Tenant feedback" headingLevel={3}>
                    <StatGrid>
                        <Stat label="Matched the description" value={ratio(trust.feedback.matchedYes, trust.feedback.matchedNo)} />
                        <Stat label="Would rent again" value={ratio(trust.feedback.againYes, trust.feedback.againNo)} />
                        <Stat label="Paid contracts served" value={trust.contracts.provisioned} />
                        <Stat label="Ran to their end" value={trust.contracts.completed} />
                        <Stat label="Repeat customers (2+ served paid contracts)" value={trust.contracts.repeatCustomers} />
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
