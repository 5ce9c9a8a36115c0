import { HttpError, requestJson } from '../util/http_client.js';
import { intentSchema, paymentSchema, type PaymentAggregate } from './payload.js';

/** The ICPay server API, with the account's secret key (`icpay.protected.*` of the SDK). */
export class IcpayClient {
    constructor(
        private readonly apiUrl: string,
        private readonly secretKey: string,
        private readonly timeoutMs = 10_000
    ) {}

    private headers(): Record<string, string> {
        return { authorization: `Bearer ${this.secretKey}` };
    }

    /** `getPaymentById`: `GET /sdk/payments/:id`. */
    async getPayment(paymentId: string): Promise<PaymentAggregate> {
        const body = await requestJson(`${this.apiUrl}/sdk/payments/${encodeURIComponent(paymentId)}`, { headers: this.headers(), timeoutMs: this.timeoutMs });
        const a = aggregateOf(body, paymentId);
        if (a.payment.id !== paymentId) throw new HttpError(`ICPay answered for ${a.payment.id}, asked ${paymentId}`, 200);
        return a;
    }

    /** `getPaymentsByMetadata`: `POST /sdk/payments/by-metadata?status=&limit=&offset=` with `{ metadata }`; every page. */
    async paymentsByMetadata(metadata: Record<string, string>, status = 'completed', pageSize = 50, maxPages = 20): Promise<PaymentAggregate[]> {
        const out: PaymentAggregate[] = [];
        for (let page = 0; page < maxPages; page++) {
            const q = new URLSearchParams({ status, limit: String(pageSize), offset: String(page * pageSize) });
            const body = await requestJson(`${this.apiUrl}/sdk/payments/by-metadata?${q}`, { method: 'POST', body: { metadata }, headers: this.headers(), timeoutMs: this.timeoutMs });
            const b = body as { payments?: unknown[]; hasMore?: boolean } | unknown[];
            const rows = Array.isArray(b) ? b : (b.payments ?? []);
            out.push(...rows.map((r) => aggregateOf(r, '(listed)')));
            if (Array.isArray(b) || !b.hasMore || rows.length === 0) return out;
        }
        return out;
    }
}

function aggregateOf(body: unknown, asked: string): PaymentAggregate {
    const row = body as { payment?: unknown; intent?: unknown } | null;
    const isAggregate = row !== null && typeof row === 'object' && 'payment' in row;
    const payment = paymentSchema.safeParse(isAggregate ? row.payment : body);
    if (!payment.success) throw new HttpError(`ICPay payment ${asked} has an unexpected shape`, 200);
    const intent = isAggregate && row.intent ? intentSchema.safeParse(row.intent) : null;
    return { payment: payment.data, intent: intent?.success ? intent.data : null };
}
