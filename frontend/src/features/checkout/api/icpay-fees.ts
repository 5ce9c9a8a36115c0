import { Actor } from '@dfinity/agent';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { idlFactory, type _SERVICE as IcpayService } from '@declarations/icpay';
import { anonymousActors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';
import type { IcpayFees } from '@/lib/money';

/**
 * ICPay's fees for the marketplace's account, read from ICPay's canister (`get_account`, upstream's
 * record), not from a server: which canister and account the marketplace's own config names.
 * Undefined when the marketplace takes no ICPay payments.
 */
export async function getIcpayFees(): Promise<(IcpayFees & { canister: string }) | null> {
    const actors = await anonymousActors();
    const cfg = fromOpt((await actors.marketplace.getConfig()).icpay);
    if (cfg === undefined) return null;
    const icpay = Actor.createActor<IcpayService>(idlFactory, { agent: actors.agent, canisterId: cfg.canister });
    const a = fromOpt(await icpay.get_account(cfg.account));
    if (a === undefined || !a.is_active) return null;
    return { canister: cfg.canister.toText(), platformBps: a.platform_fee_percentage, relayBps: fromOpt(a.relay_fee_percentage) ?? 0, fixed: fromOpt(a.platform_fee_fixed) ?? 0n };
}

export const icpayFeesQueryOptions = () => queryOptions({ queryKey: ['icpay-fees'], queryFn: getIcpayFees, staleTime: 300_000 });

export function useIcpayFees() {
    return useQuery(icpayFeesQueryOptions());
}
