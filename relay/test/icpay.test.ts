import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { judgePayment } from '../src/icpay/check.js';
import type { ContractForPayment } from '../src/gateway/types.js';
import { Harness, ICP_LEDGER, until } from './support/harness.js';
import { icpayEvent } from './support/payloads.js';

const CKUSDC = 'xevnm-gaaaa-aaaar-qafnq-cai';
const contract: ContractForPayment = { contractId: '42', providerId: 'prov', tenantId: 'ten', status: 'Accepted', ledgerCanisterId: ICP_LEDGER, amountDue: 100_000_000n };
const payment = (o: Partial<{ status: string; amount: string; paidAmount: string; ledgerCanisterId: string; contractId: string; canisterTxId: string | null }> = {}) => ({
    id: 'pay_1',
    status: o.status ?? 'completed',
    amount: o.amount ?? '100000000',
    ...(o.canisterTxId === null ? {} : { canisterTxId: o.canisterTxId ?? '17' }),
    ...(o.paidAmount ? { paidAmount: o.paidAmount } : {}),
    ledgerCanisterId: o.ledgerCanisterId ?? ICP_LEDGER,
    metadata: { contractId: o.contractId ?? '42' }
});

describe('judgePayment', () => {
    const allowed = [ICP_LEDGER, CKUSDC];
    const parse = (p: ReturnType<typeof payment>) => ({ ...p, amount: BigInt(p.amount), paidAmount: p.paidAmount ? BigInt(p.paidAmount) : undefined, canisterTxId: 'canisterTxId' in p ? BigInt(p.canisterTxId as string) : undefined });
    it.each([
        ['completed, right ledger, enough', payment(), 'credit'],
        ['overpaid', payment({ amount: '150000000' }), 'credit'],
        ['mismatched', payment({ status: 'mismatched' }), 'refuse'],
        ['failed', payment({ status: 'failed' }), 'refuse'],
        ['pending', payment({ status: 'pending' }), 'wait'],
        // What arrives after ICPay's fees is the canister's to verify and book (a shortfall is refunded there).
        ['underpaid: the canister decides', payment({ amount: '99999999' }), 'credit'],
        ['no ICPay canister transaction yet', payment({ canisterTxId: null }), 'wait'],
        ['ledger not allowed', payment({ ledgerCanisterId: 'aaaaa-aa' }), 'refuse'],
        ['ledger not the contract token', payment({ ledgerCanisterId: CKUSDC }), 'refuse']
    ])('%s → %s', (_n, p, kind) => {
        expect(judgePayment(parse(p), contract, allowed).kind).toBe(kind);
    });
    it('refuses a payment for an unknown contract', () => {
        expect(judgePayment(parse(payment()), null, allowed)).toEqual({ kind: 'refuse', reason: 'no contract for the payment' });
    });
});

describe('payment.completed end to end (fake ICPay, fake canister)', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start();
        h.gateway.contracts = [contract];
    });
    afterEach(async () => h.stop());

    const outcome = (id: string) => h.relay.core.store.db.prepare('SELECT outcome, reason, status FROM payments WHERE payment_id = ?').get(id) as { outcome: string; reason: string | null; status: string } | undefined;

    it('re-fetches the payment with the secret key and credits the contract once', async () => {
        h.icpay.payments.set('pay_1', payment());
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await h.icpayHook(icpayEvent({ eventId: 'evt_2', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1')?.outcome === 'credited');
        expect(h.gateway.credits.get('pay_1')).toEqual({ paymentId: 'pay_1', contractId: '42', ledgerCanisterId: ICP_LEDGER, canisterTxId: 17n });
        expect(h.icpay.find('GET', '/sdk/payments/pay_1')[0]?.headers.authorization).toBe('Bearer sk_test_relay');
        expect(h.gateway.calls.filter((c) => c.method === 'notifyIcpayPayment')).toHaveLength(1);
    });

    it('records a mismatched payment and never credits it, even if the webhook said completed', async () => {
        h.icpay.payments.set('pay_1', payment({ status: 'mismatched' }));
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1') !== undefined);
        expect(outcome('pay_1')).toEqual({ outcome: 'not_credited', reason: 'payment status is mismatched', status: 'mismatched' });
        expect(h.gateway.credits.size).toBe(0);
    });

    it('records payment.failed events without crediting', async () => {
        await h.icpayHook(icpayEvent({ eventId: 'evt_9', paymentId: 'pay_9', type: 'payment.failed', status: 'failed' }));
        expect(outcome('pay_9')).toMatchObject({ outcome: 'not_credited', status: 'failed' });
        expect(h.icpay.requests).toHaveLength(0);
    });

    it('records a wrong ledger', async () => {
        h.icpay.payments.set('pay_1', payment({ ledgerCanisterId: CKUSDC }));
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1') !== undefined);
        expect(outcome('pay_1')?.reason).toContain(`differs from the contract's ${ICP_LEDGER}`);
        expect(h.gateway.credits.size).toBe(0);
    });

    it('retries while ICPay is down or the payment is still pending, then credits', async () => {
        h.icpay.failWith = 503;
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => (h.relay.core.store.row('icpay:payment:pay_1')?.attempts ?? 0) >= 2);
        expect(h.relay.core.store.row('icpay:payment:pay_1')?.last_error).toContain('503');
        h.icpay.failWith = null;
        h.icpay.payments.set('pay_1', payment({ status: 'pending' }));
        await until(() => h.relay.core.store.row('icpay:payment:pay_1')?.last_error === 'payment status is pending');
        h.icpay.payments.set('pay_1', payment());
        await until(() => outcome('pay_1')?.outcome === 'credited');
    });

    it('survives a canister outage: nothing lost, nothing applied twice', async () => {
        h.gateway.down = true;
        h.icpay.payments.set('pay_1', payment());
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => (h.relay.core.store.row('icpay:payment:pay_1')?.attempts ?? 0) >= 3);
        expect(h.relay.core.store.row('icpay:payment:pay_1')).toMatchObject({ state: 'pending', last_error: 'fake canister is down' });
        h.gateway.down = false;
        await until(() => outcome('pay_1')?.outcome === 'credited');
        expect(h.gateway.credits.size).toBe(1);
    });
});

describe('ICPay as it really is (SDK 1.4 aggregate, metadata on the intent, sk_ signatures, missed webhooks)', () => {
    let h: Harness;
    beforeEach(async () => {
        h = await new Harness().start({ ICPAY_RECONCILE_INTERVAL_MS: '3600000' });
        h.gateway.contracts = [contract];
        h.gateway.contractRecords = [{ contractId: '42', providerId: 'prov', tenantId: 'ten', status: 'Accepted', createdAt: Date.now() - 3_600_000 }];
    });
    afterEach(async () => h.stop());
    const outcome = (id: string) => h.relay.core.store.db.prepare('SELECT outcome, reason FROM payments WHERE payment_id = ?').get(id) as { outcome: string; reason: string | null } | undefined;
    const onIntentOnly = () => {
        const { metadata: _m, ...bare } = payment();
        h.icpay.payments.set('pay_1', { ...bare, metadata: {} });
        h.icpay.intentMetadata.set('pay_1', { contractId: '42' });
    };

    it('takes contractId from the intent when the payment carries no metadata', async () => {
        onIntentOnly();
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1')?.outcome === 'credited');
        expect(h.gateway.credits.get('pay_1')?.contractId).toBe('42');
    });

    it('credits nothing when payment and intent name different contracts', async () => {
        h.icpay.payments.set('pay_1', payment({ contractId: '42' }));
        h.icpay.intentMetadata.set('pay_1', { contractId: '43' });
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1') !== undefined);
        expect(outcome('pay_1')).toEqual({ outcome: 'not_credited', reason: 'no contract for the payment' });
        expect(h.gateway.credits.size).toBe(0);
    });

    it('verifies webhooks with the secret key and refuses ones signed with anything else', async () => {
        onIntentOnly();
        const other = await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }), { secret: 'whsec-a-separate-webhook-secret' });
        expect(other.status).toBe(401);
        expect((await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }), { secret: 'sk_test_relay' })).status).toBe(200);
    });

    it('reconciliation credits a completed payment whose webhook never came, and the late webhook changes nothing', async () => {
        onIntentOnly();
        expect(await h.relay.reconciler.round()).toBe(1);
        await until(() => outcome('pay_1')?.outcome === 'credited');
        expect(h.icpay.find('POST', '/sdk/payments/by-metadata').map((r) => [r.path, r.body])).toEqual([['/sdk/payments/by-metadata?status=completed&limit=50&offset=0', { metadata: { contractId: '42' } }]]);
        expect(await h.relay.reconciler.round()).toBe(0);
        const late = await h.icpayHook(icpayEvent({ eventId: 'evt_late', paymentId: 'pay_1' }));
        expect(await late.json()).toEqual({ status: 'duplicate_payment', verifiedBy: 'secret_key' });
        await new Promise((r) => setTimeout(r, 200));
        expect(h.gateway.calls.filter((c) => c.method === 'notifyIcpayPayment')).toHaveLength(1);
    });

    it('asks only about recent contracts (work bounded by the window, not by history)', async () => {
        h.gateway.contractRecords.push({ contractId: '7', providerId: 'prov', tenantId: 'ten', status: 'Active', createdAt: Date.now() - 100 * 3_600_000 });
        await h.relay.reconciler.round();
        expect(h.icpay.find('POST', '/sdk/payments/by-metadata').map((r) => (r.body as { metadata: unknown }).metadata)).toEqual([{ contractId: '42' }]);
    });

    it('a late or duplicate payment the canister books and refunds is done, not a dead job', async () => {
        onIntentOnly();
        h.gateway.closedContracts.add('42');
        await h.icpayHook(icpayEvent({ eventId: 'evt_1', paymentId: 'pay_1' }));
        await until(() => outcome('pay_1') !== undefined);
        expect(outcome('pay_1')).toEqual({ outcome: 'refunded_by_canister', reason: 'contract closed or already paid: refunded' });
        expect(h.relay.core.store.row('icpay:payment:pay_1')?.state).toBe('done');
    });
});
