import { z } from 'zod';

/** ICPay objects, as far as the relay reads them. Amounts are strings or integers of ledger units. */
const amount = z.union([z.string().regex(/^\d+$/), z.number().int().nonnegative(), z.bigint()]).transform((v) => BigInt(v));

export const paymentSchema = z
    .object({
        id: z.string().min(1).max(200),
        status: z.string(),
        amount: amount.nullish(),
        paidAmount: amount.nullish(),
        ledgerCanisterId: z.string().nullish(),
        /** ICPay's canister transaction id: what the marketplace reads on-chain. */
        canisterTxId: amount.nullish(),
        metadata: z.record(z.unknown()).nullish()
    })
    .passthrough();

export const eventSchema = z.object({
    id: z.string().min(1).max(200),
    type: z.string(),
    created: z.union([z.number(), z.string()]).optional(),
    data: z.object({ object: z.object({ id: z.string().min(1).max(200) }).passthrough() })
});

export type IcpayPayment = z.infer<typeof paymentSchema>;
export type IcpayEvent = z.infer<typeof eventSchema>;

export const intentSchema = z.object({ id: z.string().optional(), metadata: z.record(z.unknown()).nullish() }).passthrough();
export type IcpayIntent = z.infer<typeof intentSchema>;

/** `GET /sdk/payments/:id`: the aggregate `{ payment, intent, invoice, transaction }` (older servers: the payment alone). */
export interface PaymentAggregate {
    payment: IcpayPayment;
    intent: IcpayIntent | null;
}

/**
 * The SDK sends the merchant metadata (our `contractId`) with the *intent*; ICPay does not promise to
 * copy it onto the payment, so both are read. When both name a contract they must agree.
 */
export function contractIdOfPayment(a: PaymentAggregate): string | null {
    const fromPayment = contractIdIn(a.payment.metadata);
    const fromIntent = contractIdIn(a.intent?.metadata);
    if (fromPayment !== null && fromIntent !== null && fromPayment !== fromIntent) return null;
    return fromPayment ?? fromIntent;
}

function contractIdIn(metadata: Record<string, unknown> | null | undefined): string | null {
    const v = metadata?.contractId ?? metadata?.contract_id;
    if (typeof v === 'string' && /^\d{1,20}$/.test(v)) return v;
    if (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0) return String(v);
    return null;
}

/** The payload of a stored `icpay.payment` job. */
export interface PaymentJob {
    paymentId: string;
    eventId: string;
    eventType: string;
}
