import { Principal } from '@dfinity/principal';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { env } from '@/config/env';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { fromOpt } from '@/lib/candid';
import { unwrap } from '@/lib/canister-error';

/** Extension = a new quote, then the same ICRC-2 approve + fund as the first payment. */
export async function extendContract(actors: Actors, id: bigint, hours: number): Promise<void> {
    const c = unwrap(await actors.marketplace.extendContract(id, hours), 'extendContract');
    const quote = fromOpt(c.quote);
    if (quote === undefined) return;
    const fee = await actors.ledger.icrc1_fee();
    unwrap(
        await actors.ledger.icrc2_approve({
            from_subaccount: [],
            spender: { owner: Principal.fromText(env().marketplaceCanisterId), subaccount: [] },
            amount: quote.amount + fee,
            expected_allowance: [],
            expires_at: [],
            fee: [],
            memo: [],
            created_at_time: []
        }),
        'icrc2_approve'
    );
    unwrap(await actors.marketplace.fund(id), 'fund');
}

export function useExtendContract() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, hours }: { id: bigint; hours: number }) => extendContract(requireActors(auth), id, hours),
        onSettled: () => {
            void qc.invalidateQueries({ queryKey: ['contracts'] });
            void qc.invalidateQueries({ queryKey: ['wallet'] });
        }
    });
}
