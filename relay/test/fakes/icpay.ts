import { FakeHttpServer } from './http.js';

export interface FakePayment {
    id: string;
    status: string;
    amount: string;
    paidAmount?: string;
    ledgerCanisterId: string;
    canisterTxId?: string;
    metadata: Record<string, unknown>;
}

/**
 * Fake ICPay API with `Authorization: Bearer <secret key>`: `GET /sdk/payments/:id` answers the
 * aggregate `{ payment, intent, invoice, transaction }`; the merchant metadata sits on the intent
 * (`intentMetadata`), the payment's own `metadata` only when a test puts it there.
 * `POST /sdk/payments/by-metadata` matches the intent's metadata.
 */
export class FakeIcpay extends FakeHttpServer {
    readonly payments = new Map<string, FakePayment>();
    readonly intentMetadata = new Map<string, Record<string, unknown>>();

    constructor(readonly secretKey = 'sk_test_relay') {
        super((req) => {
            if (req.headers.authorization !== `Bearer ${this.secretKey}`) return { status: 401, body: { error: 'unauthorized' } };
            if (req.method === 'POST' && req.path.startsWith('/sdk/payments/by-metadata')) return { body: this.byMetadata(req.path, req.body) };
            const m = /^\/sdk\/payments\/([^/?]+)$/.exec(req.path);
            const id = decodeURIComponent(m?.[1] ?? '');
            const p = m ? this.payments.get(id) : undefined;
            return p ? { body: this.aggregate(p) } : { status: 404, body: { error: 'payment not found' } };
        });
    }

    private aggregate(p: FakePayment): unknown {
        return { payment: p, intent: { id: `pi_${p.id}`, metadata: this.intentMetadata.get(p.id) ?? {} }, invoice: null, transaction: null };
    }

    private byMetadata(path: string, body: unknown): unknown {
        const want = ((body as { metadata?: Record<string, unknown> } | null)?.metadata ?? {}) as Record<string, unknown>;
        const q = new URLSearchParams(path.split('?')[1] ?? '');
        const rows = [...this.payments.values()].filter((p) => {
            const meta = this.intentMetadata.get(p.id) ?? {};
            return (!q.get('status') || p.status === q.get('status')) && Object.entries(want).every(([k, v]) => meta[k] === v);
        });
        const offset = Number(q.get('offset') ?? 0);
        const limit = Number(q.get('limit') ?? 50);
        return { payments: rows.slice(offset, offset + limit).map((p) => this.aggregate(p)), total: rows.length, limit, offset, hasMore: offset + limit < rows.length };
    }
}
