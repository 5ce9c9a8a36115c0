// ICPay against the compiled canisters: the local ICPay canister takes the payment, keeps its fees
// and forwards the account's share; the marketplace books only what its own reads prove. Each
// attack of the catalogue (bench/attacks/icpay.ts) must leave the honest money where it was.
import { describe, expect, it } from 'vitest';
import { attacks } from '../../../../bench/attacks/icpay';
import { FEE, controller, errKind, minter, ok, relay, setupProvider, statusOf, tenant } from './fixture';
import { deployLedger, type DeployedLedger } from '../../../ledger/testing/index.js';
import { icpayWorld, payIcpay, setForwarding, unbooked } from './icpay_fixture';
import { grossOf } from '../../../icpay/testing/index.js';

const reason = (r: any): string => Object.keys(r.Err.PaymentRefused.reason)[0]!;

describe('ICPay payments on the compiled canisters', () => {
    for (const a of attacks) {
        it(`attack refused: ${a.name}`, async () => {
            const o = await a.run();
            expect(o.effect).not.toMatch(/relay: Ok/);
            expect(o.moneyMoved ?? 0n).toBe(0n);
            expect(o.targetMet).toBe(true);
        });
    }

    it('forwarded late: refused as NotForwarded, changing nothing, then booked once when the forward lands', async () => {
        const fees = { platformBps: 100, relayBps: 25, fixed: 2_000n };
        const w = await icpayWorld({ fees });
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const due: bigint = c.quote[0].amount;
        await setForwarding(w, { Hold: null });
        const tx = await payIcpay(w, tenant, c.id, grossOf(due, FEE, fees));
        const r = await w.as(tenant).notifyIcpayPayment(c.id, tx);
        expect(reason(r)).toBe('NotForwarded');
        expect(statusOf((await w.as(tenant).getContract(c.id))[0])).toBe('Requested');
        ok(await w.icpay.as(controller).forward_held(tx));
        expect(await unbooked(w, relay)).toBeGreaterThanOrEqual(due);
        // The audit names the money that arrived and is not booked, with its block.
        const t0 = (await w.icpay.as(tenant).get_transaction(tx))[0]!;
        expect(ok<any>(await w.as(relay).audit()).unbooked).toEqual([{ token: 'ICP', block: BigInt(t0.splits[0]!.index_block[0]!), amount: t0.account_amount, transactionId: tx, contractId: c.id }]);
        const k = ok(await w.as(tenant).notifyIcpayPayment(c.id, tx));
        expect(ok<any>(await w.as(relay).audit()).unbooked).toEqual([]);
        const t = (await w.icpay.as(tenant).get_transaction(tx))[0]!;
        // Fees as ICPay recorded them, and exactly the account's share booked.
        expect(t.platform_fee_amount).toBe((t.amount * 100n) / 10_000n + 2_000n);
        expect(t.relay_fee_amount[0]).toBe((t.amount * 25n) / 10_000n);
        expect(k.arrived).toBe(t.account_amount);
        expect(k.arrived).toBeGreaterThanOrEqual(due);
        expect(k.arrived - due).toBeLessThan(100n);
        expect(await unbooked(w, relay)).toBe(0n);
    });

    it('paid short after fees: booked and refunded at once, the request still payable', async () => {
        const w = await icpayWorld();
        const oid = await setupProvider(w);
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const due: bigint = c.quote[0].amount;
        const before = await w.balance(tenant);
        const tx = await payIcpay(w, tenant, c.id, due);
        const k = ok(await w.as(tenant).notifyIcpayPayment(c.id, tx));
        expect(Object.keys(k.outcome)[0]).toBe('RefundedShortfall');
        expect(Object.keys(k.refund[0].status)[0]).toBe('Done');
        expect(statusOf(k.contract)).toBe('Requested');
        // The tenant lost only ICPay's fees and two ledger fees.
        const t = (await w.icpay.as(tenant).get_transaction(tx))[0]!;
        expect(await w.balance(tenant)).toBe(before - due - FEE + t.account_amount - FEE);
        expect(await unbooked(w, relay)).toBe(0n);
        expect(errKind(await w.as(tenant).notifyIcpayPayment(c.id, tx))).toBe('PaymentAlreadyCredited');
    });

    it('every token: an offering priced in a second token is paid through ICPay on that ledger, booked as what arrived there', async () => {
        let usdc: DeployedLedger | undefined;
        const w = await icpayWorld({
            moreLedgers: async (x) => {
                usdc = await deployLedger(x.pic, {
                    controller,
                    init: {
                        token_name: 'ckUSDC', token_symbol: 'ckUSDC', decimals: 6, transfer_fee: 10_000n, minting_account: { owner: minter, subaccount: [] },
                        initial_balances: [[{ owner: tenant, subaccount: [] }, 10_000_000_000n]], min_burn_amount: [], allow_faults: [], archive_options: []
                    } as any
                });
                return [{ id: usdc.canisterId, fee: 10_000n }];
            }
        });
        ok(await w.as(controller).setToken({ symbol: 'ckUSDC', ledger: usdc!.canisterId, decimals: 6, fee: 10_000n }));
        const oid = await setupProvider(w, { token: 'ckUSDC', pricePerMonth: 720_000_000n });
        const c = ok(await w.as(tenant).requestContract(oid, 24));
        const due: bigint = c.quote[0].amount;
        const icpBefore = await w.balance(tenant);
        // Paid on the ICP ledger instead: booked and sent back to the payer on the ICP ledger, once;
        // the contract (priced in ckUSDC) is untouched and still awaits its payment.
        const wrong = await payIcpay(w, tenant, c.id, grossOf(due, FEE));
        const wt = (await w.icpay.as(tenant).get_transaction(wrong))[0]!;
        const back = ok(await w.as(tenant).notifyIcpayPayment(c.id, wrong));
        expect(back.outcome).toEqual({ ReturnedOtherToken: { token: 'ICP', due: 'ckUSDC' } });
        expect(back.arrived).toBe(wt.account_amount);
        expect(Object.keys(back.refund[0].kind)[0]).toBe('Return');
        expect(Object.keys(back.refund[0].status)[0]).toBe('Done');
        expect(statusOf(back.contract)).toBe('Requested');
        expect(back.contract.deposited).toBe(0n);
        // The tenant lost ICPay's fees and three ledger fees (to ICPay, ICPay's forward, the return), nothing else.
        expect(icpBefore - (await w.balance(tenant))).toBe(grossOf(due, FEE) + FEE - (wt.account_amount - FEE));
        expect(errKind(await w.as(tenant).notifyIcpayPayment(c.id, wrong))).toBe('PaymentAlreadyCredited');
        const afterReturn = ok<any>(await w.as(relay).audit());
        expect(afterReturn.violations).toEqual([]);
        expect(afterReturn.unbooked).toEqual([]);
        expect(afterReturn.tokens.find((t: any) => t.token === 'ICP').surplus).toBe(0n);
        const icpAfterReturn = await w.balance(tenant);
        const tx = await payIcpay(w, tenant, c.id, grossOf(due, 10_000n), c.id, usdc!);
        const t = (await w.icpay.as(tenant).get_transaction(tx))[0]!;
        expect(t.ledger_canister_id).toBe(usdc!.canisterId.toText());
        const k = ok(await w.as(tenant).notifyIcpayPayment(c.id, tx));
        expect(Object.keys(k.outcome)[0]).toBe('Funded');
        expect(k.arrived).toBe(t.account_amount);
        expect(k.contract.token).toBe('ckUSDC');
        expect(await usdc!.as(w.marketId).icrc1_balance_of({ owner: w.marketId, subaccount: [] })).toBe(t.account_amount);
        expect(await w.balance(tenant)).toBe(icpAfterReturn);
        const audit = ok<any>(await w.as(relay).audit());
        expect(audit.violations).toEqual([]);
    });
});
