import { useState } from 'react';
import { Link } from 'react-router';
import { Alert, Button, Card, DataTable, Dialog, FieldError, InputField, QueryState, Stat, StatGrid, type Column } from '@/components/ui';
import { paths } from '@/config/paths';
import { StatusBadge } from '@/features/contracts/components/status-badge';
import { contractEnd, held, type Contract } from '@/features/contracts/types';
import { parseProbeEndpoint, useContractAction } from '@/features/provider/api/contract-actions';
import { useEarningHistory } from '@/features/provider/api/get-earning-history';
import { useEarnings } from '@/features/provider/api/get-earnings';
import { useProviderContracts } from '@/features/contracts/api/get-provider-contracts';
import { useProviderProfile } from '@/features/provider/api/get-provider-profile';
import { useContractUptime } from '@/features/provider/api/get-contract-uptime';
import { useSaveProfile } from '@/features/provider/api/save-profile';
import { FeeCell } from '@/features/wallet/components/movements-table';
import { WithdrawButton } from '@/features/wallet/components/withdraw-button';
import { OfferingManager } from '@/features/provider/components/offering-manager';
import { ProfileForm } from '@/features/provider/components/profile-form';
import { useProviderOfferings } from '@/features/offerings/api/get-offering-pages';
import { useProviderTrust } from '@/features/trust/api/get-provider-trust';
import { TrustBadge } from '@/features/trust/components/trust-badge';
import { useToken } from '@/features/wallet/api/get-token';
import { useMarketConfig } from '@/features/wallet/api/get-market-config';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { errorMessage } from '@/lib/canister-error';
import { formatBps, formatDateTime, formatDuration, formatHours, formatPercent, shortPrincipal } from '@/lib/format';

function RequestDecision({ c }: { c: Contract }) {
    const action = useContractAction();
    const [rejecting, setRejecting] = useState(false);
    const [note, setNote] = useState('');
    return (
        <>
            <div className="row">
                <Button size="sm" isLoading={action.isPending && action.variables?.kind === 'accept'} onClick={() => action.mutate({ kind: 'accept', id: c.id })}>
                    Accept
                </Button>
                <Button size="sm" variant="danger" onClick={() => setRejecting(true)}>
                    Reject
                </Button>
            </div>
            {action.isError && <FieldError>{errorMessage(action.error)}</FieldError>}
            <Dialog
                open={rejecting}
                onClose={() => setRejecting(false)}
                title={`Reject request #${c.id}`}
                footer={
                    <>
                        <Button variant="secondary" onClick={() => setRejecting(false)}>
                            Back
                        </Button>
                        <Button
                            variant="danger"
                            isLoading={action.isPending}
                            onClick={() => action.mutate({ kind: 'reject', id: c.id, note }, { onSuccess: () => setRejecting(false) })}
                        >
                            Reject and refund the tenant
                        </Button>
                    </>
                }
            >
                <p>The tenant gets the full payment back.</p>
                <InputField label="Reason" value={note} onChange={(e) => setNote(e.target.value)} maxLength={200} />
            </Dialog>
        </>
    );
}

const REQUEST_COLUMNS: Column<Contract>[] = [
    { header: 'Contract', cell: (c) => <ContractName c={c} /> },
    { header: 'Tenant', className: 'mono', cell: (c) => shortPrincipal(c.tenant) },
    { header: 'Duration', cell: (c) => formatHours(c.segments.reduce((h, s) => h + s.hours, 0)) },
    { header: 'In escrow', num: true, cell: (c) => <TokenAmount value={c.deposited} /> },
    { header: 'Decision', cell: (c) => <RequestDecision c={c} /> }
];

const RUNNING_COLUMNS: Column<Contract>[] = [
    { header: 'Contract', cell: (c) => <ContractName c={c} /> },
    { header: 'Status', cell: (c) => <StatusBadge status={c.status} /> },
    { header: 'Ends', cell: (c) => formatDateTime(contractEnd(c)) },
    { header: 'Uptime (30 d) and SLA', label: 'Uptime and SLA', cell: (c) => <UptimeCell c={c} /> },
    { header: 'In escrow', num: true, cell: (c) => <TokenAmount value={held(c)} /> }
];

function ContractName({ c }: { c: Contract }) {
    return (
        <>
            <Link to={paths.contract.href(c.id)}>#{c.id.toString()}</Link> {c.offeringName}
        </>
    );
}

function ProvisionForm({ c }: { c: Contract }) {
    const action = useContractAction();
    const [connection, setConnection] = useState('');
    const [endpoint, setEndpoint] = useState('');
    const [failing, setFailing] = useState(false);
    const probe = endpoint.trim() === '' ? undefined : parseProbeEndpoint(endpoint);
    return (
        <form
            aria-label={`Provision contract ${c.id}`}
            onSubmit={(e) => {
                e.preventDefault();
                if (connection.trim() !== '' && typeof probe !== 'string') action.mutate({ kind: 'provisioned', id: c.id, connection: connection.trim(), probe });
            }}
        >
            {c.status === 'Accepted' ? (
                <Button size="sm" isLoading={action.isPending && action.variables?.kind === 'provisioning'} onClick={() => action.mutate({ kind: 'provisioning', id: c.id })}>
                    Start provisioning #{c.id.toString()}
                </Button>
            ) : (
                <InputField
                    label={`Connection details for #${c.id}`}
                    value={connection}
                    onChange={(e) => setConnection(e.target.value)}
                    placeholder="ssh root@203.0.113.7 -p 22"
                    hint="Shown to the tenant only. Billing starts when you report the server provisioned."
                />
            )}
            {c.status === 'Provisioning' && (
                <InputField
                    label={`Monitoring endpoint for #${c.id} (optional)`}
                    value={endpoint}
                    onChange={(e) => setEndpoint(e.target.value)}
                    placeholder="https://203.0.113.7/health or tcp://203.0.113.7:22"
                    hint="Public: uptime monitors probe it, and your uptime record builds on what they see."
                    error={typeof probe === 'string' ? probe : undefined}
                />
            )}
            <div className="row">
                {c.status === 'Provisioning' && (
                    <Button type="submit" size="sm" disabled={connection.trim() === '' || typeof probe === 'string'} isLoading={action.isPending && action.variables?.kind === 'provisioned'}>
                        Report provisioned
                    </Button>
                )}
                <Button size="sm" variant="danger" onClick={() => setFailing(true)}>
                    Provisioning failed
                </Button>
            </div>
            {action.isError && <Alert tone="error">{errorMessage(action.error)}</Alert>}
            <Dialog
                open={failing}
                onClose={() => setFailing(false)}
                title="Report provisioning failure"
                footer={
                    <Button variant="danger" isLoading={action.isPending} onClick={() => action.mutate({ kind: 'failed', id: c.id, note: 'provisioning failed' }, { onSuccess: () => setFailing(false) })}>
                        Report failure and refund
                    </Button>
                }
            >
                <p>The tenant is refunded in full, and the failure counts against your trust score.</p>
            </Dialog>
        </form>
    );
}

function UptimeCell({ c }: { c: Contract }) {
    const u = useContractUptime(c.id);
    if (u.isPending) return <span className="muted">…</span>;
    if (u.isError || u.data === undefined) return <span className="muted">no data</span>;
    const d = u.data;
    return (
        <span>
            {d.uptime30d === undefined ? 'no monitor data yet' : formatPercent(d.uptime30d, 2)}
            {d.targetBps > 0 && <> / target {formatBps(d.targetBps)}</>}{' '}
            {d.slaMet === undefined ? null : d.slaMet ? <span className="badge badge-good">SLA met</span> : <span className="badge badge-bad">SLA breached</span>}
            {d.credited !== undefined && d.credited > 0n && (
                <span className="stat-hint" data-testid={`sla-credit-${c.id}`}>
                    SLA credit to the tenant: <TokenAmount value={d.credited} />
                </span>
            )}
        </span>
    );
}

const EARNING_LABEL: Record<string, string> = {
    Release: 'Released to you',
    Withdrawal: 'Payout arrived in your wallet',
    TransferFailed: 'Payout failed (re-credited)',
    SlaCredit: 'SLA credit to the tenant'
};

type EarningRow = NonNullable<ReturnType<typeof useEarningHistory>['data']>[number];

const EARNING_COLUMNS: Column<EarningRow>[] = [
    { header: 'When', cell: (r) => formatDateTime(r.at) },
    { header: 'What', cell: (r) => EARNING_LABEL[r.kind] ?? r.kind },
    { header: 'Contract', cell: (r) => (r.contractId === undefined ? '—' : `#${r.contractId}`) },
    { header: 'Amount', num: true, cell: (r) => <TokenAmount value={r.amount} /> },
    { header: 'Fee', num: true, cell: (r) => <FeeCell fee={r.fee} note={r.kind === 'Release' ? 'platform fee' : r.kind === 'Withdrawal' ? 'ledger fee' : ''} /> },
    { header: 'Net', num: true, cell: (r) => <TokenAmount value={r.kind === 'SlaCredit' ? r.amount : r.amount - r.fee} /> }
];

function Earnings({ principal }: { principal: string }) {
    const earnings = useEarnings(principal);
    const history = useEarningHistory(principal);
    const token = useToken();
    const market = useMarketConfig();
    const ledgerFee = token.data?.fee ?? 0n;
    return (
        <Card title="Earnings">
            {market.data !== undefined && (
                <p className="muted" data-testid="platform-fee-note">
                    The platform keeps {formatBps(market.data.feeBps)} of what is released to you (fixed on each contract when it is created); every payout to your wallet bears the ledger fee.
                </p>
            )}
            <QueryState query={earnings} label="earnings">
                {(e) => (
                    <>
                        <StatGrid label="Earnings">
                            <Stat label="Withdrawable now" value={<span data-testid="withdrawable">{<TokenAmount value={e.withdrawable} />}</span>} hint="booked by the daily releases" />
                            {e.accruing > 0n && <Stat label="Accruing" value={<span data-testid="accruing">{<TokenAmount value={e.accruing} />}</span>} hint="earned since the last release; withdrawable once the next release books it" />}
                            <Stat label="Released to you (total)" value={<span data-testid="released-total">{<TokenAmount value={e.releasedTotal} />}</span>} />
                            <Stat label="Transfers in flight" value={<TokenAmount value={e.inFlight} />} />
                        </StatGrid>
                        <div className="row" style={{ marginTop: '0.75rem' }}>
                            <WithdrawButton token={e.token} amount={e.withdrawable} ledgerFee={ledgerFee} label="Withdraw to my wallet" />
                            <Link to={paths.wallet.href()}>Wallet and receipts</Link>
                        </div>
                    </>
                )}
            </QueryState>
            <h3 style={{ marginTop: '1rem' }}>History</h3>
            <QueryState query={history} label="earning history" empty={(h) => h.length === 0}>
                {(rows) => (
                    <DataTable label="Earning history" rows={rows} rowKey={(r) => r.seq.toString()} columns={EARNING_COLUMNS} />
                )}
            </QueryState>
        </Card>
    );
}

export default function ProviderRoute() {
    const auth = useAuth();
    const principal = auth.principal;
    const profile = useProviderProfile(principal);
    const save = useSaveProfile();
    const offerings = useProviderOfferings(principal, true);
    const contracts = useProviderContracts(principal);
    const trust = useProviderTrust(profile.data ? principal : undefined);
    const token = useToken();
    useDocumentTitle('Provider console');

    if (auth.status !== 'authenticated' || principal === undefined) {
        return (
            <section>
                <h1 tabIndex={-1}>Provider console</h1>
                <Card>
                    <p>Sign in to manage your offerings and contracts.</p>
                    <Button onClick={() => void auth.signIn()}>Sign in</Button>
                </Card>
            </section>
        );
    }
    const mine = offerings.data ?? [];
    const all = contracts.data ?? [];
    const requests = all.filter((c) => c.status === 'Pending');
    const provisioning = all.filter((c) => c.status === 'Accepted' || c.status === 'Provisioning');
    const running = all.filter((c) => c.status === 'Provisioned' || c.status === 'Active' || c.status === 'Paused');
    return (
        <section className="stack" aria-labelledby="provider-title">
            <div className="page-header">
                <h1 id="provider-title" tabIndex={-1}>
                    Provider console
                </h1>
                {trust.data && <TrustBadge score={trust.data.score} flags={trust.data.flags} />}
            </div>
            <QueryState query={profile} label="provider profile">
                {(p) => (
                    <>
                        {p === null && (
                            <Card title="Register as a provider">
                                <ProfileForm key="new" profile={undefined} isPending={save.isPending} error={save.error} saved={save.isSuccess} onSubmit={(v) => save.mutate({ ...v, registered: false })} />
                            </Card>
                        )}
                        {p !== null && (
                            <>
                                <Card title={`Incoming requests (${requests.length})`}>
                                    <QueryState query={contracts} label="requests">
                                        {() =>
                                            requests.length === 0 ? (
                                                <p className="empty">No pending requests.</p>
                                            ) : (
                                                <DataTable label="Incoming requests" rows={requests} rowKey={(c) => c.id.toString()} rowProps={(c) => ({ 'data-testid': `request-${c.id}` })} columns={REQUEST_COLUMNS} />
                                            )
                                        }
                                    </QueryState>
                                </Card>
                                {provisioning.length > 0 && (
                                    <Card title="To provision">
                                        <div className="stack">
                                            {provisioning.map((c) => (
                                                <div key={c.id.toString()} className="row" style={{ justifyContent: 'space-between', alignItems: 'start' }}>
                                                    <div>
                                                        <strong>#{c.id.toString()}</strong> {c.offeringName} <StatusBadge status={c.status} />
                                                    </div>
                                                    <ProvisionForm c={c} />
                                                </div>
                                            ))}
                                        </div>
                                    </Card>
                                )}
                                <Card title="Running contracts: uptime and SLA">
                                    {running.length === 0 ? (
                                        <p className="empty">No running contracts.</p>
                                    ) : (
                                        <DataTable label="Running contracts" rows={running} rowKey={(c) => c.id.toString()} columns={RUNNING_COLUMNS} />
                                    )}
                                </Card>
                                <Earnings principal={principal} />
                                {trust.data && (
                                    <Card title="Response figures">
                                        <StatGrid>
                                            <Stat label="Median first response" value={trust.data.firstResponseMedianSecs === undefined ? 'no data' : formatDuration(trust.data.firstResponseMedianSecs)} />
                                            <Stat label="90th percentile" value={trust.data.firstResponseP90Secs === undefined ? '—' : formatDuration(trust.data.firstResponseP90Secs)} />
                                            <Stat label="Conversations measured" value={trust.data.responseSamples} />
                                            <Stat label="Response SLA breaches" value={trust.data.slaBreaches} />
                                        </StatGrid>
                                        {trust.data.flags.length > 0 && (
                                            <ul className="flags" style={{ marginTop: '0.75rem' }}>
                                                {trust.data.flags.map((f) => (
                                                    <li key={f.code} className={f.critical ? 'flag-critical' : 'flag-warning'}>
                                                        {f.message}
                                                    </li>
                                                ))}
                                            </ul>
                                        )}
                                    </Card>
                                )}
                                <Card title={`Your offerings (${mine.length})`}>
                                    {token.data && <OfferingManager offerings={mine} decimals={token.data.decimals} symbol={token.data.symbol} price={(v) => <TokenAmount value={v} />} />}
                                </Card>
                                <Card title="Profile">
                                    <ProfileForm key={p.id} profile={p} isPending={save.isPending} error={save.error} saved={save.isSuccess} onSubmit={(v) => save.mutate({ ...v, registered: true })} />
                                    <p style={{ marginTop: '1rem' }}>
                                        <Link to={paths.providerProfile.href(p.id)}>Your public provider page</Link>
                                    </p>
                                </Card>
                            </>
                        )}
                    </>
                )}
            </QueryState>
        </section>
    );
}
