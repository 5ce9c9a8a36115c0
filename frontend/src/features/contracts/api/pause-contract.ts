import { useMutation, useQueryClient } from '@tanstack/react-query';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';

/**
 * Pause or resume service (tenant or provider). The canister's rule: a provider's pause stops
 * billing until resumed; a tenant's pause keeps billing; either party may resume.
 */
export function usePauseContract() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: async ({ id, pause, note }: { id: bigint; pause: boolean; note?: string }) => {
            const m = requireActors(auth).marketplace;
            return pause ? unwrap(await m.pauseContract(id, note ?? ''), 'pauseContract') : unwrap(await m.resumeContract(id), 'resumeContract');
        },
        onSuccess: () => {
            void qc.invalidateQueries({ queryKey: ['contracts'] });
            void qc.invalidateQueries({ queryKey: ['wallet'] });
        }
    });
}
