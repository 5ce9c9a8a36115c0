// The escrow's IcpayGateway: ICPay's canister record by inter-canister call (upstream's Candid,
// icpay_canister_backend.did in @ic-pay/icpay-sdk: the fields read here) and the ledger's blocks.
import { call, IDL, Principal } from 'azle';

import type { IcpayGateway, IcpayTx, LedgerTransfer } from '../escrow/exports';
import { blob, entry, nat, text, type Value } from '../platform/icrc3';
import { blocksIn } from './ledger';

const Status = IDL.Variant({ Failed: IDL.Text, Processed: IDL.Null, Received: IDL.Null, Completed: IDL.Null, Pending: IDL.Null });
const Split = IDL.Record({ account_canister_id: IDL.Nat64, index_block: IDL.Opt(IDL.Nat64), timestamp: IDL.Opt(IDL.Nat64), account_percentage: IDL.Nat16, amount: IDL.Nat });
/** Upstream's `Transaction` (every field: Candid decoding of a record needs none, but reading all keeps it honest). */
const Transaction = IDL.Record({
    id: IDL.Nat, status: Status, account_canister_id: IDL.Nat64, platform_fee_amount: IDL.Nat, transfer_fee: IDL.Nat,
    external_cost_amount: IDL.Opt(IDL.Nat), kind: IDL.Opt(IDL.Nat8), memo: IDL.Opt(IDL.Vec(IDL.Nat8)), timestamp_to_account: IDL.Opt(IDL.Nat64),
    notify_processing: IDL.Bool, relay_fee_amount: IDL.Opt(IDL.Nat), source_type: IDL.Nat8, timestamp: IDL.Nat64, index_received: IDL.Opt(IDL.Nat64),
    sender_principal_id: IDL.Text, account_amount: IDL.Nat, ledger_canister_id: IDL.Text, splits: IDL.Vec(Split), timestamp_received: IDL.Opt(IDL.Nat64),
    amount: IDL.Nat, recipient_principal_id: IDL.Opt(IDL.Text)
});

const TransactionFilter = IDL.Record({
    from_timestamp: IDL.Opt(IDL.Nat64), status: IDL.Opt(Status), account_canister_id: IDL.Opt(IDL.Nat64), from_id: IDL.Opt(IDL.Nat),
    offset: IDL.Opt(IDL.Nat32), limit: IDL.Opt(IDL.Nat32), to_timestamp: IDL.Opt(IDL.Nat64), ledger_canister_id: IDL.Opt(IDL.Text)
});
const TransactionResult = IDL.Record({ transactions: IDL.Vec(Transaction), total_count: IDL.Nat32, has_more: IDL.Bool });

function txIn(t: any): IcpayTx {
    const split = (t.splits as any[]).find((s) => s.account_canister_id === t.account_canister_id) ?? null;
    return {
        id: t.id, status: Object.keys(t.status)[0]!, account: t.account_canister_id, ledger: t.ledger_canister_id, sender: t.sender_principal_id,
        recipient: t.recipient_principal_id[0] ?? null, memo: t.memo.length === 0 ? null : Uint8Array.from(t.memo[0]), amount: t.amount,
        accountAmount: t.account_amount, platformFee: t.platform_fee_amount, relayFee: t.relay_fee_amount[0] ?? 0n, transferFee: t.transfer_fee,
        received: t.index_received[0] ?? null, split: split === null ? null : { amount: split.amount, block: split.index_block[0] ?? null }
    };
}

function owner(v: Value | undefined): { owner: string; sub: Uint8Array | null } | undefined {
    if (v === undefined || !('Array' in v)) return undefined;
    const o = blob(v.Array[0]);
    if (o === undefined) return undefined;
    const s = blob(v.Array[1]);
    return { owner: Principal.fromUint8Array(o).toText(), sub: s === undefined || s.every((b) => b === 0) ? null : s };
}

/** An ICRC-1 transfer (`xfer` without spender) from the block's generic Value, or undefined. */
export function transferOf(block: Value): LedgerTransfer | undefined {
    const tx = entry(block, 'tx');
    const from = owner(entry(tx, 'from'));
    const to = owner(entry(tx, 'to'));
    const amount = nat(entry(tx, 'amt'));
    if (text(entry(tx, 'op')) !== 'xfer' || entry(tx, 'spender') !== undefined || from === undefined || to === undefined || amount === undefined) return undefined;
    return { from: from.owner, to: to.owner, toSubaccount: to.sub, amount, memo: blob(entry(tx, 'memo')) ?? null };
}

export const icpayGateway: IcpayGateway = {
    async transaction(canister, id) {
        const r = await call<[bigint], [] | [any]>(canister, 'get_transaction', { paramIdlTypes: [IDL.Nat], returnIdlType: IDL.Opt(Transaction), args: [id] });
        return r.length === 0 ? null : txIn(r[0]);
    },
    async recent(canister, account, limit) {
        const filter = (offset: number, n: number) => ({
            from_timestamp: [], status: [{ Completed: null }], account_canister_id: [account], from_id: [], offset: [offset], limit: [n], to_timestamp: [], ledger_canister_id: []
        });
        const call1 = (offset: number, n: number) =>
            call<[any], any>(canister, 'get_transactions', { paramIdlTypes: [TransactionFilter], returnIdlType: TransactionResult, args: [filter(offset, n)] });
        const total = Number((await call1(0, 1)).total_count);
        return ((await call1(Math.max(0, total - limit), limit)).transactions as any[]).map(txIn);
    },
    async transfers(ledger, indexes) {
        const out = new Map<bigint, LedgerTransfer>();
        for (const i of indexes) {
            for (const b of await blocksIn(ledger, i, 1n)) {
                const t = b.id === i ? transferOf(b.block) : undefined;
                if (t !== undefined) out.set(i, t);
            }
        }
        return out;
    }
};
