import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { env } from '@/config/env';
import { anonymousActors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import { verifyCertifiedSummary, type Verification } from './verify-summary';
import { queryRoots } from '@/lib/query-keys';

/**
 * The provider's certified trust summary, verified here against the IC root key (on a local
 * network, the replica's root key the agent fetched). `null` when none is certified yet.
 */
export async function getCertifiedSummary(provider: string): Promise<Verification | null> {
    const actors = await anonymousActors();
    const r = fromOpt(await actors.marketplace.certifiedTrustSummary(Principal.fromText(provider)));
    if (r === undefined) return null;
    const rootKey = actors.agent.rootKey;
    if (rootKey === null || rootKey === undefined) return { verified: false, reason: 'no IC root key to verify against' };
    return verifyCertifiedSummary(
        { summary: r.summary, certificate: Uint8Array.from(r.certificate), witness: Uint8Array.from(r.witness) },
        { rootKey: Uint8Array.from(rootKey), canisterId: Principal.fromText(env().marketplaceCanisterId), provider: Principal.fromText(provider) }
    );
}

export const getCertifiedSummaryQueryOptions = (provider: string | undefined) =>
    queryOptions({ queryKey: [...queryRoots.trust, 'certified', provider], queryFn: () => getCertifiedSummary(provider!), enabled: provider !== undefined, staleTime: 30_000 });

export function useCertifiedSummary(provider: string | undefined) {
    return useQuery(getCertifiedSummaryQueryOptions(provider));
}
