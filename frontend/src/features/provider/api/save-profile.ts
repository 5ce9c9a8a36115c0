import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Actors } from '@/lib/agent';
import { requireActors, useAuth } from '@/lib/auth';
import { unwrap } from '@/lib/canister-error';
import type { ProfileInput } from '../components/profile-form';
import { queryRoots } from '@/lib/query-keys';

/** Registers or updates the caller's provider profile; payouts go to the caller's own account. */
export async function saveProfile(actors: Actors, v: ProfileInput, registered: boolean): Promise<void> {
    const input = {
        name: v.name.trim(),
        description: v.description,
        website: v.website,
        contacts: v.contactEmail.trim() === '' ? [] : [{ kind: 'email', value: v.contactEmail.trim() }],
        payout: { owner: await actors.agent.getPrincipal(), subaccount: [] as [] }
    };
    const r = registered ? await actors.marketplace.updateProvider(input) : await actors.marketplace.registerProvider(input);
    unwrap(r, registered ? 'updateProvider' : 'registerProvider');
}

export function useSaveProfile() {
    const auth = useAuth();
    const qc = useQueryClient();
    return useMutation({
        mutationFn: ({ registered, ...v }: ProfileInput & { registered: boolean }) => saveProfile(requireActors(auth), v, registered),
        onSuccess: () => {
            void qc.invalidateQueries({ queryKey: queryRoots.providers });
            void qc.invalidateQueries({ queryKey: queryRoots.offerings });
        }
    });
}
