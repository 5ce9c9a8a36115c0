// The small Candid decoder on what the ICRC-3 ledger answers: recursive Values (Int included)
// and archived ranges with their callback func reference.
import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { GetBlocksResult } from 'azle/canisters/icrc_3/idl';
import { describe, expect, it } from 'vitest';
import { decodeOne } from '../../src/platform/wire';
import { blob, blockTime, entry, nat, text, type Value } from '../../src/platform/icrc3';

const archive = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');

describe('decodeOne on icrc3_get_blocks replies', () => {
    it('reads blocks as Values and archived ranges as [principal bytes, method]', () => {
        const block = {
            Map: [
                ['phash', { Blob: new Uint8Array([1, 2]) }],
                ['ts', { Nat: 1_700_000_000_000_000_000n }],
                ['delta', { Int: -12_345_678_901_234_567_890n }],
                ['tx', { Map: [['op', { Text: 'xfer' }], ['from', { Array: [{ Blob: new Uint8Array([9]) }] }]] }]
            ]
        };
        const bytes = IDL.encode([GetBlocksResult], [
            {
                log_length: 3000n,
                blocks: [{ id: 2999n, block }],
                archived_blocks: [{ args: [{ start: 0n, length: 2000n }], callback: [archive, 'get_blocks'] }]
            }
        ]);
        const r = decodeOne(new Uint8Array(bytes)) as { log_length: bigint; blocks: { id: bigint; block: Value }[]; archived_blocks: { args: unknown; callback: [Uint8Array, string] }[] };
        expect(r.log_length).toBe(3000n);
        const b = r.blocks[0]!;
        expect(b.id).toBe(2999n);
        expect(blockTime(b.block)).toBe(1_700_000_000_000_000_000n);
        expect(entry(b.block, 'delta')).toEqual({ Int: -12_345_678_901_234_567_890n });
        expect(Array.from(blob(entry(b.block, 'phash'))!)).toEqual([1, 2]);
        expect(text(entry(entry(b.block, 'tx'), 'op'))).toBe('xfer');
        expect(nat(entry(b.block, 'missing'))).toBeUndefined();
        expect(r.archived_blocks[0]!.args).toEqual([{ start: 0n, length: 2000n }]);
        const [owner, method] = r.archived_blocks[0]!.callback;
        expect([Principal.fromUint8Array(owner).toText(), method]).toEqual([archive.toText(), 'get_blocks']);
    });
});
