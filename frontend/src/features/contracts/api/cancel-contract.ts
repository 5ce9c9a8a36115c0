import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { fromOpt, variantName } from '@/lib/candid';
import { unwrap } from '@/lib/canister-error';
import { queryRoots } from '@/lib/query-keys';

export interface CancelOutcome {
    /** Moved out of escrow to the tenant. */
    refunded: bigint;
    /** The ledger fee of the refund transfer (borne by the receiver), and what arrives. */
    ledgerFee: bigint;
    arrives: bigint;
    refundTransfer: string | undefined;
    block: bigint | undefined;
}

export async function cancelContract(actors: Actors, id: bigint, note: string): Promise<CancelOutcome> {
    const before = fromOpt(await actors.marketplace.getContract(id));
    const out = unwrap(await actors.marketplace.cancelContract(id, note), 'cancelContract');
    const refund = fromOpt(out.refund);
    const refunded = refund?.amount ?? out.contract.refunded - (before?.refunded ?? 0n);
    const ledgerFee = refund?.ledgerFee ?? 0n;
    return {
        refunded,
        ledgerFee,
        arrives: refund === undefined ? 0n : refund.amount - ledgerFee,
        refundTransfer: refund === undefined ? undefined : variantName(refund.status),
        block: refund === undefined ? undefined : fromOpt(refund.block)
    };
}

export function useCancelContract() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, note }: { id: bigint; note: string }) => cancelContract(requireActors(auth), id, note),
        onSuccess: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.contracts });
            void qc.invalidateQueries({ queryKey: queryRoots.wallet });
            void qc.invalidateQueries({ queryKey: queryRoots.offerings });
        }
    });
}
