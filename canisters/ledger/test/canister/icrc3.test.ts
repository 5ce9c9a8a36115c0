// ICRC-3 on the compiled ledger: the block log as generic Values in the legacy schema, each block
// linked to its parent by the standard's hash, read across several ranges, and from the archive.
import { Cbor, Certificate, lookupResultToBuffer, reconstruct, type HashTree } from '@dfinity/agent';
import { deriveDevKeys, LocalCertifier } from '@trustcloud/localnet';
import { beforeAll, describe, expect, it } from 'vitest';
import { leb128, valueHash, type Value } from '../../src/domain/icrc3';
import { LedgerFixture } from './harness.js';
import { FEE, acct, approveArgs, controller, initArgs, minter, newUser, transferArgs, transferFromArgs } from './fixtures.js';

type CandidValue = { Blob: Uint8Array | number[] } | { Text: string } | { Nat: bigint } | { Int: bigint } | { Array: CandidValue[] } | { Map: [string, CandidValue][] };

function toValue(v: CandidValue): Value {
    if ('Blob' in v) return { Blob: Uint8Array.from(v.Blob) };
    if ('Array' in v) return { Array: v.Array.map(toValue) };
    if ('Map' in v) return { Map: v.Map.map(([k, x]) => [k, toValue(x)] as const) };
    return v;
}
const field = (v: CandidValue, key: string): CandidValue | undefined => ('Map' in v ? v.Map.find(([k]) => k === key)?.[1] : undefined);
const hex = (b: Uint8Array | number[]) => Buffer.from(Uint8Array.from(b)).toString('hex');

let ledger: LedgerFixture;
const keys = deriveDevKeys();

beforeAll(async () => {
    ledger = await LedgerFixture.create(controller, initArgs({ initial_balances: [[acct(controller), 5_000n]] }));
    ledger.pic.ic.setCertifier(new LocalCertifier(keys));
});

describe('icrc3_get_blocks', () => {
    it('serves every block, each carrying the hash of its parent', async () => {
        const [alice, bob] = [newUser(), newUser()];
        await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(alice), 1_000_000n));
        const memo = new Uint8Array([7, 7, 7]);
        const createdAt = ledger.nowNs();
        const sent = await ledger.as(alice).icrc1_transfer(transferArgs(acct(bob, 2), 400n, { memo: [memo], created_at_time: [createdAt] }));
        await ledger.as(alice).icrc2_approve(approveArgs(acct(bob), 50_000n, { fee: [FEE] }));
        await ledger.as(bob).icrc2_transfer_from(transferFromArgs(acct(alice), acct(bob), 100n));
        if (!('Ok' in sent)) throw new Error(JSON.stringify(sent));

        const anyone = ledger.as(newUser());
        const r = await anyone.icrc3_get_blocks([{ start: 0n, length: 100n }]);
        expect(r.archived_blocks).toEqual([]);
        expect(r.blocks.map((b) => b.id)).toEqual([...Array(Number(r.log_length)).keys()].map(BigInt));
        for (let i = 1; i < r.blocks.length; i++) {
            expect(hex((field(r.blocks[i]!.block, 'phash') as { Blob: Uint8Array }).Blob)).toBe(hex(valueHash(toValue(r.blocks[i - 1]!.block))));
        }
        expect(field(r.blocks[0]!.block, 'phash')).toBeUndefined();

        const xfer = r.blocks[Number(sent.Ok)]!.block;
        expect(field(xfer, 'fee')).toEqual({ Nat: FEE });
        const tx = field(xfer, 'tx')!;
        expect(field(tx, 'op')).toEqual({ Text: 'xfer' });
        expect(field(tx, 'amt')).toEqual({ Nat: 400n });
        expect(field(tx, 'ts')).toEqual({ Nat: createdAt });
        expect(hex((field(tx, 'memo') as { Blob: Uint8Array }).Blob)).toBe(hex(memo));
        const to = field(tx, 'to') as { Array: { Blob: Uint8Array }[] };
        expect(to.Array.map((b) => hex(b.Blob))).toEqual([hex(bob.toUint8Array()), hex(acct(bob, 2).subaccount[0]!)]);

        const [approve, pull] = r.blocks.slice(-2).map((b) => b.block);
        expect(field(field(approve!, 'tx')!, 'op')).toEqual({ Text: 'approve' });
        expect(field(field(approve!, 'tx')!, 'fee')).toEqual({ Nat: FEE });
        expect(field(approve!, 'fee')).toBeUndefined();
        const spender = field(field(pull!, 'tx')!, 'spender') as { Array: { Blob: Uint8Array }[] };
        expect(hex(spender.Array[0]!.Blob)).toBe(hex(bob.toUint8Array()));
    });

    it('answers several ranges in order, and stops at the end of the log', async () => {
        const { log_length } = await ledger.as(newUser()).icrc3_get_blocks([]);
        const r = await ledger.as(newUser()).icrc3_get_blocks([
            { start: 2n, length: 2n },
            { start: 0n, length: 1n },
            { start: log_length - 1n, length: 50n }
        ]);
        expect(r.blocks.map((b) => b.id)).toEqual([2n, 3n, 0n, log_length - 1n]);
        const whole = await ledger.as(newUser()).icrc3_get_blocks([{ start: 0n, length: log_length }]);
        expect(hex(valueHash(toValue(r.blocks[1]!.block)))).toBe(hex(valueHash(toValue(whole.blocks[3]!.block))));
    });

    it('lists the legacy block types and no archives', async () => {
        const anyone = ledger.as(newUser());
        expect((await anyone.icrc3_supported_block_types()).map((t) => t.block_type)).toEqual(['1burn', '1mint', '1xfer', '2xfer', '2approve']);
        expect(await anyone.icrc3_get_archives({ from: [] })).toEqual([]);
    });
});

describe('archive (archive_options, as the reference ledgers)', () => {
    it('moves the oldest blocks out in batches; icrc3_get_blocks points to them, the archive serves them, linked', async () => {
        // More than 4 local blocks moves the oldest 3: after 9 blocks, 0..5 are archived.
        const l = await LedgerFixture.create(controller, initArgs({ initial_balances: [[acct(controller), 5_000n]], archive_options: [{ trigger_threshold: 4n, num_blocks_to_archive: 3n }] }));
        const bob = newUser();
        for (let i = 0; i < 8; i++) await l.as(minter.owner).icrc1_transfer(transferArgs(acct(bob), 10n));
        const anyone = l.as(newUser());
        const r = await anyone.icrc3_get_blocks([{ start: 0n, length: 100n }]);
        expect(r.log_length).toBe(9n);
        expect(r.blocks.map((b) => b.id)).toEqual([6n, 7n, 8n]);
        expect(r.archived_blocks).toHaveLength(1);
        const { args, callback } = r.archived_blocks[0]!;
        expect(args).toEqual([{ start: 0n, length: 6n }]);
        expect([callback[0].toText(), callback[1]]).toEqual([l.canisterId.toText(), 'archive_icrc3_get_blocks']);
        const archived = await anyone.archive_icrc3_get_blocks(args);
        expect(archived.blocks.map((b) => b.id)).toEqual([0n, 1n, 2n, 3n, 4n, 5n]);
        expect(archived.archived_blocks).toEqual([]);
        // The archive's last block is the parent of the first local one.
        expect(hex((field(r.blocks[0]!.block, 'phash') as { Blob: Uint8Array }).Blob)).toBe(hex(valueHash(toValue(archived.blocks[5]!.block))));
        // A range across the boundary is split; the archive serves archived blocks only.
        const across = await anyone.icrc3_get_blocks([{ start: 4n, length: 4n }]);
        expect(across.blocks.map((b) => b.id)).toEqual([6n, 7n]);
        expect(across.archived_blocks[0]!.args).toEqual([{ start: 4n, length: 2n }]);
        expect((await anyone.archive_icrc3_get_blocks([{ start: 4n, length: 4n }])).blocks.map((b) => b.id)).toEqual([4n, 5n]);
        expect(await anyone.icrc3_get_archives({ from: [] })).toEqual([{ canister_id: l.canisterId, start: 0n, end: 5n }]);
    });

    it('refuses archive options that cannot work', async () => {
        await expect(LedgerFixture.create(controller, initArgs({ archive_options: [{ trigger_threshold: 4n, num_blocks_to_archive: 0n }] }))).rejects.toThrow(/num_blocks_to_archive/);
        await expect(LedgerFixture.create(controller, initArgs({ archive_options: [{ trigger_threshold: 2n, num_blocks_to_archive: 3n }] }))).rejects.toThrow(/num_blocks_to_archive/);
    });
});

/** The leaf under `label` of a two-leaf tip tree (a fork of labeled leaves). */
function leafOf(tree: HashTree, label: string): Uint8Array | undefined {
    if (tree[0] !== 1) return undefined;
    for (const side of [tree[1], tree[2]]) {
        if (side[0] === 2 && new TextDecoder().decode(side[1] as Uint8Array) === label && side[2][0] === 3) return side[2][1] as Uint8Array;
    }
    return undefined;
}

describe('icrc3_get_tip_certificate', () => {
    it('certifies the index and hash of the last block, and follows every new block', async () => {
        const anyone = ledger.as(newUser());
        const check = async () => {
            const [tip] = await anyone.icrc3_get_tip_certificate();
            if (tip === undefined) throw new Error('no tip certificate');
            const cert = await Certificate.create({ certificate: Uint8Array.from(tip.certificate), rootKey: keys.rootKeyDer, canisterId: ledger.canisterId, disableTimeVerification: true });
            const certified = lookupResultToBuffer(cert.lookup_path(['canister', ledger.canisterId.toUint8Array(), 'certified_data']));
            const tree = Cbor.decode<HashTree>(Uint8Array.from(tip.hash_tree));
            expect(hex(await reconstruct(tree))).toBe(hex(certified!));
            const { log_length } = await anyone.icrc3_get_blocks([]);
            const last = (await anyone.icrc3_get_blocks([{ start: log_length - 1n, length: 1n }])).blocks[0]!;
            expect(hex(leafOf(tree, 'last_block_index')!)).toBe(hex(leb128(log_length - 1n)));
            expect(hex(leafOf(tree, 'last_block_hash')!)).toBe(hex(valueHash(toValue(last.block))));
            return log_length;
        };
        const before = await check();
        await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(newUser()), 10n));
        expect(await check()).toBe(before + 1n);
    });

    it('a certificate for another tip does not verify this one', async () => {
        const anyone = ledger.as(newUser());
        const [old] = await anyone.icrc3_get_tip_certificate();
        await ledger.as(minter.owner).icrc1_transfer(transferArgs(acct(newUser()), 10n));
        const [now] = await anyone.icrc3_get_tip_certificate();
        const cert = await Certificate.create({ certificate: Uint8Array.from(now!.certificate), rootKey: keys.rootKeyDer, canisterId: ledger.canisterId, disableTimeVerification: true });
        const certified = lookupResultToBuffer(cert.lookup_path(['canister', ledger.canisterId.toUint8Array(), 'certified_data']));
        expect(hex(await reconstruct(Cbor.decode<HashTree>(Uint8Array.from(old!.hash_tree))))).not.toBe(hex(certified!));
    });
});
