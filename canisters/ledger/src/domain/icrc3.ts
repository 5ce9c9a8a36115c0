// ICRC-3 block log: each block as the standard's generic `Value` in the legacy ICRC-1/ICRC-2
// schema (no `btype`; `tx.op` is "xfer", "mint", "burn" or "approve"; only what the caller gave
// appears in `tx`, the fee the ledger charged at the top level), and the representation-
// independent hash that links a block to its parent (`phash`).
import { Principal } from '@dfinity/principal';
import { sha256 } from '../../../common/sha256';
import { utf8 as asciiUtf8 } from '../../../common/utf8';

import { concat } from '../../../common/hash_tree';
import type { Account, Block } from './types';

export type Value =
    | { readonly Blob: Uint8Array }
    | { readonly Text: string }
    | { readonly Nat: bigint }
    | { readonly Int: bigint }
    | { readonly Array: readonly Value[] }
    | { readonly Map: readonly (readonly [string, Value])[] };

/** The legacy block types this ledger writes, as ICRC-3 names them for `icrc3_supported_block_types`. */
export const LEGACY_BLOCK_TYPES = ['1burn', '1mint', '1xfer', '2xfer', '2approve'] as const;

/** What a block holds before it is linked: everything but its own hash. */
export type BlockContent = Omit<Block, 'hash'>;

// Keys are a dozen fixed ASCII names: their hashes are computed once.
const utf8 = { encode: asciiUtf8 };
const keyHashes = new Map<string, Uint8Array>();
function keyHash(k: string): Uint8Array {
    let h = keyHashes.get(k);
    if (h === undefined) {
        h = sha256(utf8.encode(k));
        if (keyHashes.size < 64) keyHashes.set(k, h);
    }
    return h;
}

export function leb128(n: bigint): Uint8Array {
    const out: number[] = [];
    let v = n;
    do {
        let byte = Number(v & 0x7fn);
        v >>= 7n;
        if (v !== 0n) byte |= 0x80;
        out.push(byte);
    } while (v !== 0n);
    return Uint8Array.from(out);
}

function sleb128(n: bigint): Uint8Array {
    const out: number[] = [];
    let v = n;
    for (;;) {
        const byte = Number(v & 0x7fn);
        v >>= 7n;
        const done = (v === 0n && (byte & 0x40) === 0) || (v === -1n && (byte & 0x40) !== 0);
        out.push(done ? byte : byte | 0x80);
        if (done) return Uint8Array.from(out);
    }
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
    for (let i = 0; i < a.length && i < b.length; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
}

/** The standard's hash of a Value (ICRC-3, HASHINGVALUES.md). */
export function valueHash(v: Value): Uint8Array {
    if ('Blob' in v) return sha256(v.Blob);
    if ('Text' in v) return sha256(utf8.encode(v.Text));
    if ('Nat' in v) return sha256(leb128(v.Nat));
    if ('Int' in v) return sha256(sleb128(v.Int));
    if ('Array' in v) return sha256(concat(...v.Array.map(valueHash)));
    const items = v.Map.map(([k, x]) => concat(keyHash(k), valueHash(x)));
    return sha256(concat(...items.sort(compareBytes)));
}

function accountValue(a: Account): Value {
    const owner: Value = { Blob: Principal.fromText(a.owner).toUint8Array() };
    return { Array: a.subaccount === null ? [owner] : [owner, { Blob: a.subaccount }] };
}

type Field = readonly [string, Value];
const nat = (n: bigint): Value => ({ Nat: n });

function txFields(b: BlockContent): { tx: Field[]; chargedFee: bigint | null } {
    const op = b.operation;
    switch (op.kind) {
        case 'mint':
            return { tx: [['op', { Text: 'mint' }], ['to', accountValue(op.to)], ['amt', nat(op.amount)]], chargedFee: null };
        case 'burn':
            return {
                tx: [['op', { Text: 'burn' }], ['from', accountValue(op.from)], ['amt', nat(op.amount)], ...spender(op.spender)],
                chargedFee: null
            };
        case 'transfer':
            return {
                tx: [['op', { Text: 'xfer' }], ['from', accountValue(op.from)], ['to', accountValue(op.to)], ['amt', nat(op.amount)], ...spender(op.spender)],
                chargedFee: op.fee
            };
        case 'approve':
            return {
                tx: [
                    ['op', { Text: 'approve' }],
                    ['from', accountValue(op.from)],
                    ['spender', accountValue(op.spender)],
                    ['amt', nat(op.amount)],
                    ...(op.expectedAllowance === null ? [] : [['expected_allowance', nat(op.expectedAllowance)] as Field]),
                    ...(op.expiresAt === null ? [] : [['expires_at', nat(op.expiresAt)] as Field])
                ],
                chargedFee: op.fee
            };
    }
}

function spender(s: Account | null): Field[] {
    return s === null ? [] : [['spender', accountValue(s)]];
}

/** The block as ICRC-3 serves it; `parentHash` is null only for the first block. */
export function blockValue(b: BlockContent, parentHash: Uint8Array | null): Value {
    const { tx, chargedFee } = txFields(b);
    if (b.requestedFee !== null && chargedFee !== null) tx.push(['fee', nat(b.requestedFee)]);
    if (b.memo !== null) tx.push(['memo', { Blob: b.memo }]);
    if (b.createdAtTime !== null) tx.push(['ts', nat(b.createdAtTime)]);
    const block: Field[] = [];
    if (parentHash !== null) block.push(['phash', { Blob: parentHash }]);
    block.push(['ts', nat(b.timestamp)]);
    // The fee charged, where the caller did not state it (ICRC-3 "effective fee").
    if (chargedFee !== null && b.requestedFee === null) block.push(['fee', nat(chargedFee)]);
    block.push(['tx', { Map: tx }]);
    return { Map: block };
}

export function blockHash(b: BlockContent, parentHash: Uint8Array | null): Uint8Array {
    return valueHash(blockValue(b, parentHash));
}
