import { FakeHttpServer } from './http.js';

export interface FakePayment {
    id: string;
    status: string;
    amount: string;
    paidAmount?: string;
    ledgerCanisterId: string;
    metadata: Record<string, unknown>;
}

/** Fake ICPay API: `GET /sdk/payments/:id` with `Authorization: Bearer <secret key>`. */
export class FakeIcpay extends FakeHttpServer {
    readonly payments = new Map<string, FakePayment>();

    constructor(readonly secretKey = 'sk_test_relay') {
        super((req) => {
            if (req.headers.authorization !== `Bearer ${this.secretKey}`) return { status: 401, body: { error: 'unauthorized' } };
            const m = /^\/sdk\/payments\/([^/?]+)$/.exec(req.path);
            const p = m ? this.payments.get(decodeURIComponent(m[1] ?? '')) : undefined;
            return p ? { body: p } : { status: 404, body: { error: 'payment not found' } };
        });
    }
}
