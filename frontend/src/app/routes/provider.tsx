import { Link } from 'react-router';
import { Button, Card, DataTable, QueryState, type Column } from '@/components/ui';
import { paths } from '@/config/paths';
import { useProviderContracts } from '@/features/contracts/api/get-provider-contracts';
import { ProvisionForm } from '@/features/contracts/components/provision-form';
import { RequestDecision } from '@/features/contracts/components/request-decision';
import { StatusBadge } from '@/features/contracts/components/status-badge';
import { contractEnd, held, type Contract } from '@/features/contracts/types';
import { useProviderOfferings } from '@/features/offerings/api/get-offering-pages';
import { OfferingManager } from '@/features/offerings/components/offering-manager';
import { useProviderProfile } from '@/features/provider/api/get-provider-profile';
import { usePayListingFee } from '@/features/provider/api/pay-listing-fee';
import { useSaveProfile } from '@/features/provider/api/save-profile';
import { ListingCard } from '@/features/provider/components/listing-card';
import { approveMarketplace } from '@/features/checkout/api/approve';
import { useMarketConfig } from '@/features/wallet/api/get-market-config';
import { ProfileForm } from '@/features/provider/components/profile-form';
import { UptimeCell } from '@/features/provider/components/uptime-cell';
import { useProviderTrust } from '@/features/trust/api/get-provider-trust';
import { ResponseFigures } from '@/features/trust/components/response-figures';
import { TrustBadge } from '@/features/trust/components/trust-badge';
import { useToken } from '@/features/wallet/api/get-token';
import { EarningsCard } from '@/features/wallet/components/earnings-card';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { formatDateTime, formatHours, formatTokenAmount, shortPrincipal } from '@/lib/format';

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
    { header: 'Uptime (30 d) and SLA', label: 'Uptime and SLA', cell: (c) => <UptimeCell contractId={c.id} money={(v) => <TokenAmount value={v} />} /> },
    { header: 'In escrow', num: true, cell: (c) => <TokenAmount value={held(c)} /> }
];

function ContractName({ c }: { c: Contract }) {
    return (
        <>
            <Link to={paths.contract.href(c.id)}>#{c.id.toString()}</Link> {c.offeringName}
        </>
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
    const config = useMarketConfig();
    const payListing = usePayListingFee(approveMarketplace);
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
    const listingFee = config.data?.listingFee;
    const feeToken = config.data?.tokens.find((t) => t.symbol === listingFee?.token);
    const feeText = listingFee && feeToken ? formatTokenAmount(listingFee.amount, feeToken.decimals, feeToken.symbol) : undefined;
    const ledgerFeeText = feeToken ? formatTokenAmount(feeToken.fee, feeToken.decimals, feeToken.symbol) : undefined;
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
                                <ListingCard listing={p.listing} fee={feeText} ledgerFee={ledgerFeeText} onPay={() => payListing.mutate()} isPending={payListing.isPending} error={payListing.error} />
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
                                <EarningsCard principal={principal} />
                                {trust.data && <ResponseFigures t={trust.data} />}
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
