import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt } from '@/lib/candid';
import { unwrap } from '@/lib/canister-error';
import { approveMarketplace } from '@/features/wallet/api/approve';
import type { CheckoutDeps } from '../checkout-flow';
import { payWithIcpay } from './pay-with-icpay';

/** The checkout's side effects, bound to the signed-in user's actors. */
export function makeCheckoutDeps(actors: Actors, offeringId: bigint, onChange: () => void): CheckoutDeps {
    return {
        requestContract: async (hours) => {
            const c = unwrap(await actors.marketplace.requestContract(offeringId, hours), 'requestContract');
            onChange();
            return { contractId: c.id, due: fromOpt(c.quote)?.amount ?? 0n };
        },
        approve: async (amount) => {
            await approveMarketplace(actors, amount);
        },
        fund: async (id) => {
            unwrap(await actors.marketplace.fund(id), 'fund');
            onChange();
        },
        balance: async () => actors.ledger.icrc1_balance_of({ owner: await actors.agent.getPrincipal(), subaccount: [] }),
        payWithIcpay: async (id, amount) => {
            await payWithIcpay(actors, id, amount);
            onChange();
        }
    };
}

export function useCheckoutDeps(offeringId: bigint | undefined): CheckoutDeps | undefined {
    const { actors } = useAuth();
    const qc = useQueryClient();
    return useMemo(() => {
        if (actors === undefined || offeringId === undefined) return undefined;
        return makeCheckoutDeps(actors, offeringId, () => {
            void qc.invalidateQueries({ queryKey: ['contracts'] });
            void qc.invalidateQueries({ queryKey: ['wallet'] });
            void qc.invalidateQueries({ queryKey: ['offerings'] });
        });
    }, [actors, offeringId, qc]);
}

