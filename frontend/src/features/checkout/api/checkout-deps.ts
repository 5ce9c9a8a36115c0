import { useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { Actors } from '@/lib/agent';
import { useAuth } from '@/lib/auth';
import { fromOpt } from '@/lib/candid';
import { unwrap } from '@/lib/canister-error';
import { approveMarketplace, ledgerActor } from './approve';
import type { CheckoutDeps } from '../checkout-flow';
import { payWithIcpay } from './pay-with-icpay';
import { queryRoots } from '@/lib/query-keys';

/** How the flow gets its contract and amount due: a new rental, or an extension quote of an existing contract. */
export type Quoting = ({ kind: 'rent'; offeringId: bigint } | { kind: 'extend'; contractId: bigint }) & { /** The token's ledger (default: the app's). */ ledger?: string };

/** The checkout's side effects, bound to the signed-in user's actors. */
export function makeCheckoutDeps(actors: Actors, quoting: Quoting, onChange: () => void): CheckoutDeps {
    return {
        requestContract: async (hours) => {
            const c =
                quoting.kind === 'rent'
                    ? unwrap(await actors.marketplace.requestContract(quoting.offeringId, hours), 'requestContract')
                    : unwrap(await actors.marketplace.extendContract(quoting.contractId, hours), 'extendContract');
            onChange();
            return { contractId: c.id, due: fromOpt(c.quote)?.amount ?? 0n };
        },
        rent:
            quoting.kind === 'rent'
                ? async (hours) => {
                      const c = unwrap(await actors.marketplace.rentOffering(quoting.offeringId, hours), 'rentOffering');
                      onChange();
                      return { contractId: c.id, due: c.total };
                  }
                : undefined,
        approve: async (amount) => {
            await approveMarketplace(actors, amount, quoting.ledger);
        },
        fund: async (id) => {
            unwrap(await actors.marketplace.fund(id), 'fund');
            onChange();
        },
        currentDue: async (id) => fromOpt(fromOpt(await actors.marketplace.getContract(id))?.quote)?.amount,
        balance: async () => ledgerActor(actors, quoting.ledger).icrc1_balance_of({ owner: await actors.agent.getPrincipal(), subaccount: [] }),
        payWithIcpay: async (id, amount, ledger) => {
            await payWithIcpay(actors, id, amount, ledger);
            onChange();
        }
    };
}

export function useCheckoutDeps(quoting: Quoting | undefined): CheckoutDeps | undefined {
    const { actors } = useAuth();
    const qc = useQueryClient();
    const key = quoting === undefined ? '' : `${quoting.kind}:${quoting.kind === 'rent' ? quoting.offeringId : quoting.contractId}:${quoting.ledger ?? ''}`;
    return useMemo(() => {
        if (actors === undefined || quoting === undefined) return undefined;
        return makeCheckoutDeps(actors, quoting, () => {
            void qc.invalidateQueries({ queryKey: queryRoots.contracts });
            void qc.invalidateQueries({ queryKey: queryRoots.wallet });
            void qc.invalidateQueries({ queryKey: queryRoots.offerings });
        });
        // eslint-disable-next-line react-hooks/exhaustive-deps
    }, [actors, key, qc]);
}
