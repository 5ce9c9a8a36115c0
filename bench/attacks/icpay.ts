// ICPay attacks (issue 18): a relay key (or a tenant colluding with it) tries to book money that
// did not arrive for its contract. Each runs against the compiled marketplace and the local ICPay
// canister; on a canister that still has the relay-only `creditPayment`, the relay's word is the
// credit (the "before" figures), otherwise the relay can only notify (`notifyIcpayPayment`).
// Honest money: a tenant's ICPay payment that arrived at the escrow and is not booked yet.
// moneyMoved: how much of it the escrow no longer holds after the attack (audit surplus lost).
import type { Attack, AttackOutcome } from './attack.js';
import { FEE, errKind, ok, relay, setupProvider, stranger, tenant, tenant2 } from '../../canisters/marketplace/test/canister/fixture.js';
import { icpayWorld, payIcpay, setForwarding, unbooked, type IcpayWorld } from '../../canisters/marketplace/test/canister/icpay_fixture.js';
import { grossOf } from '../../canisters/icpay/testing/index.js';
import type { Principal } from '@dfinity/principal';

const ICP = { symbol: 'ICP', decimals: 8 };
const HOURS = 720;

const why = (r: any): string => ('Err' in r && 'PaymentRefused' in r.Err ? `PaymentRefused(${Object.keys(r.Err.PaymentRefused.reason)[0]})` : errKind(r));

/** The relay's crediting call: the old relay-only credit (its claim is the amount) or the notify hint. */
async function relayCredits(w: IcpayWorld, contractId: bigint, txId: bigint, claim: bigint): Promise<string> {
    const m = w.as(relay);
    if (typeof m.notifyIcpayPayment === 'function') return why(await m.notifyIcpayPayment(contractId, txId));
    return errKind(await m.creditPayment({ contractId, paymentId: `icpay-${txId}-${contractId}`, amount: claim }));
}

interface Scene {
    w: IcpayWorld;
    oid: bigint;
    honestContract: bigint;
    honestTx: bigint;
    honestArrived: bigint;
}

/** An honest tenant paid a 720-hour contract through ICPay; the share arrived at the escrow, not yet booked. */
async function scene(balances: [Principal, bigint][] = []): Promise<Scene> {
    const w = await icpayWorld({ balances: [[tenant, 10n ** 11n], [tenant2, 10n ** 11n], ...balances] });
    const oid = await setupProvider(w);
    const h = ok<any>(await w.as(tenant).requestContract(oid, HOURS));
    const due: bigint = h.quote[0].amount;
    const honestTx = await payIcpay(w, tenant, h.id, grossOf(due, FEE));
    return { w, oid, honestContract: h.id, honestTx, honestArrived: await unbooked(w, relay) };
}

/** The attacker's contract: requested (free), and cancelled so that any credit is refunded at once. */
async function attackerContract(s: Scene, who: Principal, cancel = true): Promise<bigint> {
    const c = ok<any>(await s.w.as(who).requestContract(s.oid, HOURS));
    if (cancel) ok(await s.w.as(who).cancelContract(c.id, 'changed my mind'));
    return c.id;
}

async function finish(s: Scene, who: Principal, before: bigint, relayResult: string, extra = ''): Promise<AttackOutcome> {
    const after = await s.w.balance(who);
    const lost = s.honestArrived - (await unbooked(s.w, relay));
    const honest = s.w.as(tenant);
    const h = typeof honest.notifyIcpayPayment === 'function' ? errKind(await honest.notifyIcpayPayment(s.honestContract, s.honestTx)) : relayResultOld(await s.w.as(relay).creditPayment({ contractId: s.honestContract, paymentId: `icpay-${s.honestTx}`, amount: s.honestArrived }));
    const gain = after > before ? after - before : 0n;
    return {
        costBaseUnits: before > after ? before - after : 0n, token: ICP, moneyMoved: lost > 0n ? lost : 0n,
        effect: `relay: ${relayResult}; attacker +${gain}; honest tenant's booking: ${h}${extra}`, targetMet: lost <= 0n && gain === 0n
    };
}
const relayResultOld = (r: any) => errKind(r);
const quoteOf = async (w: IcpayWorld, who: Principal, id: bigint): Promise<bigint> => ((await w.as(who).getContract(id)) as any[])[0].quote[0].amount;

export const attacks: Attack[] = [
    {
        name: 'icpay: relay key credits an invented payment id to a closed contract',
        source: '18',
        async run() {
            const s = await scene();
            const a = await attackerContract(s, stranger);
            const before = await s.w.balance(stranger);
            return finish(s, stranger, before, await relayCredits(s.w, a, 999_999n, s.honestArrived));
        }
    },
    {
        name: 'icpay: payment relayed to a foreign recipient',
        source: '18',
        async run() {
            const s = await scene();
            const a = await attackerContract(s, tenant2, false);
            const before = await s.w.balance(tenant2);
            await setForwarding(s.w, { Redirect: tenant2 });
            const due = await quoteOf(s.w, tenant2, a);
            const tx = await payIcpay(s.w, tenant2, a, grossOf(due, FEE));
            const r = await relayCredits(s.w, a, tx, due);
            await s.w.as(tenant2).cancelContract(a, 'refund me');
            return finish(s, tenant2, before, r);
        }
    },
    {
        name: "icpay: another tenant's payment credited to the attacker's contract",
        source: '18',
        async run() {
            const s = await scene();
            const a = await attackerContract(s, stranger);
            const before = await s.w.balance(stranger);
            return finish(s, stranger, before, await relayCredits(s.w, a, s.honestTx, s.honestArrived));
        }
    },
    {
        name: 'icpay: payment never forwarded to the escrow, credited anyway',
        source: '18',
        async run() {
            const s = await scene();
            await setForwarding(s.w, { Hold: null });
            const a = await attackerContract(s, tenant2, false);
            const before = await s.w.balance(tenant2);
            const due = await quoteOf(s.w, tenant2, a);
            const tx = await payIcpay(s.w, tenant2, a, grossOf(due, FEE));
            const r = await relayCredits(s.w, a, tx, due);
            await s.w.as(tenant2).cancelContract(a, 'refund me');
            return finish(s, tenant2, before, r, ' (ICPay holds the attacker’s payment and never forwards it)');
        }
    },
    {
        name: 'icpay: one payment booked twice (replay under a second id)',
        source: '18',
        async run() {
            const s = await scene();
            // Another tenant's payment arrived and is not booked yet: the money a replay would spend.
            const other = ok<any>(await s.w.as(tenant2).requestContract(s.oid, HOURS));
            await payIcpay(s.w, tenant2, other.id, grossOf(other.quote[0].amount, FEE));
            const before = await s.w.balance(tenant);
            const first = await relayCredits(s.w, s.honestContract, s.honestTx, s.honestArrived);
            const m = s.w.as(relay);
            const second = typeof m.notifyIcpayPayment === 'function'
                ? why(await m.notifyIcpayPayment(s.honestContract, s.honestTx))
                : errKind(await m.creditPayment({ contractId: s.honestContract, paymentId: `replay-${s.honestTx}`, amount: s.honestArrived }));
            const after = await s.w.balance(tenant);
            const gain = after > before ? after - before : 0n;
            const audit = ok<any>(await m.audit());
            const ok1 = audit.ok as boolean;
            return {
                costBaseUnits: 0n, token: ICP, moneyMoved: gain, effect: `first: ${first}; replay: ${second}; tenant refunded +${gain}; audit ok: ${ok1}`,
                targetMet: gain === 0n && second !== 'Ok'
            };
        }
    }
];

