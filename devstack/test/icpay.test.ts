// The local ICPay API of `npm start`: what the browser SDK and the relay rely on, on top of the
// local ICPay canister and the real local ledger behind localnet's HTTP interface, with ICPay's
// restrictions (signed with the secret key, metadata on the intent only, the aggregate payment
// shape, by-metadata listing). No SDK here: the API finds the payer's block and notifies the canister.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalnetServer, type LocalnetServer } from '@trustcloud/localnet';
import { tenant, tenant2 } from '../../canisters/marketplace/test/canister/fixture.js';
import { icpayWorld, type IcpayWorld } from '../../canisters/marketplace/test/canister/icpay_fixture.js';
import { verifyIcpay } from '../../relay/src/verify/icpay.js';
import { LocalIcpay, LOCAL_ICPAY, packedMemo } from '../src/icpay/server.js';

let w: IcpayWorld;
let server: LocalnetServer;
let icpay: LocalIcpay;
let hooks: Server;
const received: { type: string; paymentId: string; form: string }[] = [];

beforeAll(async () => {
    w = await icpayWorld({ account: BigInt(LOCAL_ICPAY.accountCanisterId) });
    server = await startLocalnetServer({ ic: w.pic.ic, port: 0, tickIntervalMs: 20, identityProvider: false });
    hooks = createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on('data', (c: Buffer) => chunks.push(c));
        req.on('end', () => {
            const raw = Buffer.concat(chunks);
            const form = verifyIcpay(req.headers, raw, LOCAL_ICPAY.secretKey, Date.now(), 300);
            const event = JSON.parse(raw.toString()) as { type: string; data: { object: { id: string } } };
            received.push({ type: event.type, paymentId: event.data.object.id, form });
            res.writeHead(200).end('{}');
        });
    });
    await new Promise<void>((r) => hooks.listen(0, '127.0.0.1', () => r()));
    icpay = new LocalIcpay({ localnetUrl: server.url, ledgerIds: [w.ledger.canisterId.toText()], icpayCanisterId: w.icpay.canisterId.toText(), recipient: w.marketId.toText() });
    await icpay.start();
    icpay.webhookUrl = `http://127.0.0.1:${(hooks.address() as AddressInfo).port}/webhooks/icpay`;
}, 300_000);

afterAll(async () => {
    await icpay?.stop();
    hooks?.close();
    await server?.close();
});

async function api(path: string, o: { key?: string; body?: unknown } = {}): Promise<{ status: number; body: any }> {
    const r = await fetch(`${icpay.url}${path}`, {
        method: o.body === undefined ? 'GET' : 'POST',
        headers: { 'content-type': 'application/json', ...(o.key ? { authorization: `Bearer ${o.key}` } : {}) },
        body: o.body === undefined ? undefined : JSON.stringify(o.body)
    });
    return { status: r.status, body: await r.json() };
}

function intentRequest(over: Record<string, unknown> = {}): Record<string, unknown> {
    return {
        amount: '5000000',
        ledgerCanisterId: w.ledger.canisterId.toText(),
        expectedSenderPrincipal: tenant.toText(),
        recipientAddresses: { ic: w.marketId.toText() },
        metadata: { contractId: '7' },
        ...over
    };
}

async function createIntent(over: Record<string, unknown> = {}): Promise<{ id: string; intentCode: number }> {
    const r = await api('/sdk/public/payments/intents', { key: LOCAL_ICPAY.publishableKey, body: intentRequest(over) });
    expect(r.status).toBe(200);
    return r.body.paymentIntent;
}

async function pay(from: typeof tenant, amount: bigint, intentCode: number | undefined): Promise<void> {
    const memo: [] | [Uint8Array] = intentCode === undefined ? [] : [bigintLe(packedMemo(LOCAL_ICPAY.accountCanisterId, intentCode))];
    const r: any = await w.ledgerAs(from).icrc1_transfer({ to: { owner: w.icpay.canisterId, subaccount: [] }, amount, fee: [], memo, from_subaccount: [], created_at_time: [] });
    expect('Ok' in r).toBe(true);
}

/** The SDK's memo: the packed value as 8 little-endian bytes. */
function bigintLe(v: bigint): Uint8Array {
    const out = new Uint8Array(8);
    for (let i = 0; i < 8; i++) out[i] = Number((v >> BigInt(8 * i)) & 0xffn);
    return out;
}

const notify = (id: string) => api('/sdk/public/payments/notify', { key: LOCAL_ICPAY.publishableKey, body: { paymentIntentId: id } });

describe('local ICPay API', () => {
    it('refuses bad keys and bad intents with a reason', async () => {
        expect((await api('/sdk/public/payments/intents', { key: 'pk_wrong', body: intentRequest() })).status).toBe(401);
        const bad = async (over: Record<string, unknown>) => (await api('/sdk/public/payments/intents', { key: LOCAL_ICPAY.publishableKey, body: intentRequest(over) })).body.error;
        expect(await bad({ amount: '0' })).toMatch(/amount/);
        expect(await bad({ amount: '-5' })).toMatch(/amount/);
        expect(await bad({ ledgerCanisterId: 'ryjl3-tyaaa-aaaaa-aaaba-cai' })).toMatch(/unsupported ledger/);
        expect(await bad({ expectedSenderPrincipal: '' })).toMatch(/expectedSenderPrincipal/);
        expect(await bad({ recipientAddresses: { ic: tenant.toText() } })).toMatch(/not the local escrow/);
        expect(await bad({ metadata: {} })).toMatch(/contractId/);
        expect((await notify('pi_missing')).status).toBe(404);
    });

    it('completes an intent once its transfer lands, and sends one signed webhook', async () => {
        const intent = await createIntent();
        expect((await notify(intent.id)).body.status).toBe('requires_payment');
        // Neither another sender's transfer nor one without the intent's memo completes it.
        await pay(tenant2, 5_000_000n, intent.intentCode);
        await pay(tenant, 5_000_000n, undefined);
        expect((await notify(intent.id)).body.status).toBe('requires_payment');

        await pay(tenant, 5_000_000n, intent.intentCode);
        const done = (await notify(intent.id)).body;
        expect(done.status).toBe('completed');
        expect(done.payment).toMatchObject({ status: 'completed', paidAmount: '5000000' });
        expect(done.payment.metadata).toBeUndefined();
        // ICPay's canister recorded it, kept 0.5% and the forward's ledger fee, and relayed the rest to the escrow.
        const tx = (await w.icpay.as(tenant).get_transaction(BigInt(done.payment.canisterTxId)))[0]!;
        expect([tx.amount, tx.platform_fee_amount, tx.account_amount, tx.recipient_principal_id[0]]).toEqual([5_000_000n, 25_000n, 5_000_000n - 25_000n - 10_000n, w.marketId.toText()]);
        expect(Object.keys(tx.status)[0]).toBe('Completed');
        expect(intent.intentCode).toBe(7);
        expect((await notify(intent.id)).body.status).toBe('completed');

        const paymentId: string = done.payment.id;
        expect((await api(`/sdk/payments/${paymentId}`, { key: LOCAL_ICPAY.publishableKey })).status).toBe(401);
        expect((await api(`/sdk/payments/${paymentId}`, { key: LOCAL_ICPAY.secretKey })).body).toMatchObject({
            payment: { id: paymentId, status: 'completed', ledgerCanisterId: w.ledger.canisterId.toText() },
            intent: { id: intent.id, metadata: { contractId: '7' } }
        });
        await expect.poll(() => received.filter((r) => r.paymentId === paymentId)).toEqual([{ type: 'payment.completed', paymentId, form: 'timestamped' }]);
        const listed = await api('/sdk/payments/by-metadata?status=completed&limit=50', { key: LOCAL_ICPAY.secretKey, body: { metadata: { contractId: '7' } } });
        expect(listed.body.payments.map((p: { payment: { id: string } }) => p.payment.id)).toContain(paymentId);
        expect((await api('/sdk/payments/by-metadata', { key: LOCAL_ICPAY.publishableKey, body: { metadata: { contractId: '7' } } })).status).toBe(401);
    });

    it('sends no webhook while the receiver is "down" (the payment is found only by listing)', async () => {
        icpay.dropWebhooks = true;
        try {
            const intent = await createIntent({ metadata: { contractId: '8' } });
            await pay(tenant, 5_000_000n, intent.intentCode);
            const done = (await notify(intent.id)).body;
            expect(done.status).toBe('completed');
            await new Promise((r) => setTimeout(r, 300));
            expect(received.filter((r) => r.paymentId === done.payment.id)).toEqual([]);
            const listed = await api('/sdk/payments/by-metadata?status=completed', { key: LOCAL_ICPAY.secretKey, body: { metadata: { contractId: '8' } } });
            expect(listed.body.payments.map((p: { payment: { id: string } }) => p.payment.id)).toEqual([done.payment.id]);
        } finally {
            icpay.dropWebhooks = false;
        }
    });

    it('marks a short transfer mismatched', async () => {
        const intent = await createIntent({ amount: '9000000' });
        await pay(tenant, 8_999_999n, intent.intentCode);
        const r = (await notify(intent.id)).body;
        expect([r.status, r.payment.paidAmount, r.payment.requestedAmount]).toEqual(['mismatched', '8999999', '9000000']);
    });

    it('streams the status as server-sent events until it is terminal', async () => {
        const intent = await createIntent();
        expect((await fetch(`${icpay.url}/sdk/public/payments/intents/${intent.id}/stream?publishableKey=pk_wrong`)).status).toBe(401);
        const res = await fetch(`${icpay.url}/sdk/public/payments/intents/${intent.id}/stream?publishableKey=${LOCAL_ICPAY.publishableKey}`);
        expect(res.headers.get('content-type')).toBe('text/event-stream');
        const reader = res.body!.getReader();
        let text = '';
        const first = await reader.read();
        text += Buffer.from(first.value ?? []).toString();
        expect(text).toContain('event: payment_intent_update');
        await pay(tenant, 5_000_000n, intent.intentCode);
        for (;;) {
            const { value, done } = await reader.read();
            if (done) break;
            text += Buffer.from(value).toString();
        }
        const last = text.trim().split('\n\n').at(-1) ?? '';
        expect(last.split('\n')[0]).toBe('event: terminal');
        expect(JSON.parse(last.split('\n')[1]!.slice('data: '.length)).status).toBe('completed');
    });
});
