import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import { queryRoots } from '@/lib/query-keys';

export interface FeedbackAnswer {
    matchedDescription: boolean;
    wouldRentAgain: boolean;
}

export async function submitFeedback(actors: Actors, id: bigint, a: FeedbackAnswer): Promise<void> {
    unwrap(await actors.marketplace.submitFeedback(id, a), 'submitFeedback');
}

export function useSubmitFeedback() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ id, ...a }: { id: bigint } & FeedbackAnswer) => submitFeedback(requireActors(auth), id, a),
        onSuccess: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.contracts });
            void qc.invalidateQueries({ queryKey: queryRoots.trust });
        }
    });
}
