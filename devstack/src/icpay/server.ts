// A local stand-in for the ICPay API, for `npm start` (offline). It serves what the browser SDK
// (`@ic-pay/icpay-sdk`, `apiUrl` pointed here) and the relay use:
//   POST /sdk/public/payments/intents            create an intent (publishable key)
//   POST /sdk/public/payments/notify              intent/payment status (SDK polling)
//   GET  /sdk/public/payments/intents/:id[/stream] the intent; its status as server-sent events
//   GET  /sdk/payments/:id                        the aggregate { payment, intent, invoice, transaction } (secret key)
//   POST /sdk/payments/by-metadata                payments whose intent carries the metadata (secret key)
// It sits on the local ICPay canister (canisters/icpay), as ICPay's API sits on its own: an
// intent's `contractAddress` is that canister, the wallet's `icrc1_transfer` lands there, the SDK
// notifies it (`notify_ledger_transaction_v2`), and the canister keeps its fees and relays the
// account's share to the escrow. The API reads the canister's transaction (`get_transactions`;
// when the SDK's notify never came, it finds the payer's block on the ledger and notifies the
// canister itself), marks the payment completed once the share was forwarded (mismatched when
// short of the intent), and sends the signed `payment.completed` webhook with `canisterTxId`.
// The intent code is the contract id from the metadata, so the payer's on-chain memo names the
// contract (the binding the marketplace checks).
// As ICPay: webhooks are signed with the account's secret key (there is no separate webhook secret),
// the merchant metadata stays on the intent (the payment carries none), and a webhook is sent once
// per event with the endpoint's retries, so a relay that was down misses it (`dropWebhooks` makes
// that happen on purpose; reconciliation through by-metadata must catch it).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Actor } from '@dfinity/agent';
import { createHmac } from 'node:crypto';
import { idlFactory as ledgerIdl, type _SERVICE as Ledger } from '../../../canisters/ledger/declarations';
import { idlFactory as icpayIdl, type _SERVICE as IcpayCanister, type Transaction } from '../../../canisters/icpay/declarations';
import { agentFor } from '../../../scripts/start-deploy';
import { deliverWebhook } from '../webhook';

export const LOCAL_ICPAY = { publishableKey: 'pk_local_icpay', secretKey: 'sk_local_icpay', accountCanisterId: 1 };

/** `X-ICPay-Signature: t=<unix>,v1=<hex HMAC-SHA256(secret key, "<t>.<body>")>`, computed here independently of the relay. */
export function icpaySignature(secretKey: string, body: string, t = Math.floor(Date.now() / 1000)): string {
    return `t=${t},v1=${createHmac('sha256', secretKey).update(`${t}.${body}`).digest('hex')}`;
}

interface Intent {
    id: string;
    intentCode: number;
    amount: bigint;
    ledgerCanisterId: string;
    contractAddress: string;
    expectedSenderPrincipal: string;
    metadata: Record<string, unknown>;
    description?: string;
    fromBlock: bigint;
    status: 'requires_payment' | 'completed' | 'mismatched';
    payment?: Payment;
}

interface Payment {
    id: string;
    paymentIntentId: string;
    status: string;
    amount: string;
    requestedAmount: string;
    paidAmount: string;
    ledgerCanisterId: string;
    canisterTxId: string;
    ledgerBlockIndex: string;
    createdAt: string;
    completedAt: string;
}

export function packedMemo(accountCanisterId: number, intentCode: number): bigint {
    return (BigInt(accountCanisterId >>> 0) << 32n) | BigInt(intentCode >>> 0);
}

function memoValue(bytes: Uint8Array | number[]): bigint {
    let v = 0n;
    for (let i = 0; i < bytes.length; i++) v |= BigInt((bytes[i] ?? 0) & 0xff) << BigInt(8 * i);
    return v;
}

export class LocalIcpay {
    private server: Server | null = null;
    private readonly intents = new Map<string, Intent>();
    private readonly payments = new Map<string, Intent>();
    private readonly checking = new Map<string, Promise<void>>();
    private seq = 0;
    private readonly ledgers = new Map<string, Ledger>();
    private canister: IcpayCanister | null = null;
    /** ICPay transactions already matched to an intent. */
    private readonly claimed = new Set<bigint>();
    /** Every transaction below this id is claimed: listing starts here. */
    private floor = 1n;
    /** Where `payment.*` webhooks go (the relay's `/webhooks/icpay`); set once the relay runs. */
    webhookUrl: string | undefined;
    /** Simulates an outage of the receiver: webhooks are not sent (reconciliation must find the payment). */
    dropWebhooks = false;

    constructor(
        private readonly o: {
            localnetUrl: string;
            /** The ledgers ICPay accepts (every token the marketplace prices in). */
            ledgerIds: string[];
            /** The local ICPay canister (the intents' `contractAddress`). */
            icpayCanisterId: string;
            /** The only recipient accepted (the escrow canister). */
            recipient: string;
            log?: (m: string) => void;
        }
    ) {}

    async start(port = 0): Promise<string> {
        const agent = await agentFor(this.o.localnetUrl);
        for (const id of this.o.ledgerIds) this.ledgers.set(id, Actor.createActor<Ledger>(ledgerIdl, { agent, canisterId: id }));
        this.canister = Actor.createActor<IcpayCanister>(icpayIdl, { agent, canisterId: this.o.icpayCanisterId });
        this.server = createServer((req, res) => {
            const chunks: Buffer[] = [];
            req.on('data', (c: Buffer) => chunks.push(c));
            req.on('end', () => {
                this.handle(req, res, Buffer.concat(chunks).toString('utf8')).catch((e: unknown) => {
                    if (!res.headersSent) this.json(res, 500, { error: (e as Error).message });
                    else res.end();
                });
            });
        });
        await new Promise<void>((r) => this.server?.listen(port, '127.0.0.1', () => r()));
        return this.url;
    }

    get url(): string {
        return `http://127.0.0.1:${(this.server?.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
    }

    private cors(res: ServerResponse): void {
        res.setHeader('Access-Control-Allow-Origin', '*');
        res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
        res.setHeader('Access-Control-Allow-Methods', 'GET, POST, PATCH, OPTIONS');
        res.setHeader('Access-Control-Max-Age', '600');
    }

    private json(res: ServerResponse, status: number, body: unknown): void {
        this.cors(res);
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
    }

    private async handle(req: IncomingMessage, res: ServerResponse, text: string): Promise<void> {
        const url = new URL(req.url ?? '/', 'http://localhost');
        const path = url.pathname;
        const method = req.method ?? 'GET';
        if (method === 'OPTIONS') {
            this.cors(res);
            res.writeHead(204);
            res.end();
            return;
        }
        let body: Record<string, unknown> = {};
        try {
            body = text ? (JSON.parse(text) as Record<string, unknown>) : {};
        } catch {
            return this.json(res, 400, { error: 'invalid JSON' });
        }
        const bearer = req.headers.authorization?.replace(/^Bearer\s+/i, '');

        // Server API (secret key): the relay re-fetches the payment.
        if (path === '/sdk/payments/by-metadata' && method === 'POST') {
            if (bearer !== LOCAL_ICPAY.secretKey) return this.json(res, 401, { error: 'unauthorized' });
            return this.json(res, 200, this.byMetadata(body, url.searchParams));
        }
        const pm = /^\/sdk\/payments\/([^/]+)$/.exec(path);
        if (pm && method === 'GET') {
            if (bearer !== LOCAL_ICPAY.secretKey) return this.json(res, 401, { error: 'unauthorized' });
            const intent = this.payments.get(decodeURIComponent(pm[1] ?? ''));
            return intent?.payment ? this.json(res, 200, this.aggregate(intent)) : this.json(res, 404, { error: 'payment not found' });
        }

        // Public API (publishable key; the stream carries it as a query parameter).
        const stream = /^\/sdk\/public\/payments\/intents\/([^/]+)\/stream$/.exec(path);
        if (stream && method === 'GET') {
            if (url.searchParams.get('publishableKey') !== LOCAL_ICPAY.publishableKey) return this.json(res, 401, { error: 'unauthorized' });
            const intent = this.intents.get(decodeURIComponent(stream[1] ?? ''));
            if (!intent) return this.json(res, 404, { error: 'payment intent not found' });
            return this.stream(res, intent);
        }
        if (bearer !== LOCAL_ICPAY.publishableKey && bearer !== LOCAL_ICPAY.secretKey) return this.json(res, 401, { error: 'unauthorized' });
        if (path === '/sdk/public/payments/intents' && method === 'POST') return this.createIntent(res, body);
        if (path === '/sdk/public/payments/notify' && method === 'POST') {
            const intent = this.intents.get(String(body.paymentIntentId ?? ''));
            if (!intent) return this.json(res, 404, { error: 'payment intent not found' });
            await this.check(intent);
            return this.json(res, 200, this.statusBody(intent));
        }
        const get = /^\/sdk\/public\/payments\/intents\/([^/]+)$/.exec(path);
        if (get && method === 'GET') {
            const intent = this.intents.get(decodeURIComponent(get[1] ?? ''));
            return intent ? this.json(res, 200, { paymentIntent: this.intentView(intent) }) : this.json(res, 404, { error: 'payment intent not found' });
        }
        if (path === '/sdk/public/account' && method === 'GET') {
            return this.json(res, 200, { id: 'acct_local', live: false, accountCanisterId: LOCAL_ICPAY.accountCanisterId, icpayCanisterId: this.o.icpayCanisterId });
        }
        return this.json(res, 404, { error: 'not found' });
    }

    private async createIntent(res: ServerResponse, body: Record<string, unknown>): Promise<void> {
        const amount = typeof body.amount === 'string' && /^\d+$/.test(body.amount) ? BigInt(body.amount) : undefined;
        if (amount === undefined || amount === 0n) return this.json(res, 400, { error: 'amount (ledger units) is required' });
        const ledger = String(body.ledgerCanisterId ?? '');
        const ledgerActor = this.ledgers.get(ledger);
        if (ledgerActor === undefined) return this.json(res, 400, { error: `unsupported ledger ${ledger}` });
        // The intent code is the contract id: the payer's memo then names the contract on-chain.
        const contractId = String((body.metadata as Record<string, unknown> | undefined)?.contractId ?? '');
        if (!/^\d{1,9}$/.test(contractId)) return this.json(res, 400, { error: 'metadata.contractId (a contract id) is required' });
        const sender = String(body.expectedSenderPrincipal ?? '');
        if (!sender) return this.json(res, 400, { error: 'expectedSenderPrincipal is required' });
        const to = String((body.recipientAddresses as { ic?: string } | undefined)?.ic ?? this.o.recipient);
        if (to !== this.o.recipient) return this.json(res, 400, { error: `recipient ${to} is not the local escrow` });
        const { log_length } = await ledgerActor.get_blocks({ start: 0n, length: 0n });
        this.seq += 1;
        const intent: Intent = {
            id: `pi_local_${Date.now().toString(36)}_${this.seq}`,
            intentCode: Number(contractId),
            amount,
            ledgerCanisterId: ledger,
            contractAddress: this.o.icpayCanisterId,
            expectedSenderPrincipal: sender,
            metadata: (body.metadata as Record<string, unknown> | undefined) ?? {},
            description: typeof body.description === 'string' ? body.description : undefined,
            fromBlock: log_length,
            status: 'requires_payment'
        };
        this.intents.set(intent.id, intent);
        this.o.log?.(`ICPay (local): intent ${intent.id} for ${amount} to ${this.o.icpayCanisterId}, relayed to ${to}`);
        return this.json(res, 200, { paymentIntent: this.intentView(intent) });
    }

    private aggregate(i: Intent): Record<string, unknown> {
        return { payment: i.payment, intent: this.intentView(i), invoice: null, transaction: { id: i.payment?.canisterTxId ?? null, status: i.status } };
    }

    private byMetadata(body: Record<string, unknown>, q: URLSearchParams): Record<string, unknown> {
        const want = (body.metadata ?? {}) as Record<string, unknown>;
        const rows = [...this.payments.values()].filter((i) => (!q.get('status') || i.payment?.status === q.get('status')) && Object.entries(want).every(([k, v]) => i.metadata[k] === v));
        const offset = Number(q.get('offset') ?? 0) || 0;
        const limit = Math.min(100, Number(q.get('limit') ?? 20) || 20);
        return { payments: rows.slice(offset, offset + limit).map((i) => this.aggregate(i)), total: rows.length, limit, offset, hasMore: offset + limit < rows.length };
    }

    private intentView(i: Intent): Record<string, unknown> {
        return {
            id: i.id,
            intentCode: i.intentCode,
            amount: i.amount.toString(),
            ledgerCanisterId: i.ledgerCanisterId,
            accountCanisterId: String(LOCAL_ICPAY.accountCanisterId),
            contractAddress: i.contractAddress,
            chainType: 'ic',
            networkType: 'ic',
            status: i.status,
            metadata: i.metadata,
            description: i.description ?? null
        };
    }

    private statusBody(i: Intent): Record<string, unknown> {
        return { status: i.status, paymentIntent: this.intentView(i), payment: i.payment ?? null };
    }

    private stream(res: ServerResponse, intent: Intent): void {
        this.cors(res);
        res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', connection: 'keep-alive' });
        let closed = false;
        const tick = async () => {
            if (closed) return;
            await this.check(intent).catch(() => undefined);
            if (closed) return;
            const terminal = intent.status !== 'requires_payment';
            res.write(`event: ${terminal ? 'terminal' : 'payment_intent_update'}\ndata: ${JSON.stringify(this.statusBody(intent))}\n\n`);
            if (terminal) {
                closed = true;
                clearInterval(timer);
                res.end();
            }
        };
        const timer = setInterval(() => void tick(), 1000);
        // The response's close, not the request's: a request closes as soon as its (empty) body is read.
        res.on('close', () => {
            closed = true;
            clearInterval(timer);
        });
        void tick();
    }

    /** Looks for the intent's transfer on the ledger; on finding it, completes the payment once. */
    private check(intent: Intent): Promise<void> {
        if (intent.status !== 'requires_payment') return Promise.resolve();
        const running = this.checking.get(intent.id);
        if (running) return running;
        const p = this.scan(intent).finally(() => this.checking.delete(intent.id));
        this.checking.set(intent.id, p);
        return p;
    }

    private async scan(intent: Intent): Promise<void> {
        const tx = (await this.transactionOf(intent)) ?? (await this.notifyFromLedger(intent));
        if (tx === undefined || 'Received' in tx.status || 'Pending' in tx.status) return;
        const now = new Date().toISOString();
        const failed = 'Failed' in tx.status;
        intent.status = failed || tx.amount < intent.amount ? 'mismatched' : 'completed';
        intent.payment = {
            id: `pay_local_${intent.id.slice('pi_local_'.length)}`,
            paymentIntentId: intent.id,
            status: failed ? 'failed' : intent.status,
            amount: intent.amount.toString(),
            requestedAmount: intent.amount.toString(),
            paidAmount: tx.amount.toString(),
            ledgerCanisterId: intent.ledgerCanisterId,
            canisterTxId: tx.id.toString(),
            ledgerBlockIndex: (tx.index_received[0] ?? 0n).toString(),
            createdAt: now,
            completedAt: now
        };
        this.payments.set(intent.payment.id, intent);
        this.o.log?.(`ICPay (local): payment ${intent.payment.id} ${intent.payment.status} (ICPay tx ${tx.id}, ${tx.account_amount} relayed)`);
        void this.sendWebhook(failed ? 'payment.failed' : 'payment.completed', intent.payment);
    }

    /** The canister's transaction for this intent: its memo and payer, since the intent was made. */
    private async transactionOf(intent: Intent): Promise<Transaction | undefined> {
        const memo = packedMemo(LOCAL_ICPAY.accountCanisterId, intent.intentCode);
        const r = await this.canister!.get_transactions({
            account_canister_id: [BigInt(LOCAL_ICPAY.accountCanisterId)], ledger_canister_id: [intent.ledgerCanisterId], from_timestamp: [],
            to_timestamp: [], status: [], from_id: [this.floor], offset: [], limit: [100]
        });
        // One contract may be paid several times (extensions, a retry): each intent takes the first unclaimed payment made after it.
        const t = r.transactions.find((x) => (x.index_received[0] ?? -1n) >= intent.fromBlock && !this.claimed.has(x.id) && x.sender_principal_id === intent.expectedSenderPrincipal && x.memo[0] !== undefined && memoValue(x.memo[0]) === memo);
        if (t !== undefined) this.claim(t.id);
        return t;
    }

    private claim(id: bigint): void {
        this.claimed.add(id);
        while (this.claimed.has(this.floor)) this.floor++;
    }

    /** ICPay's backend notices a payment whose SDK notify never came: finds the payer's block and notifies the canister. */
    private async notifyFromLedger(intent: Intent): Promise<Transaction | undefined> {
        const ledger = this.ledgers.get(intent.ledgerCanisterId)!;
        const { log_length } = await ledger.get_blocks({ start: 0n, length: 0n });
        if (log_length <= intent.fromBlock) return undefined;
        const { blocks } = await ledger.get_blocks({ start: intent.fromBlock, length: log_length - intent.fromBlock });
        const memo = packedMemo(LOCAL_ICPAY.accountCanisterId, intent.intentCode);
        for (const b of blocks) {
            if (!('Transfer' in b.operation)) continue;
            const t = b.operation.Transfer;
            const m = b.memo[0];
            if (m === undefined || memoValue(m) !== memo || t.to.owner.toText() !== this.o.icpayCanisterId || t.from.owner.toText() !== intent.expectedSenderPrincipal) continue;
            // Re-notifying a block ICPay already recorded returns its transaction (claimed by another intent: skip it).
            const r = await this.canister!.notify_ledger_transaction_v2({ block_index: b.index, ledger_canister_id: intent.ledgerCanisterId }, BigInt(LOCAL_ICPAY.accountCanisterId), [], [this.o.recipient]);
            if ('Err' in r) this.o.log?.(`ICPay (local): notify of block ${b.index} refused: ${r.Err}`);
            if (!('Ok' in r) || this.claimed.has(BigInt(r.Ok.id))) continue;
            this.claim(BigInt(r.Ok.id));
            return (await this.canister!.get_transaction(BigInt(r.Ok.id)))[0];
        }
        return undefined;
    }

    /** Signs like ICPay, with the secret key; retries a few times (the endpoint's retry count). */
    async sendWebhook(type: string, payment: Payment): Promise<void> {
        if (!this.webhookUrl || this.dropWebhooks) return;
        const created = Math.floor(Date.now() / 1000);
        const body = JSON.stringify({ id: `evt_local_${payment.id}_${type}`, object: 'event', type, created, data: { object: payment } });
        const headers = () => ({ 'x-icpay-signature': icpaySignature(LOCAL_ICPAY.secretKey, body) });
        await deliverWebhook({ url: this.webhookUrl, body, headers, attempts: 10, pauseMs: 500, label: `ICPay (local) ${type}`, log: this.o.log });
    }
}
