import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { Button, QueryState } from '@/components/ui';
import { serverFilter, useOfferingPages } from '@/features/offerings/api/get-offering-pages';
import { OfferingCard } from '@/features/offerings/components/offering-card';
import { OfferingFiltersForm } from '@/features/offerings/components/offering-filters';
import { applyFilters, filtersFromParams, filtersToParams, regionsOf } from '@/features/offerings/filter';
import { defaultFilters, type OfferingFilters } from '@/features/offerings/types';
import { useTrustScores } from '@/features/trust/api/get-trust-scores';
import { TrustBadge } from '@/features/trust/components/trust-badge';
import { useToken } from '@/features/wallet/api/get-token';
import { TokenAmount } from '@/features/wallet/components/token-amount';
import { useDocumentTitle } from '@/lib/document-title';
import { parseTokenAmount } from '@/lib/format';

export default function MarketplaceRoute() {
    useDocumentTitle('Rent a server');
    const [params, setParams] = useSearchParams();
    const filters = useMemo(() => filtersFromParams(params, defaultFilters), [params]);
    const token = useToken();
    const parsePrice = (t: string) => {
        try {
            return parseTokenAmount(t, token.data?.decimals ?? 8);
        } catch {
            return undefined;
        }
    };
    const maxPrice = filters.maxPrice === '' ? undefined : parsePrice(filters.maxPrice);
    const filter = useMemo(() => serverFilter(filters, maxPrice), [filters, maxPrice]);
    const pages = useOfferingPages(filter);
    const loaded = useMemo(() => (pages.data?.pages ?? []).flatMap((p) => p.items), [pages.data]);
    const total = pages.data?.pages[0]?.total ?? 0;
    const providers = useMemo(() => [...new Set(loaded.map((o) => o.provider))], [loaded]);
    const trust = useTrustScores(providers);
    const setFilters = (f: OfferingFilters) => setParams(filtersToParams(f, defaultFilters), { replace: true });
    const trustOf = (p: string) => trust.data?.get(p)?.score;
    const regions = useMemo(() => [...new Set([...regionsOf(loaded), ...(filters.region ? [filters.region] : [])])].sort(), [loaded, filters.region]);
    return (
        <section aria-labelledby="marketplace-title">
            <div className="page-header">
                <div>
                    <h1 id="marketplace-title" tabIndex={-1}>
                        Rent a server
                    </h1>
                    <p>Pay into on-chain escrow; providers are paid as time is served; unused time is refunded.</p>
                </div>
            </div>
            <OfferingFiltersForm value={filters} onChange={setFilters} regions={regions} tokenSymbol={token.data?.symbol ?? ''} />
            <div style={{ marginTop: '1rem' }}>
                <QueryState query={pages} label="offerings">
                    {() => {
                        const shown = applyFilters(loaded, filters, trustOf, parsePrice, (p) => trust.data?.get(p)?.rank);
                        return (
                            <>
                                <p role="status" className="muted" data-testid="offerings-count">
                                    {shown.length} of {total} offerings
                                    {pages.hasNextPage && ` (first ${loaded.length} loaded; sorting applies to the loaded ones)`}
                                </p>
                                {shown.length === 0 ? (
                                    <p className="empty">No offering matches these filters.</p>
                                ) : (
                                    <ul className="offering-grid" aria-label="Offerings">
                                        {shown.map((o) => (
                                            <li key={o.id.toString()}>
                                                <OfferingCard
                                                    offering={o}
                                                    price={<TokenAmount value={o.pricePerMonth} symbol={o.token} />}
                                                    badge={<TrustBadge score={trustOf(o.provider)} flags={trust.data?.get(o.provider)?.flags} />}
                                                />
                                            </li>
                                        ))}
                                    </ul>
                                )}
                                {pages.hasNextPage && (
                                    <div className="row" style={{ justifyContent: 'center', marginTop: '1rem' }}>
                                        <Button variant="secondary" isLoading={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
                                            Show more offerings
                                        </Button>
                                    </div>
                                )}
                                {pages.isFetchNextPageError && <p className="muted">Could not load more offerings; try again.</p>}
                            </>
                        );
                    }}
                </QueryState>
            </div>
        </section>
    );
}
