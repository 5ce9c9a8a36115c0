import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';

export type ContractAction =
    | { kind: 'accept'; id: bigint }
    | { kind: 'reject'; id: bigint; note: string }
    | { kind: 'provisioning'; id: bigint }
    | { kind: 'provisioned'; id: bigint; connection: string }
    | { kind: 'failed'; id: bigint; note: string };

/** The provider's moves on a contract; every one returns the canister's Result. */
export async function runContractAction(actors: Actors, a: ContractAction): Promise<void> {
    const m = actors.marketplace;
    switch (a.kind) {
        case 'accept':
            unwrap(await m.acceptContract(a.id), 'acceptContract');
            return;
        case 'reject':
            unwrap(await m.rejectContract(a.id, a.note), 'rejectContract');
            return;
        case 'provisioning':
            unwrap(await m.startProvisioning(a.id), 'startProvisioning');
            return;
        case 'provisioned':
            unwrap(await m.reportProvisioned(a.id, a.connection), 'reportProvisioned');
            return;
        case 'failed':
            unwrap(await m.reportProvisioningFailed(a.id, a.note), 'reportProvisioningFailed');
            return;
    }
}

export function useContractAction() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: (a: ContractAction) => runContractAction(requireActors(auth), a),
        onSettled: () => {
            void qc.invalidateQueries({ queryKey: ['contracts'] });
            void qc.invalidateQueries({ queryKey: ['earnings'] });
            void qc.invalidateQueries({ queryKey: ['offerings'] });
        }
    });
}
