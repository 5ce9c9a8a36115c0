import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { QueryState } from '@/components/ui';
import { useOfferings } from '@/features/offerings/api/get-offerings';
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
    const offerings = useOfferings();
    const providers = useMemo(() => [...new Set((offerings.data ?? []).map((o) => o.provider))], [offerings.data]);
    const trust = useTrustScores(providers);
    const token = useToken();
    const setFilters = (f: OfferingFilters) => setParams(filtersToParams(f, defaultFilters), { replace: true });
    const trustOf = (p: string) => trust.data?.get(p)?.score;
    const parsePrice = (t: string) => {
        try {
            return parseTokenAmount(t, token.data?.decimals ?? 8);
        } catch {
            return undefined;
        }
    };
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
            <OfferingFiltersForm value={filters} onChange={setFilters} regions={regionsOf(offerings.data ?? [])} tokenSymbol={token.data?.symbol ?? ''} />
            <div style={{ marginTop: '1rem' }}>
                <QueryState query={offerings} label="offerings">
                    {(all) => {
                        const shown = applyFilters(all, filters, trustOf, parsePrice, (p) => trust.data?.get(p)?.rank);
                        return (
                            <>
                                <p role="status" className="muted">
                                    {shown.length} of {all.filter((o) => o.active).length} offerings
                                </p>
                                {shown.length === 0 ? (
                                    <p className="empty">No offering matches these filters.</p>
                                ) : (
                                    <ul className="offering-grid" aria-label="Offerings">
                                        {shown.map((o) => (
                                            <li key={o.id.toString()}>
                                                <OfferingCard
                                                    offering={o}
                                                    price={<TokenAmount value={o.pricePerMonth} />}
                                                    badge={<TrustBadge score={trustOf(o.provider)} flags={trust.data?.get(o.provider)?.flags} />}
                                                />
                                            </li>
                                        ))}
                                    </ul>
                                )}
                            </>
                        );
                    }}
                </QueryState>
            </div>
        </section>
    );
}
