// The ICPay canister's two ledger calls: reading the block a payer names (ICRC-3, following the
// archive the ledger points to) and forwarding the account's share (ICRC-1).
import { call, IDL, Principal } from 'azle';
import { TransferArgs, TransferResult } from 'azle/canisters/icrc_1/idl';
import { GetBlocksArgs, GetBlocksResult, type Value } from 'azle/canisters/icrc_3/idl';

import type { Incoming } from './domain/types';

type Block = { id: bigint; block: Value };

function field(v: Value | undefined, key: string): Value | undefined {
    if (v === undefined || !('Map' in v)) return undefined;
    return v.Map.find((e) => e[0] === key)?.[1];
}
const nat = (v: Value | undefined) => (v !== undefined && 'Nat' in v ? v.Nat : undefined);
const blob = (v: Value | undefined): Uint8Array | undefined => (v !== undefined && 'Blob' in v ? Uint8Array.from(v.Blob) : undefined);
function account(v: Value | undefined): { owner: string; sub: Uint8Array | null } | undefined {
    if (v === undefined || !('Array' in v)) return undefined;
    const owner = blob(v.Array[0]);
    if (owner === undefined) return undefined;
    const sub = blob(v.Array[1]);
    return { owner: Principal.fromUint8Array(owner).toText(), sub: sub === undefined || sub.every((b) => b === 0) ? null : sub };
}

/** The transfer in block `index`, or a reason it is none. */
export async function incomingAt(ledger: string, index: bigint): Promise<Incoming | string> {
    const r = await call<[any], any>(ledger, 'icrc3_get_blocks', { paramIdlTypes: [GetBlocksArgs], returnIdlType: GetBlocksResult, args: [[{ start: index, length: 1n }]] });
    let blocks: Block[] = r.blocks;
    for (const a of r.archived_blocks as { args: unknown; callback: [Principal, string] }[]) {
        const x = await call<[any], any>(a.callback[0], a.callback[1], { paramIdlTypes: [GetBlocksArgs], returnIdlType: GetBlocksResult, args: [a.args] });
        blocks = [...blocks, ...x.blocks];
    }
    const b = blocks.find((x) => x.id === index);
    if (b === undefined) return `block ${index} not found on ledger ${ledger}`;
    const tx = field(b.block, 'tx');
    const from = account(field(tx, 'from'));
    const to = account(field(tx, 'to'));
    const amount = nat(field(tx, 'amt'));
    const op = field(tx, 'op');
    if (op === undefined || !('Text' in op) || op.Text !== 'xfer' || from === undefined || to === undefined || amount === undefined) {
        return `block ${index} is not a transfer`;
    }
    return { from: from.owner, to: to.owner, toSubaccount: to.sub, amount, memo: blob(field(tx, 'memo')) ?? null };
}

/** Forwards `amount` to `to` (the ledger fee on top, paid by this canister). */
export async function forward(ledger: string, to: string, amount: bigint, fee: bigint, memo: Uint8Array | null): Promise<{ Ok: bigint } | { Err: string }> {
    try {
        const r = await call<[any], any>(ledger, 'icrc1_transfer', {
            paramIdlTypes: [TransferArgs], returnIdlType: TransferResult,
            args: [{ to: { owner: Principal.fromText(to), subaccount: [] }, amount, fee: [fee], memo: memo === null ? [] : [memo], from_subaccount: [], created_at_time: [] }]
        });
        if ('Ok' in r) return { Ok: r.Ok };
        return { Err: `ledger refused the forward: ${Object.keys(r.Err)[0]}` };
    } catch (e) {
        return { Err: `forward failed: ${String(e)}` };
    }
}

export const IdlNat = IDL.Nat;
