import { Link, useParams } from 'react-router';
import { Principal } from '@dfinity/principal';
import { Card, QueryState, Stat, StatGrid, TableScroll } from '@/components/ui';
import { paths } from '@/config/paths';
import { useProviderOfferings } from '@/features/offerings/api/get-offering-pages';
import { OfferingCard } from '@/features/offerings/components/offering-card';
import { useProviderProfile } from '@/features/provider/api/get-provider-profile';
import { useTrustHistory } from '@/features/provider/api/get-trust-history';
import { useProviderTrust } from '@/features/trust/api/get-provider-trust';
import { TrustBadge } from '@/features/trust/components/trust-badge';
import { TrustProfileView } from '@/features/trust/components/trust-profile';
import { UptimeChart, WindowBars } from '@/features/trust/components/uptime-chart';
import type { TrustProfile } from '@/features/trust/types';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useDocumentTitle } from '@/lib/document-title';
import { formatDate, formatDateTime, formatPercent } from '@/lib/format';

function validPrincipal(t: string | undefined): string | undefined {
    if (t === undefined) return undefined;
    try {
        return Principal.fromText(t).toText();
    } catch {
        return undefined;
    }
}

/** The status line of a status page: measured uptime against the provider's own target. */
function statusOf(t: TrustProfile): { label: string; tone: 'good' | 'warn' | 'bad' | 'neutral' } {
    if (t.silentSince !== undefined) return { label: 'No monitor data: servers not observed recently', tone: 'warn' };
    const day = t.uptimeWindows.find((w) => w.label.includes('24'))?.uptime ?? t.uptime30d;
    if (day === undefined) return { label: 'Not yet monitored', tone: 'neutral' };
    const target = t.uptimeTarget ?? 0.999;
    if (day >= target) return { label: 'All systems operational', tone: 'good' };
    if (day >= target - 0.01) return { label: 'Degraded', tone: 'warn' };
    return { label: 'Major outage', tone: 'bad' };
}

/** Public page of a provider: profile, offerings, trust record and history, uptime status. */
export default function ProviderProfileRoute() {
    const { providerId } = useParams();
    const id = validPrincipal(providerId);
    const profile = useProviderProfile(id);
    const offerings = useProviderOfferings(id);
    const trust = useProviderTrust(id);
    const history = useTrustHistory(id);
    useDocumentTitle(profile.data?.name ?? 'Provider');
    if (id === undefined || profile.data === null) {
        return (
            <Card>
                <h1 tabIndex={-1}>Provider not found</h1>
                <p>There is no provider with this id.</p>
                <Link to={paths.marketplace.href()}>Back to the marketplace</Link>
            </Card>
        );
    }
    return (
        <QueryState query={profile} label="provider">
            {(p) =>
                p && (
                    <article className="stack" aria-labelledby="provider-name">
                        <div className="page-header">
                            <div>
                                <h1 id="provider-name" tabIndex={-1}>
                                    {p.name}
                                </h1>
                                <p className="muted">Provider since {formatDate(p.registeredAt)}</p>
                            </div>
                            <TrustBadge score={trust.data?.score} flags={trust.data?.flags} />
                        </div>
                        <Card title="About">
                            <p>{p.description || 'No description.'}</p>
                            {p.website && /^https?:\/\//.test(p.website) && (
                                <p>
                                    <a href={p.website} rel="noopener noreferrer nofollow" target="_blank">
                                        {p.website}
                                    </a>
                                </p>
                            )}
                        </Card>
                        <section aria-labelledby="status-title" className="card">
                            <h2 id="status-title" className="card-title">
                                Status
                            </h2>
                            <QueryState query={trust} label="status">
                                {(t) => {
                                    const s = statusOf(t);
                                    return (
                                        <>
                                            <p className={`status-line status-${s.tone}`} data-testid="provider-status">
                                                {s.label}
                                            </p>
                                            <StatGrid label="Uptime">
                                                <Stat label="Uptime, 30 days" value={t.uptime30d === undefined ? 'not measured' : formatPercent(t.uptime30d, 2)} />
                                                <Stat label="Target" value={t.uptimeTarget === undefined ? '—' : formatPercent(t.uptimeTarget, 2)} />
                                                <Stat label="Incidents" value={t.incidents ?? 0} />
                                            </StatGrid>
                                            <WindowBars windows={t.uptimeWindows} target={t.uptimeTarget} />
                                            <UptimeChart days={t.uptimeDays} target={t.uptimeTarget} />
                                            <p className="muted">Measured by independent monitors on the provider's running servers; the provider cannot report its own uptime.</p>
                                        </>
                                    );
                                }}
                            </QueryState>
                        </section>
                        <Card title="Offerings">
                            <QueryState query={offerings} label="offerings" empty={(o) => o.length === 0}>
                                {(list) => (
                                    <ul className="offering-grid" aria-label="Offerings of this provider">
                                        {list.map((o) => (
                                            <li key={o.id.toString()}>
                                                <OfferingCard offering={o} price={<TokenAmount value={o.pricePerMonth} symbol={o.token} />} badge={null} headingLevel={3} />
                                            </li>
                                        ))}
                                    </ul>
                                )}
                            </QueryState>
                        </Card>
                        <Card title="Trust history">
                            <QueryState query={history} label="trust history" empty={(h) => h.length === 0}>
                                {(rows) => (
                                    <TableScroll label="Trust score history">
                                        <table>
                                            <thead>
                                                <tr>
                                                    <th scope="col">When</th>
                                                    <th scope="col" className="num">
                                                        Score
                                                    </th>
                                                    <th scope="col">Why it changed</th>
                                                </tr>
                                            </thead>
                                            <tbody>
                                                {rows.map((r, i) => (
                                                    <tr key={`${r.at}-${i}`}>
                                                        <td>{formatDateTime(r.at)}</td>
                                                        <td className="num">{r.score}</td>
                                                        <td>{r.cause}</td>
                                                    </tr>
                                                ))}
                                            </tbody>
                                        </table>
                                    </TableScroll>
                                )}
                            </QueryState>
                        </Card>
                        <section aria-labelledby="trust-title">
                            <h2 id="trust-title">Trust record</h2>
                            <QueryState query={trust} label="trust profile">
                                {(t) => <TrustProfileView trust={t} />}
                            </QueryState>
                        </section>
                    </article>
                )
            }
        </QueryState>
    );
}
