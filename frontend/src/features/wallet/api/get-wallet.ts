import { Actor } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { idlFactory as ledgerIdl, type _SERVICE as LedgerService } from '@declarations/ledger';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import { getMarketConfig, type MarketToken } from './get-market-config';
import { queryRoots } from '@/lib/query-keys';

export interface TokenWallet {
    token: MarketToken;
    /** In the user's own ledger account (undefined: that ledger did not answer). */
    wallet: bigint | undefined;
    /** On the marketplace: withdrawable now (booked earnings, refunds or credits not yet sent). */
    withdrawable: bigint;
    /** Earned since the last release: booked at the next release, not withdrawable before. */
    accruing: bigint;
    /** Held in escrow for contracts the user rents. */
    escrowAsTenant: bigint;
    /** Payouts and refunds sent, not yet confirmed by the ledger. */
    inFlight: bigint;
}

/** Per token: the wallet's ledger balance and the user's balances held by the marketplace. */
export async function getWallet(actors: Actors, principal: string): Promise<TokenWallet[]> {
    const cfg = await getMarketConfig();
    const owner = Principal.fromText(principal);
    return Promise.all(
        cfg.tokens.map(async (token) => {
            const ledger = Actor.createActor<LedgerService>(ledgerIdl as IDL.InterfaceFactory, { agent: actors.agent, canisterId: token.ledger });
            const [wallet, b] = await Promise.all([
                ledger.icrc1_balance_of({ owner, subaccount: [] }).catch(() => undefined),
                actors.marketplace.balanceOf(owner, token.symbol).then((r) => unwrap(r, 'balanceOf'))
            ]);
            // The canister's `withdrawable` includes what the next release books; `withdraw` takes only what is booked.
            return { token, wallet, withdrawable: b.withdrawable - b.accruing, accruing: b.accruing, escrowAsTenant: b.escrowAsTenant, inFlight: b.inFlight };
        })
    );
}

export const getWalletQueryOptions = (actors: Actors | undefined, principal: string | undefined) =>
    queryOptions({
        queryKey: [...queryRoots.wallet, 'tokens', principal],
        queryFn: () => getWallet(actors!, principal!),
        enabled: actors !== undefined && principal !== undefined,
        refetchInterval: 15_000
    });

export function useWallet() {
    const { actors, principal } = useAuth();
    return useQuery(getWalletQueryOptions(actors, principal));
}
