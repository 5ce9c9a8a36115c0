// localnet's PocketIC-compatible REST surface, driven by the real pic-js client (@dfinity/pic):
// instances, canister setup, calls, PocketIC's time semantics (queries see a new time after the
// next round, certified time at once), time never backwards, topology, cycles, teardown.
import { PocketIc } from '@dfinity/pic';
import { IDL } from '@dfinity/candid';
import binaryen from 'binaryen';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startPocketIcServer, type PocketIcServer } from '../../src/server/pocket_ic_server.js';

const CLOCK = (() => {
    const m = binaryen.parseText(`(module
      (import "ic0" "time" (func $time (result i64)))
      (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
      (import "ic0" "msg_reply" (func $reply))
      (import "ic0" "trap" (func $trap (param i32 i32)))
      (memory (export "memory") 1)
      (data (i32.const 100) "no")
      (func (export "canister_query now") (i64.store (i32.const 0) (call $time)) (call $append (i32.const 0) (i32.const 8)) (call $reply))
      (func (export "canister_update now_update") (i64.store (i32.const 0) (call $time)) (call $append (i32.const 0) (i32.const 8)) (call $reply))
      (func (export "canister_update boom") (call $trap (i32.const 100) (i32.const 2)))
    )`);
    const b = new Uint8Array(m.emitBinary());
    m.dispose();
    return b;
})();
const u64 = (b: Uint8Array): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(0, true);
const EMPTY = new Uint8Array(IDL.encode([], []));

let server: PocketIcServer;
beforeAll(async () => {
    server = await startPocketIcServer();
});
afterAll(async () => {
    await server.close();
});

describe('PocketIC REST surface with @dfinity/pic', () => {
    it('creates a canister, installs, calls; traps are rejects; status and cycles read back', async () => {
        const pic = await PocketIc.create(server.url);
        const canisterId = await pic.createCanister();
        expect(canisterId.toText()).toBe((await pic.getDefaultEffectiveCanisterId()).toText());
        await pic.installCode({ canisterId, wasm: CLOCK, arg: EMPTY });
        expect(u64(await pic.updateCall({ canisterId, method: 'now_update', arg: EMPTY }))).toBeGreaterThan(0n);
        await expect(pic.updateCall({ canisterId, method: 'boom', arg: EMPTY })).rejects.toThrow(/no/);
        const status = await pic.canisterStatus({ canisterId });
        expect(status.status).toEqual({ running: null });
        expect(await pic.getCyclesBalance(canisterId)).toBeGreaterThan(0n);
        const topology = await pic.getTopology();
        expect(topology[0]?.canisterRanges.some((r) => canisterId.gtEq(r.start) && canisterId.ltEq(r.end))).toBe(true);
        await pic.tearDown();
    });

    it('time: set_time is seen by queries after a tick, certified time at once, never backwards', async () => {
        const pic = await PocketIc.create(server.url);
        const canisterId = await pic.createCanister();
        await pic.installCode({ canisterId, wasm: CLOCK, arg: EMPTY });
        const later = Date.now() + 365 * 86_400_000;
        const before = u64(await pic.queryCall({ canisterId, method: 'now', arg: EMPTY }));
        await pic.setTime(later);
        expect(u64(await pic.queryCall({ canisterId, method: 'now', arg: EMPTY }))).toBe(before);
        await pic.tick();
        expect(u64(await pic.queryCall({ canisterId, method: 'now', arg: EMPTY }))).toBe(BigInt(later) * 1_000_000n);
        await pic.setCertifiedTime(later + 1000);
        expect(u64(await pic.queryCall({ canisterId, method: 'now', arg: EMPTY }))).toBe(BigInt(later + 1000) * 1_000_000n);
        expect(await pic.getTime()).toBe(later + 1000);
        await expect(pic.setTime(new Date('2000-01-01'))).rejects.toThrow(/PocketIC server error/);
        await pic.tearDown();
    });

    it('instances are separate and deleted ones are gone', async () => {
        const a = await PocketIc.create(server.url);
        const b = await PocketIc.create(server.url);
        const id = await a.createCanister();
        await expect(b.getCyclesBalance(id)).rejects.toThrow(/CanisterNotFound/);
        await a.tearDown();
        await b.tearDown();
        const res = await fetch(`${server.url}/instances/0/read/get_time`);
        expect(await res.json()).toMatchObject({ message: expect.stringMatching(/not found/) });
    });
});

describe('cost schedule (PocketIC charges cycles unless a subnet is Free)', () => {
    async function balanceAfterAMonth(options?: Parameters<typeof PocketIc.create>[1]): Promise<{ before: bigint; after: bigint }> {
        const pic = await PocketIc.create(server.url, options);
        const canisterId = await pic.createCanister({ cycles: 10n ** 15n });
        await pic.installCode({ canisterId, wasm: CLOCK, arg: EMPTY });
        const before = BigInt(await pic.getCyclesBalance(canisterId));
        await pic.advanceTime(30 * 86_400_000);
        await pic.tick();
        await pic.updateCall({ canisterId, method: 'now_update', arg: EMPTY });
        const after = BigInt(await pic.getCyclesBalance(canisterId));
        await pic.tearDown();
        return { before, after };
    }

    it('Normal (the default): memory held over time and executions cost cycles', async () => {
        const { before, after } = await balanceAfterAMonth();
        expect(after).toBeLessThan(before - 5_000_000n);
    });

    it('Free: the balance stays', async () => {
        const { SubnetStateType, CanisterCyclesCostSchedule } = await import('@dfinity/pic');
        const { before, after } = await balanceAfterAMonth({ application: [{ state: { type: SubnetStateType.New }, costSchedule: CanisterCyclesCostSchedule.Free }] });
        expect(after).toBe(before);
    });
});
