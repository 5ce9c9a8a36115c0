import { Actor } from '@dfinity/agent';
import type { IDL } from '@dfinity/candid';
import { env } from '@/config/env';
import { icHost, type Actors } from '@/lib/agent';
import { fromOpt } from '@/lib/candid';

/**
 * Pays a contract through ICPay on the offering's ledger: the SDK creates a payment intent
 * (contract id in the metadata: the intent code, so the wallet's memo names the contract), the
 * wallet transfers `amount` (grossed up for ICPay's fees) to ICPay's canister, which keeps its
 * fees and forwards the rest to the escrow. Then this browser notifies the marketplace itself
 * (as the relay does: either is enough, the canister verifies on-chain), and resolves once the
 * escrow booked the payment. A shortfall after fees is refunded by the canister and reported.
 * The SDK (and its dependencies) load only here, on demand.
 */
export async function payWithIcpay(actors: Actors, contractId: bigint, amount: bigint, ledger?: string, timeoutMs = 180_000): Promise<void> {
    const e = env();
    if (e.icpayPublishableKey === undefined) throw new Error('ICPay is not configured.');
    const { Icpay } = await import('@ic-pay/icpay-sdk');
    const owner = (await actors.agent.getPrincipal()).toText();
    const icpay = new Icpay({
        publishableKey: e.icpayPublishableKey,
        apiUrl: e.icpayApiUrl,
        connectedWallet: { owner },
        actorProvider: (canisterId: string, idl: unknown) => Actor.createActor(idl as IDL.InterfaceFactory, { agent: actors.agent, canisterId }),
        // Its notify of the ICPay canister goes to the same IC the app uses.
        icHost: icHost(),
        enableEvents: true
    });
    const res = (await icpay.createPayment({
        amount: amount.toString(),
        ledgerCanisterId: ledger ?? e.ledgerCanisterId,
        metadata: { contractId: contractId.toString() },
        recipientAddresses: { ic: e.marketplaceCanisterId },
        description: `TrustCloud contract #${contractId}`
    })) as { status?: string; transactionId?: number | string };
    if (res.status !== undefined && !['completed', 'succeeded', 'pending', 'processing'].includes(res.status)) {
        throw new Error(`ICPay payment ${res.status}`);
    }
    const txId = res.transactionId === undefined || String(res.transactionId) === '0' ? undefined : BigInt(res.transactionId);
    const until = Date.now() + timeoutMs;
    while (Date.now() < until) {
        if (txId !== undefined) {
            const r = await actors.marketplace.notifyIcpayPayment(contractId, txId);
            if ('Ok' in r) {
                const o = r.Ok.outcome;
                if ('RefundedShortfall' in o) throw new Error(`ICPay's fees left ${o.RefundedShortfall.arrived} of ${o.RefundedShortfall.due} due: refunded to your wallet; pay again.`);
                if ('RefundedNotAwaiting' in o) throw new Error(`The contract no longer awaited payment (${o.RefundedNotAwaiting.status}): the payment was refunded to your wallet.`);
                if ('ReturnedOtherToken' in o) throw new Error(`The payment was in ${o.ReturnedOtherToken.token} but the contract is priced in ${o.ReturnedOtherToken.due}: it was sent back to your wallet on the ${o.ReturnedOtherToken.token} ledger.`);
                return;
            }
            if ('PaymentAlreadyCredited' in r.Err) return;
            if (!('PaymentRefused' in r.Err && 'NotForwarded' in r.Err.PaymentRefused.reason) && !('LedgerError' in r.Err) && !('FundingInProgress' in r.Err)) {
                throw new Error(`The marketplace refused the payment: ${Object.keys('PaymentRefused' in r.Err ? r.Err.PaymentRefused.reason : r.Err)[0]}`);
            }
        } else {
            // No ICPay transaction id from the SDK: the relay's notify (from the webhook) books it.
            const c = fromOpt(await actors.marketplace.getContract(contractId));
            if (c !== undefined && c.quote.length === 0) return;
        }
        await new Promise((r) => setTimeout(r, 2000));
    }
    throw new Error('ICPay confirmed the payment but the escrow has not booked it yet; check the contract page in a minute.');
}
