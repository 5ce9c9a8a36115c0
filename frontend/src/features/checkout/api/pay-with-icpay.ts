import { Actor } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { env } from '@/config/env';
import { icHost, type Actors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';

/**
 * Pays a contract through ICPay: the SDK creates a payment intent (contract id in the metadata),
 * the wallet transfers to ICPay, ICPay forwards to the marketplace canister, and the relay credits
 * the contract after verifying the webhook. Resolves when the contract shows as funded.
 * The SDK (and its dependencies) load only here, on demand.
 */
export async function payWithIcpay(actors: Actors, contractId: bigint, amount: bigint, timeoutMs = 180_000): Promise<void> {
    const e = env();
    if (e.icpayPublishableKey === undefined) throw new Error('ICPay is not configured.');
    const { Icpay } = await import('@ic-pay/icpay-sdk');
    const owner = (await actors.agent.getPrincipal()).toText();
    // An extension is paid on a contract that already holds money: wait for this payment, not any.
    const before = fromOpt(await actors.marketplace.getContract(contractId))?.deposited ?? 0n;
    const icpay = new Icpay({
        publishableKey: e.icpayPublishableKey,
        apiUrl: e.icpayApiUrl,
        connectedWallet: { owner },
        actorProvider: (canisterId: string, idl: unknown) => Actor.createActor(idl as IDL.InterfaceFactory, { agent: actors.agent, canisterId }),
        // Its best-effort notify of the ICPay canister goes to the same IC the app uses.
        icHost: icHost(),
        enableEvents: true
    });
    const res = (await icpay.createPayment({
        amount: amount.toString(),
        ledgerCanisterId: e.ledgerCanisterId,
        metadata: { contractId: contractId.toString() },
        recipientAddresses: { ic: e.marketplaceCanisterId },
        description: `TrustCloud contract #${contractId}`
    })) as { status?: string };
    if (res.status !== undefined && !['completed', 'succeeded', 'pending', 'processing'].includes(res.status)) {
        throw new Error(`ICPay payment ${res.status}`);
    }
    // The relay credits the escrow after verifying the payment: wait for the contract to be funded.
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        const c = fromOpt(await actors.marketplace.getContract(contractId));
        if (c !== undefined && c.quote.length === 0 && c.deposited > before) return;
        await new Promise((r) => setTimeout(r, 2000));
    }
    throw new Error('ICPay confirmed the payment but the escrow was not credited yet; check the contract page in a minute.');
}
