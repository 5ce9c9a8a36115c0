// Deploys the local ICPay canister into localnet's pic-js-like test API, for its own tests and for
// the marketplace's (ICPay payments verified on-chain).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { IDL } from '@dfinity/candid';
import type { Principal } from '@dfinity/principal';
import type { Actor, LocalPocketIc } from '@trustcloud/localnet';
import { buildAzleCanisterCached } from '../../../localnet/src/testing/build.js';
import { idlFactory, init, type _SERVICE as IcpayService } from '../declarations/index.js';
import { grossFor, packMemo } from '../src/domain/fees.js';

export { grossFor, packMemo, idlFactory, type IcpayService };
export type IcpayActor = Actor<IcpayService>;
const ROOT = resolve(import.meta.dirname, '../../..');

let wasm: Uint8Array | undefined;
export function icpayWasm(): Uint8Array {
    wasm ??= gzipSync(readFileSync(buildAzleCanisterCached(ROOT, 'icpay').wasm));
    return wasm;
}

export interface IcpayFees {
    platformBps: number;
    relayBps: number;
    fixed: bigint;
}
/** Upstream's published price: 0.5% platform fee, no relay fee by default. */
export const UPSTREAM_FEES: IcpayFees = { platformBps: 50, relayBps: 0, fixed: 0n };

export interface DeployedIcpay {
    canisterId: Principal;
    account: bigint;
    as(sender: Principal): IcpayActor;
}

export async function deployIcpay(
    pic: LocalPocketIc,
    o: { controller: Principal; canisterId?: Principal; recipient: Principal; ledgers: { id: Principal; fee: bigint }[]; fees?: IcpayFees; account?: bigint }
): Promise<DeployedIcpay> {
    const fees = o.fees ?? UPSTREAM_FEES;
    const account = o.account ?? 7n;
    const canisterId = o.canisterId ?? (await pic.createCanister({ controllers: [o.controller], sender: o.controller }));
    const arg = IDL.encode(init({ IDL }), [{
        accounts: [{ account_canister_id: account, recipient: o.recipient, platform_fee_percentage: fees.platformBps, platform_fee_fixed: fees.fixed, relay_fee_percentage: fees.relayBps }],
        ledgers: o.ledgers.map((l) => ({ canister_id: l.id, fee: l.fee, minimum_amount: 0n })),
        test_controls: true
    }]);
    await pic.installCode({ canisterId, wasm: icpayWasm(), arg: new Uint8Array(arg), sender: o.controller });
    return {
        canisterId,
        account,
        as(sender) {
            const a = pic.createActor<IcpayService>(idlFactory, canisterId);
            a.setPrincipal(sender);
            return a;
        }
    };
}

/** The gross a payer sends so that `net` reaches the account after ICPay's fees and the forward's ledger fee. */
export function grossOf(net: bigint, ledgerFee: bigint, fees: IcpayFees = UPSTREAM_FEES): bigint {
    return grossFor(net, { account_canister_id: 0n, recipient: '', platform_fee_percentage: fees.platformBps, platform_fee_fixed: fees.fixed, relay_fee_percentage: fees.relayBps }, ledgerFee);
}
