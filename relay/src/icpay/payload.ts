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

export function contractIdOfPayment(p: IcpayPayment): string | null {
    const v = p.metadata?.contractId ?? p.metadata?.contract_id;
    if (typeof v === 'string' && v !== '') return v;
    if (typeof v === 'number') return String(v);
    return null;
}

/** The payload of a stored `icpay.payment` job. */
export interface PaymentJob {
    paymentId: string;
    eventId: string;
    eventType: string;
}
