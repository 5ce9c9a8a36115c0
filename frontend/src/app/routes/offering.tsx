import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { Alert, Button, Card, QueryState } from '@/components/ui';
import { paths } from '@/config/paths';
import { env } from '@/config/env';
import { useCheckoutDeps } from '@/features/checkout/api/checkout-deps';
import { CheckoutDialog } from '@/features/checkout/components/checkout-dialog';
import { useIcpayFees } from '@/features/checkout/api/icpay-fees';
import { useOffering } from '@/features/offerings/api/get-offering';
import { OfferingSpecs } from '@/features/offerings/components/offering-specs';
import { useProviderTrust } from '@/features/trust/api/get-provider-trust';
import { TrustBadge } from '@/features/trust/components/trust-badge';
import { TrustProfileView } from '@/features/trust/components/trust-profile';
import { checkoutWarning, type MarketPosition, type TrustProfile } from '@/features/trust/types';
import { useTokenOf } from '@/features/wallet/api/get-token';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { WalletBalance } from '@/features/wallet/components/wallet-balance';
import { useMarketConfig } from '@/features/wallet/api/get-market-config';
import { useAuth } from '@/lib/auth';
import { useDocumentTitle } from '@/lib/document-title';
import { formatBps, formatHours } from '@/lib/format';

export default function OfferingRoute() {
    const { offeringId } = useParams();
    const id = /^\d+$/.test(offeringId ?? '') ? BigInt(offeringId!) : undefined;
    const offering = useOffering(id);
    const trust = useProviderTrust(offering.data?.provider);
    // The offering's own token (symbol, decimals, ledger fee from the marketplace's config, its ledger).
    const tokenInfo = useTokenOf(offering.data?.token);
    const token = { data: tokenInfo };
    const auth = useAuth();
    const navigate = useNavigate();
    const [open, setOpen] = useState(false);
    const deps = useCheckoutDeps(id === undefined || tokenInfo === undefined ? undefined : { kind: 'rent', offeringId: id, ledger: tokenInfo.ledgerCanisterId });
    const market = useMarketConfig();
    const icpayFees = useIcpayFees();
    useDocumentTitle(id === undefined ? 'Not an offering' : offering.isError ? 'Offering not available' : offering.data?.name ?? 'Offering');

    if (id === undefined) return <Alert tone="error" title="Not an offering id" />;
    return (
        <QueryState query={offering} label="offering">
            {(o) => {
                const warning = checkoutWarning(trust.data);
                const soldOut = o.inUse >= o.stock;
                return (
                    <article className="stack" aria-labelledby="offering-title">
                        <div className="page-header">
                            <div>
                                <h1 id="offering-title" tabIndex={-1}>
                                    {o.name}
                                </h1>
                                <p>
                                    by <Link to={paths.providerProfile.href(o.provider)}>{o.providerName ?? o.provider}</Link>
                                </p>
                            </div>
                            <TrustBadge score={trust.data?.score} flags={trust.data?.flags} />
                        </div>
                        <div className="grid-2">
                            <Card title="Offering">
                                <p>{o.description}</p>
                                <OfferingSpecs o={o} />
                                <ul className="specs" style={{ marginTop: '0.5rem' }}>
                                    <li>Uptime target {formatBps(o.uptimeTargetBps)}</li>
                                    <li>First response within {o.firstResponseMinutes} min</li>
                                    <li>
                                        Rent {formatHours(o.minHours)} to {formatHours(o.maxHours)}
                                    </li>
                                </ul>
                            </Card>
                            <Card title="Price">
                                <p className="price" style={{ fontSize: '1.4rem', fontWeight: 700 }}>
                                    <TokenAmount value={o.pricePerMonth} token={token.data} /> <span className="muted">/ month</span>
                                </p>
                                {o.setupFee > 0n && (
                                    <p>
                                        Setup fee: <TokenAmount value={o.setupFee} token={token.data} />
                                    </p>
                                )}
                                <p className="muted">
                                    Paid into escrow; the order summary lists every ledger fee before you pay.{market.data !== undefined && market.data.feeBps > 0 && ` The platform fee (${formatBps(market.data.feeBps)}) is included in the price and comes out of the provider's share.`}
                                </p>
                                {warning !== undefined && (
                                    <Alert tone="warning" title="Check this provider before renting">
                                        <ul>
                                            {warning.map((w) => (
                                                <li key={w}>{w}</li>
                                            ))}
                                        </ul>
                                    </Alert>
                                )}
                                {auth.status === 'authenticated' ? (
                                    <div className="stack" style={{ gap: '0.5rem' }}>
                                        <WalletBalance token={token.data} testId="offering-wallet-balance" />
                                        <div>
                                            <Button disabled={soldOut || auth.principal === o.provider || token.data === undefined} onClick={() => setOpen(true)}>
                                                {soldOut ? 'Out of stock' : 'Rent this server'}
                                            </Button>
                                        </div>
                                        {auth.principal === o.provider && <p className="muted">This is your own offering.</p>}
                                    </div>
                                ) : (
                                    <Button onClick={() => void auth.signIn()}>Sign in to rent</Button>
                                )}
                            </Card>
                        </div>
                        <h2>Provider trust profile</h2>
                        <QueryState query={trust} label="trust profile">
                            {(t) => <TrustProfileView {...offeringView(t, o.id)} />}
                        </QueryState>
                        {token.data !== undefined && deps !== undefined && (
                            <CheckoutDialog
                                open={open}
                                onClose={() => setOpen(false)}
                                offeringName={o.name}
                                token={token.data}
                                deps={deps}
                                options={{
                                    pricePerMonth: o.pricePerMonth,
                                    setupFee: o.setupFee,
                                    minHours: o.minHours,
                                    maxHours: o.maxHours,
                                    ledgerFee: token.data.fee,
                                    trustWarning: warning,
                                    feeBps: market.data?.feeBps ?? 0,
                                    icpayAvailable: env().icpayPublishableKey !== undefined && icpayFees.data != null,
                ...(icpayFees.data ? { icpayFees: icpayFees.data } : {}),
                                    ledgerCanisterId: token.data.ledgerCanisterId
                                }}
                                onDone={(cid) => void navigate(paths.contract.href(cid))}
                            />
                        )}
                    </article>
                );
            }}
        </QueryState>
    );
}

/** The provider's profile as seen from one offering: that offering's market position and claim checks. */
function offeringView(trust: TrustProfile, offeringId: bigint): { trust: TrustProfile; market: MarketPosition | undefined } {
    const own = trust.offeringMarkets.find((m) => m.offeringId === offeringId);
    return { trust: { ...trust, claims: own?.claims ?? [] }, market: own?.position };
}
