import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import { queryRoots } from '@/lib/query-keys';

/** The wallet's ICRC-2 approve of the marketplace on a token's ledger (the app passes the checkout's). */
export type Approve = (actors: Actors, amount: bigint, ledger: string) => Promise<unknown>;

/**
 * Pays the one-time listing fee: the wallet approves fee + ledger fee on the fee's token, then the
 * marketplace pulls the fee into the platform's fee account and the offerings enter search.
 */
export async function payListingFee(actors: Actors, approve: Approve): Promise<void> {
    const config = await actors.marketplace.getConfig();
    const fee = config.listingFee;
    const token = config.tokens.find((t) => t.symbol === fee.token);
    if (token === undefined) throw new Error(`the listing fee's token ${fee.token} is not configured`);
    if (fee.amount > 0n) await approve(actors, fee.amount + token.fee, token.ledger.toText());
    unwrap(await actors.marketplace.payListingFee(), 'payListingFee');
}

export function usePayListingFee(approve: Approve) {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: () => payListingFee(requireActors(auth), approve),
        onSuccess: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.providers });
            void qc.invalidateQueries({ queryKey: queryRoots.offerings });
            void qc.invalidateQueries({ queryKey: queryRoots.wallet });
        }
    });
}
