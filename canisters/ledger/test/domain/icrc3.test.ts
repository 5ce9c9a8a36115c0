import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { blockValue, valueHash, type Value } from '../../src/domain';
import { FEE, NOW, alice, bob, fundedLedger } from './memory_ledger';
import { approve, transfer, transferFrom } from './helpers';

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');
const bytes = (...b: number[]) => Uint8Array.from(b);
const field = (v: Value, key: string): Value | undefined => ('Map' in v ? v.Map.find(([k]) => k === key)?.[1] : undefined);
const keys = (v: Value | undefined) => (v !== undefined && 'Map' in v ? v.Map.map(([k]) => k).sort() : []);

describe('ICRC-3 value hash (the standard\'s test vectors, HASHINGVALUES.md)', () => {
    it.each<[string, Value, string]>([
        ['Nat(42)', { Nat: 42n }, '684888c0ebb17f374298b65ee2807526c066094c701bcc7ebbe1c1095f494fc1'],
        ['Int(-42)', { Int: -42n }, 'de5a6f78116eca62d7fc5ce159d23ae6b889b365a1739ad2cf36f925a140d0cc'],
        ['Text', { Text: 'Hello, World!' }, 'dffd6021bb2bd5b0af676290809ec3a53191dd81c7f70a4b28688a362182986f'],
        ['Blob', { Blob: bytes(1, 2, 3, 4) }, '9f64a747e1b97f131fabb6b447296c9b6f0201e79fb3c5356e6c77e89b6a806a'],
        ['Array', { Array: [{ Nat: 3n }, { Text: 'foo' }, { Blob: bytes(5, 6) }] }, '514a04011caa503990d446b7dec5d79e19c221ae607fb08b2848c67734d468d6'],
        [
            'Map',
            {
                Map: [
                    ['from', { Blob: bytes(0x00, 0xab, 0xcd, 0xef, 0x00, 0x12, 0x34, 0x00, 0x56, 0x78, 0x9a, 0x00, 0xbc, 0xde, 0xf0, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0x00, 0xab, 0xcd, 0xef, 0x01) }],
                    ['to', { Blob: bytes(0x00, 0xab, 0x0d, 0xef, 0x00, 0x12, 0x34, 0x00, 0x56, 0x78, 0x9a, 0x00, 0xbc, 0xde, 0xf0, 0x00, 0x01, 0x23, 0x45, 0x67, 0x89, 0x00, 0xab, 0xcd, 0xef, 0x01) }],
                    ['amount', { Nat: 42n }],
                    ['created_at', { Nat: 1699218263n }],
                    ['memo', { Nat: 0n }]
                ]
            },
            'c56ece650e1de4269c5bdeff7875949e3e2033f85b2d193c2ff4f7f78bdcfc75'
        ]
    ])('%s', (_name, value, expected) => {
        expect(hex(valueHash(value))).toBe(expected);
    });

    it('a large Nat and a positive Int encode without loss', () => {
        expect(hex(valueHash({ Nat: 2n ** 70n }))).not.toBe(hex(valueHash({ Nat: 2n ** 70n + 1n })));
        expect(hex(valueHash({ Int: 64n }))).not.toBe(hex(valueHash({ Nat: 64n })));
    });
});

describe('blocks in the legacy ICRC-1/ICRC-2 schema', () => {
    it('a transfer: tx holds what the caller gave, the charged fee is at the top, phash links to the parent', () => {
        const ledger = fundedLedger();
        const memo = bytes(9, 9);
        transfer(ledger, { memo, createdAtTime: NOW - 5n });
        const [mint, xfer] = ledger.blocks;
        const first = blockValue(mint!, null);
        expect(keys(first)).toEqual(['ts', 'tx']);
        expect(field(field(first, 'tx')!, 'op')).toEqual({ Text: 'mint' });

        const v = blockValue(xfer!, mint!.hash);
        expect(keys(v)).toEqual(['fee', 'phash', 'ts', 'tx']);
        expect(field(v, 'phash')).toEqual({ Blob: mint!.hash });
        expect(hex(mint!.hash)).toBe(hex(valueHash(first)));
        expect(field(v, 'fee')).toEqual({ Nat: FEE });
        const tx = field(v, 'tx')!;
        expect(keys(tx)).toEqual(['amt', 'from', 'memo', 'op', 'to', 'ts']);
        expect(field(tx, 'op')).toEqual({ Text: 'xfer' });
        expect(field(tx, 'from')).toEqual({ Array: [{ Blob: Principal.fromText(alice.owner).toUint8Array() }] });
        expect(field(tx, 'ts')).toEqual({ Nat: NOW - 5n });
        expect(field(tx, 'memo')).toEqual({ Blob: memo });
        expect(hex(xfer!.hash)).toBe(hex(valueHash(v)));
    });

    it('a fee the caller stated goes in tx and not at the top', () => {
        const ledger = fundedLedger();
        transfer(ledger, { fee: FEE });
        const v = blockValue(ledger.blocks.at(-1)!, ledger.blocks.at(-2)!.hash);
        expect(keys(v)).toEqual(['phash', 'ts', 'tx']);
        expect(field(field(v, 'tx')!, 'fee')).toEqual({ Nat: FEE });
    });

    it('transfer_from carries the spender; approve its allowance fields; a subaccount is the second blob', () => {
        const ledger = fundedLedger();
        approve(ledger, { expiresAt: NOW + 1_000n });
        transferFrom(ledger, { to: { owner: bob.owner, subaccount: new Uint8Array(32).fill(1) } });
        const [, a, x] = ledger.blocks;
        const atx = field(blockValue(a!, null), 'tx')!;
        expect(keys(atx)).toEqual(['amt', 'expires_at', 'from', 'op', 'spender']);
        expect(field(atx, 'op')).toEqual({ Text: 'approve' });
        const xtx = field(blockValue(x!, a!.hash), 'tx')!;
        expect(field(xtx, 'spender')).toEqual({ Array: [{ Blob: Principal.fromText(bob.owner).toUint8Array() }] });
        expect(field(xtx, 'to')).toEqual({ Array: [{ Blob: Principal.fromText(bob.owner).toUint8Array() }, { Blob: new Uint8Array(32).fill(1) }] });
    });

    it('changing any earlier block changes every later hash', () => {
        const one = fundedLedger();
        const two = fundedLedger();
        transfer(one, { amount: 100n });
        transfer(two, { amount: 101n });
        transfer(one, { amount: 5n });
        transfer(two, { amount: 5n });
        expect(hex(one.blocks[2]!.hash)).not.toBe(hex(two.blocks[2]!.hash));
        expect(hex(one.blocks[0]!.hash)).toBe(hex(two.blocks[0]!.hash));
    });
});
