import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import { unwrap } from '@/lib/canister-error';
import { queryRoots } from '@/lib/query-keys';

export interface WithdrawOutcome {
    amount: bigint;
    status: string;
    block: bigint | undefined;
    ledgerFee: bigint;
}

/** Withdraws the whole balance (amount = none) to the provider's payout account. */
export async function withdraw(actors: Actors, token: string, amount?: bigint): Promise<WithdrawOutcome> {
    const t = unwrap(await actors.marketplace.withdraw(token, amount === undefined ? [] : [amount]), 'withdraw');
    return { amount: t.amount, status: variantName(t.status), block: fromOpt(t.block), ledgerFee: t.ledgerFee };
}

export function useWithdraw() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ token, amount }: { token: string; amount?: bigint }) => withdraw(requireActors(auth), token, amount),
        onSettled: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.earnings });
            void qc.invalidateQueries({ queryKey: queryRoots.wallet });
        }
    });
}
