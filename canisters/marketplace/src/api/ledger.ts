// The keeper's LedgerGateway over ICRC-1/ICRC-2 inter-canister calls. Ledger errors become
// definite outcomes; a reject or trap of the call becomes an unknown outcome.
import { call, canisterSelf, IDL } from 'azle';
import { Account as AccountIdl, TransferArgs } from 'azle/canisters/icrc_1/idl';
import { TransferFromArgs } from 'azle/canisters/icrc_2/idl';

import { principal } from './candid';
import { encodeOne } from './reply';
import { decodeOne } from './wire';

import type { LedgerOutcome } from '../domain/transfers';
import type { Account, TokenConfig } from '../domain/types';
import type { LedgerGateway } from '../keeper/ports';

const LOOKUP_PAGES = 5;
/** The ICRC ledger accepts created_at_time up to this far in the future of its own time. */
const DRIFT_NS = 60_000_000_000n;
const GetBlocksArgs = IDL.Record({ start: IDL.Nat, length: IDL.Nat });

const toIcrc = (a: Account) => ({ owner: principal(a.owner), subaccount: a.subaccount === null ? [] : [a.subaccount] });

/** Raw call: arguments by the compiled encoder, reply by the small wire decoder (see reply.ts, wire.ts). */
async function rawCall(ledger: string, method: string, argType: Parameters<typeof encodeOne>[0], arg: unknown): Promise<any> {
    const bytes: Uint8Array = await call(ledger, method, { raw: true, args: encodeOne(argType, arg) });
    return decodeOne(bytes);
}

function outcome(r: { Ok: bigint } | { Err: Record<string, any> }): LedgerOutcome {
    if ('Ok' in r) return { kind: 'ok', block: r.Ok };
    const code = Object.keys(r.Err)[0]!;
    const v = r.Err[code];
    if (code === 'Duplicate') return { kind: 'duplicate', block: v.duplicate_of };
    if (code === 'BadFee') return { kind: 'error', code, message: `expected fee ${v.expected_fee}`, expectedFee: v.expected_fee };
    const message = v === null ? '' : JSON.stringify(v, (_, x) => (typeof x === 'bigint' ? x.toString() : x));
    return { kind: 'error', code, message };
}

function rejected(e: unknown): LedgerOutcome {
    const x = e as { rejectCode?: number; rejectMessage?: string };
    return { kind: 'unknown', message: x?.rejectMessage !== undefined ? `reject ${x.rejectCode}: ${x.rejectMessage}` : String(e) };
}

export const icrcLedger: LedgerGateway = {
    async transferFrom(token: TokenConfig, a) {
        try {
            const r = await rawCall(token.ledger, 'icrc2_transfer_from', TransferFromArgs, {
                from: toIcrc(a.from), to: { owner: canisterSelf(), subaccount: [] }, amount: a.amount, fee: [],
                memo: [a.memo], created_at_time: [a.createdAtTime], spender_subaccount: []
            });
            return outcome(r);
        } catch (e) {
            return rejected(e);
        }
    },
    async transfer(token: TokenConfig, a) {
        try {
            const r = await rawCall(token.ledger, 'icrc1_transfer', TransferArgs, {
                to: toIcrc(a.to), amount: a.amount, fee: [a.fee], memo: [a.memo], from_subaccount: [], created_at_time: [a.createdAtTime]
            });
            return outcome(r);
        } catch (e) {
            return rejected(e);
        }
    },
    /**
     * Reads the ledger's block log backwards from its end (pages of 1,000, at most LOOKUP_PAGES)
     * for a transfer from this canister with the memo and created_at_time. Blocks are in time
     * order, so once a page starts before created_at_time − the ledger's permitted drift the
     * transfer is known absent. (The local ledger's `get_blocks`; against the ICRC ledger this is
     * `icrc3_get_blocks` with the same walk.)
     */
    async findTransfer(token: TokenConfig, a) {
        try {
            const head = await rawCall(token.ledger, 'get_blocks', GetBlocksArgs, { start: 0n, length: 0n });
            let end = head.log_length as bigint;
            const self = canisterSelf().toUint8Array().join(',');
            const memo = a.memo.join(',');
            for (let page = 0; page < LOOKUP_PAGES && end > 0n; page++) {
                const start = end > 1000n ? end - 1000n : 0n;
                const r = await rawCall(token.ledger, 'get_blocks', GetBlocksArgs, { start, length: end - start });
                for (const b of r.blocks as any[]) {
                    const op = b.operation?.Transfer;
                    if (op === undefined || b.created_at_time[0] !== a.createdAtTime || (b.memo[0] ?? []).join(',') !== memo) continue;
                    if ((op.from.owner as Uint8Array).join(',') === self) return { kind: 'found', block: b.index as bigint };
                }
                const first = (r.blocks as any[])[0];
                if (start === 0n || (first !== undefined && (first.timestamp as bigint) + DRIFT_NS < a.createdAtTime)) return { kind: 'absent' };
                end = start;
            }
            return { kind: 'unknown', message: `not within the last ${LOOKUP_PAGES * 1000} blocks` };
        } catch (e) {
            const x = rejected(e);
            return { kind: 'unknown', message: x.kind === 'unknown' ? x.message : String(e) };
        }
    },
    async balanceOfSelf(token: TokenConfig) {
        return (await rawCall(token.ledger, 'icrc1_balance_of', AccountIdl, { owner: canisterSelf(), subaccount: [] })) as bigint;
    }
};
