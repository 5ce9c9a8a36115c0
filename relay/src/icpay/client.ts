import { requestJson } from '../util/http_client.js';
import { paymentSchema, type IcpayPayment } from './payload.js';
import { HttpError } from '../util/http_client.js';

/** The ICPay server API, with the secret key (`icpay.protected.getPaymentById`). */
export class IcpayClient {
    constructor(
        private readonly apiUrl: string,
        private readonly secretKey: string,
        private readonly timeoutMs = 10_000
    ) {}

    async getPayment(paymentId: string): Promise<IcpayPayment> {
        const body = await requestJson(`${this.apiUrl}/sdk/payments/${encodeURIComponent(paymentId)}`, {
            headers: { authorization: `Bearer ${this.secretKey}` },
            timeoutMs: this.timeoutMs
        });
        const payment = (body as { payment?: unknown } | null)?.payment ?? body;
        const parsed = paymentSchema.safeParse(payment);
        if (!parsed.success) throw new HttpError(`ICPay payment ${paymentId} has an unexpected shape`, 200);
        if (parsed.data.id !== paymentId) throw new HttpError(`ICPay answered for ${parsed.data.id}, asked ${paymentId}`, 200);
        return parsed.data;
    }
}
