import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { env } from '@/config/env';
import { anonymousActors, type Actors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import { verifyCertifiedSummary, type Verification } from './verify-summary';
import { queryRoots } from '@/lib/query-keys';

/**
 * The IC's time as this browser knows it: its clock plus the agent's synced offset. An offset
 * that would move the clock back is ignored: a replayed old time certificate cannot make an old
 * summary look current (on localnet the IC's clock only moves forward).
 */
export const icNowMs = (agent: Pick<Actors['agent'], 'getTimeDiffMsecs'>): number => Date.now() + Math.max(0, agent.getTimeDiffMsecs());

/**
 * The provider's certified trust summary, verified here against the IC root key (on a local
 * network, the replica's root key the agent fetched) and judged fresh or stale by the IC's time.
 * `null` when none is certified yet.
 */
export async function getCertifiedSummary(provider: string): Promise<Verification | null> {
    const actors = await anonymousActors();
    const r = fromOpt(await actors.marketplace.certifiedTrustSummary(Principal.fromText(provider)));
    if (r === undefined) return null;
    const rootKey = actors.agent.rootKey;
    if (rootKey === null || rootKey === undefined) return { verified: false, reason: 'no IC root key to verify against' };
    const canisterId = Principal.fromText(env().marketplaceCanisterId);
    const verify = () =>
        verifyCertifiedSummary(
            { summary: r.summary, certificate: Uint8Array.from(r.certificate), witness: Uint8Array.from(r.witness) },
            { rootKey: Uint8Array.from(rootKey), canisterId, provider: Principal.fromText(provider), nowMs: icNowMs(actors.agent) }
        );
    // As agent-js does: the clock synced with the IC (a certified read_state of `time`), again when
    // the answer looks stale (the IC's clock may have moved since).
    if (!actors.agent.hasSyncedTime()) await actors.agent.syncTime(canisterId);
    const first = await verify();
    if (!first.verified || first.fresh) return first;
    await actors.agent.syncTime(canisterId);
    return verify();
}

export const getCertifiedSummaryQueryOptions = (provider: string | undefined) =>
    queryOptions({ queryKey: [...queryRoots.trust, 'certified', provider], queryFn: () => getCertifiedSummary(provider!), enabled: provider !== undefined, staleTime: 30_000 });

export function useCertifiedSummary(provider: string | undefined) {
    return useQuery(getCertifiedSummaryQueryOptions(provider));
}
