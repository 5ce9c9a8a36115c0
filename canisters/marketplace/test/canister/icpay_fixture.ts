// The compiled marketplace with the local ICPay canister on the same localnet: ICPay relays its
// account's share to the escrow, and the marketplace reads ICPay's record and the ledger's blocks.
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import { deployIcpay, packMemo, type DeployedIcpay, type IcpayFees } from '../../../icpay/testing/index.js';
import { FEE, controller, marketplaceModule, ok, world, type World } from './fixture.js';

export interface IcpayWorld extends World {
    icpay: DeployedIcpay;
}

export async function icpayWorld(opts: { fees?: IcpayFees; balances?: [Principal, bigint][]; feeBps?: number; account?: bigint; moreLedgers?: (w: World) => Promise<{ id: Principal; fee: bigint }[]> } = {}): Promise<IcpayWorld> {
    const w = await world({ balances: opts.balances, feeBps: opts.feeBps });
    const ledgers = [{ id: w.ledger.canisterId, fee: FEE }, ...((await opts.moreLedgers?.(w)) ?? [])];
    const icpay = await deployIcpay(w.pic, { controller, recipient: w.marketId, ledgers, fees: opts.fees, account: opts.account });
    // The marketplace learns which ICPay canister and account fund its contracts (an upgrade argument, as in deployment).
    const m = await marketplaceModule();
    const arg = IDL.encode(m.init({ IDL }), [[{
        tokens: [], requestTimeoutSeconds: [], feeBps: [], relays: [], feeAccount: [], benchMode: [], icpay: [{ canister: icpay.canisterId, account: icpay.account }], listingFee: []
    }]]);
    await w.pic.upgradeCanister({ canisterId: w.marketId, wasm: m.wasm, arg: new Uint8Array(arg), sender: controller });
    return { ...w, icpay };
}

/** What the SDK does: an ICRC-1 transfer to ICPay's canister with the packed memo, then notify_ledger_transaction_v2. ICPay's tx id. */
export async function payIcpay(w: IcpayWorld, who: Principal, contractId: bigint, gross: bigint, memoContract = contractId, ledger: { canisterId: Principal; as(p: Principal): any } = w.ledger): Promise<bigint> {
    const block = ok<bigint>(await ledger.as(who).icrc1_transfer({
        to: { owner: w.icpay.canisterId, subaccount: [] }, amount: gross, fee: [], memo: [packMemo(w.icpay.account, memoContract)], from_subaccount: [], created_at_time: []
    }));
    const n = await w.icpay.as(who).notify_ledger_transaction_v2({ block_index: block, ledger_canister_id: ledger.canisterId.toText() }, w.icpay.account, [], [w.marketId.toText()]);
    return BigInt(ok<{ id: string }>(n).id);
}

/** ICPay's test controls: forward now, hold (late or never), or relay to another principal. */
export async function setForwarding(w: IcpayWorld, mode: { Now: null } | { Hold: null } | { Redirect: Principal }): Promise<void> {
    ok(await w.icpay.as(controller).set_forwarding(mode));
}

/** The escrow's books minus its ledger balance, per the audit: money on the account that no booking claims. */
export async function unbooked(w: World, as: Principal): Promise<bigint> {
    const a = ok<{ tokens: { surplus: bigint }[] }>(await w.as(as).audit());
    return a.tokens[0]?.surplus ?? 0n;
}
