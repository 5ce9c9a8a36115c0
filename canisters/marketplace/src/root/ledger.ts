// The keeper's LedgerGateway over ICRC-1/ICRC-2 inter-canister calls. Ledger errors become
// definite outcomes; a reject or trap of the call becomes an unknown outcome.
import { call, canisterSelf, IDL, Principal } from 'azle';
import { Account as AccountIdl, TransferArgs } from 'azle/canisters/icrc_1/idl';
import { TransferFromArgs } from 'azle/canisters/icrc_2/idl';

import { principal } from './candid';
import { encodeOne } from '../platform/reply';
import { decodeOne } from '../platform/wire';
import { blob, blockTime, entry, nat, sameBytes, text, type Value } from '../platform/icrc3';

import type { LedgerGateway, LedgerOutcome } from '../escrow/exports';
import type { Account, TokenConfig } from '../kernel/records';

const LOOKUP_PAGES = 5;
/** The ICRC ledger accepts created_at_time up to this far in the future of its own time. */
const DRIFT_NS = 60_000_000_000n;
const Icrc3Ranges = IDL.Vec(IDL.Record({ start: IDL.Nat, length: IDL.Nat }));

const toIcrc = (a: Account) => ({ owner: principal(a.owner), subaccount: a.subaccount === null ? [] : [a.subaccount] });

/** Raw call: arguments by the compiled encoder, reply by the small wire decoder (see reply.ts, wire.ts). */
async function rawCall(ledger: string, method: string, argType: Parameters<typeof encodeOne>[0], arg: unknown): Promise<any> {
    const bytes: Uint8Array = await call(ledger, method, { raw: true, args: encodeOne(argType, arg) });
    return decodeOne(bytes);
}

type Block = { id: bigint; block: Value };

/** The blocks of one range in order, the local ones and those the ledger says are archived. */
export async function blocksIn(ledger: string, start: bigint, length: bigint): Promise<Block[]> {
    const r = await rawCall(ledger, 'icrc3_get_blocks', Icrc3Ranges, [{ start, length }]);
    const archived: Block[] = [];
    for (const { args, callback } of r.archived_blocks as { args: unknown; callback: [Uint8Array, string] }[]) {
        const bytes: Uint8Array = await call(Principal.fromUint8Array(callback[0]), callback[1], { raw: true, args: encodeOne(Icrc3Ranges, args) });
        archived.push(...((decodeOne(bytes) as { blocks: Block[] }).blocks));
    }
    return [...archived, ...(r.blocks as Block[])].sort((x, y) => (x.id < y.id ? -1 : x.id > y.id ? 1 : 0));
}

const ownerOf = (account: Value | undefined): Uint8Array | undefined => (account !== undefined && 'Array' in account ? blob(account.Array[0]) : undefined);
const is = (bytes: Uint8Array | undefined, want: Uint8Array): boolean => bytes !== undefined && sameBytes(bytes, want);

/** This canister's transfer (from itself), or with `pulledFrom` its pull (spender itself, from that owner, to `to`). */
function isOurs(block: Value, self: Uint8Array, pulledFrom: Uint8Array | null, to: Uint8Array, memo: Uint8Array, createdAtTime: bigint): boolean {
    const tx = entry(block, 'tx');
    if (tx === undefined || text(entry(tx, 'op')) !== 'xfer' || nat(entry(tx, 'ts')) !== createdAtTime || !is(blob(entry(tx, 'memo')), memo)) return false;
    const from = ownerOf(entry(tx, 'from'));
    if (pulledFrom === null) return is(from, self) && entry(tx, 'spender') === undefined;
    return is(from, pulledFrom) && is(ownerOf(entry(tx, 'spender')), self) && is(ownerOf(entry(tx, 'to')), to);
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
                from: toIcrc(a.from), to: a.to === undefined ? { owner: canisterSelf(), subaccount: [] } : toIcrc(a.to), amount: a.amount, fee: [],
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
     * Reads the ledger's ICRC-3 block log backwards from its end (pages of 1,000, at most
     * LOOKUP_PAGES; an archived range is read from its archive) for a transfer from this canister
     * with the memo and created_at_time. Blocks are in time order, so once a page starts before
     * created_at_time − the ledger's permitted drift the transfer is known absent.
     */
    async findTransfer(token: TokenConfig, a) {
        try {
            const head = await rawCall(token.ledger, 'icrc3_get_blocks', Icrc3Ranges, []);
            let end = head.log_length as bigint;
            const self = canisterSelf().toUint8Array();
            for (let page = 0; page < LOOKUP_PAGES && end > 0n; page++) {
                const start = end > 1000n ? end - 1000n : 0n;
                const blocks = await blocksIn(token.ledger, start, end - start);
                const from = a.pulledFrom === undefined ? null : principal(a.pulledFrom.owner).toUint8Array();
                const to = a.to === undefined ? self : principal(a.to.owner).toUint8Array();
                for (const b of blocks) if (isOurs(b.block, self, from, to, a.memo, a.createdAtTime)) return { kind: 'found', block: b.id };
                const first = blocks[0];
                if (start === 0n || (first !== undefined && blockTime(first.block) + DRIFT_NS < a.createdAtTime)) return { kind: 'absent' };
                if (first === undefined) return { kind: 'unknown', message: `the ledger served no blocks for ${start}..${end}` };
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
