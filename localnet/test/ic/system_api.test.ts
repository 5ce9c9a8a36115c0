// Precise System API semantics with hand-written modules (WAT assembled by binaryen).
import binaryen from 'binaryen';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';

import { LocalPocketIc } from '../../src/testing/pocket.js';
import type { CallOutcome } from '../../src/types.js';

function wat(text: string): Uint8Array<ArrayBuffer> {
    const m = binaryen.parseText(text);
    if (!m.validate()) throw new Error('invalid wat');
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
}

const CALLEE = wat(`(module
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reject" (func $reject (param i32 i32)))
  (import "ic0" "trap" (func $trap (param i32 i32)))
  (memory (export "memory") 1)
  (data (i32.const 100) "ok")
  (data (i32.const 200) "callee says no")
  (func (export "canister_update t") (call $append (i32.const 100) (i32.const 2)) (call $reply))
  (func (export "canister_update no") (call $reject (i32.const 200) (i32.const 14)))
  (func (export "canister_update boom") (call $trap (i32.const 200) (i32.const 14)))
  (func (export "canister_update silent"))
)`);

// arg = [len][method][callee principal]; memory [0]: marker before call_perform, [4]: written
// by the reply callback, [8]: cleanup env, [12]: reject code.
const CALLER = wat(`(module
  (import "ic0" "msg_arg_data_size" (func $arg_size (result i32)))
  (import "ic0" "msg_arg_data_copy" (func $arg_copy (param i32 i32 i32)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "msg_reject_code" (func $reject_code (result i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (import "ic0" "call_on_cleanup" (func $on_cleanup (param i32 i32)))
  (import "ic0" "call_perform" (func $perform (result i32)))
  (import "ic0" "call_new" (func $call_new2 (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (table 4 funcref)
  (elem (i32.const 0) $on_reply $on_reject $cleanup $on_reply_trap)
  (func $call (param $reply_fun i32)
    (local $n i32) (local $len i32)
    (local.set $n (call $arg_size))
    (call $arg_copy (i32.const 300) (i32.const 0) (local.get $n))
    (local.set $len (i32.load8_u (i32.const 300)))
    (call $call_new
      (i32.add (i32.const 301) (local.get $len)) (i32.sub (i32.sub (local.get $n) (i32.const 1)) (local.get $len))
      (i32.const 301) (local.get $len)
      (local.get $reply_fun) (i32.const 7) (i32.const 1) (i32.const 8))
    (call $on_cleanup (i32.const 2) (i32.const 9))
    (i32.store (i32.const 0) (i32.add (i32.load (i32.const 0)) (i32.const 1)))
    (drop (call $perform)))
  (func (export "canister_update go") (call $call (i32.const 0)))
  (func (export "canister_update go_trap") (call $call (i32.const 3)))
  (func (export "canister_update go_then_trap") (call $call (i32.const 0)) unreachable)
  (func $on_reply (param $env i32)
    (i32.store (i32.const 4) (local.get $env))
    (call $append (i32.const 0) (i32.const 16)) (call $reply))
  (func $on_reply_trap (param $env i32)
    (i32.store (i32.const 4) (local.get $env))
    unreachable)
  (func $on_reject (param $env i32)
    (i32.store (i32.const 12) (call $reject_code))
    (call $append (i32.const 0) (i32.const 16)) (call $reply))
  (func $cleanup (param $env i32)
    (i32.store (i32.const 8) (local.get $env)))
  (func (export "canister_query read") (call $append (i32.const 0) (i32.const 16)) (call $reply))
)`);

const MISC = wat(`(module
  (import "ic0" "stable64_grow" (func $sgrow (param i64) (result i64)))
  (import "ic0" "stable64_size" (func $ssize (result i64)))
  (import "ic0" "stable64_write" (func $swrite (param i64 i64 i64)))
  (import "ic0" "stable64_read" (func $sread (param i64 i64 i64)))
  (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
  (import "ic0" "msg_reply" (func $reply))
  (import "ic0" "accept_message" (func $accept))
  (import "ic0" "global_timer_set" (func $timer_set (param i64) (result i64)))
  (import "ic0" "time" (func $time (result i64)))
  (import "ic0" "performance_counter" (func $perf (param i32) (result i64)))
  (import "ic0" "canister_cycle_balance128" (func $balance (param i32)))
  (import "ic0" "cycles_burn128" (func $burn (param i64 i64 i32)))
  (import "ic0" "call_new" (func $call_new (param i32 i32 i32 i32 i32 i32 i32 i32)))
  (memory (export "memory") 1)
  (global $g (mut i32) (i32.const 0))
  (data (i32.const 1000) "0123456789abcdef")
  (func $reply_i64 (param $v i64) (i64.store (i32.const 0) (local.get $v)) (call $append (i32.const 0) (i32.const 8)) (call $reply))
  (func (export "canister_update grow") (call $reply_i64 (call $sgrow (i64.const 1))))
  (func (export "canister_update write") (call $swrite (i64.const 65536) (i64.const 1000) (i64.const 16)) (call $reply))
  (func (export "canister_query read") (call $sread (i64.const 2000) (i64.const 65536) (i64.const 16)) (call $append (i32.const 2000) (i32.const 16)) (call $reply))
  (func (export "canister_update grow_write_trap")
    (drop (call $sgrow (i64.const 3)))
    (call $swrite (i64.const 65536) (i64.const 0) (i64.const 16))
    unreachable)
  (func (export "canister_query size") (call $reply_i64 (call $ssize)))
  (func (export "canister_update write_oob") (call $swrite (i64.const 1000000000) (i64.const 0) (i64.const 100)) (call $reply))
  (func (export "canister_update g_inc_grow_trap")
    (global.set $g (i32.add (global.get $g) (i32.const 1)))
    (drop (memory.grow (i32.const 10)))
    (i32.store (i32.const 5000) (i32.const 77))
    unreachable)
  (func (export "canister_update g_inc") (global.set $g (i32.add (global.get $g) (i32.const 1))) (call $reply_i64 (i64.extend_i32_u (global.get $g))))
  (func (export "canister_query pages") (call $reply_i64 (i64.extend_i32_u (memory.size))))
  (func (export "canister_query mem5000") (call $reply_i64 (i64.extend_i32_u (i32.load (i32.const 5000)))))
  (func (export "canister_update no_reply"))
  (func (export "canister_update accept") (call $accept) (call $reply))
  (func (export "canister_query call_in_query") (call $call_new (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)) (call $reply))
  (func (export "canister_update arm") (drop (call $timer_set (i64.add (call $time) (i64.const 1000000000)))) (call $reply))
  (func (export "canister_global_timer") (global.set $g (i32.add (global.get $g) (i32.const 100))))
  (func (export "canister_query g") (call $reply_i64 (i64.extend_i32_u (global.get $g))))
  (func (export "canister_update burn")
    (call $burn (i64.const 0) (i64.const 1000) (i32.const 16))
    (call $balance (i32.const 32))
    (call $append (i32.const 16) (i32.const 32)) (call $reply))
  (func (export "canister_update count") (local $i i32)
    (loop $l (local.set $i (i32.add (local.get $i) (i32.const 1))) (br_if $l (i32.lt_u (local.get $i) (i32.const 100000))))
    (call $reply_i64 (call $perf (i32.const 0))))
  (func (export "canister_update spin") (loop $l (br $l)))
)`);

const u32 = (b: Uint8Array, off: number): number => new DataView(b.buffer, b.byteOffset).getUint32(off, true);
const u64 = (b: Uint8Array, off = 0): bigint => new DataView(b.buffer, b.byteOffset).getBigUint64(off, true);
function replied(o: CallOutcome): Uint8Array {
    if (o.status !== 'replied') throw new Error(`${o.errorCode} ${o.rejectMessage}`);
    return o.reply;
}

describe.each([
    ['metered', true],
    ['unmetered', false]
])('system API (%s)', (_label, metering) => {
    let pic: LocalPocketIc;
    let callee: Principal;
    let caller: Principal;
    let misc: Principal;
    const raw = (canisterId: Principal, method: string, arg: Uint8Array = new Uint8Array(0)) => pic.updateCallRaw({ canisterId, method, arg });
    const query = (canisterId: Principal, method: string) => pic.queryCallRaw({ canisterId, method, arg: new Uint8Array(0) });
    const target = (method: string, p: Principal): Uint8Array =>
        new Uint8Array([method.length, ...new TextEncoder().encode(method), ...p.toUint8Array()]);

    beforeEach(async () => {
        pic = await LocalPocketIc.create({ metering });
        for (const [wasm, set] of [
            [CALLEE, (p: Principal) => (callee = p)],
            [CALLER, (p: Principal) => (caller = p)],
            [MISC, (p: Principal) => (misc = p)]
        ] as const) {
            const id = await pic.createCanister();
            await pic.installCode({ canisterId: id, wasm });
            set(id);
        }
    });

    it('reply callback through the table with its env', async () => {
        const r = replied(await raw(caller, 'go', target('t', callee)));
        expect([u32(r, 0), u32(r, 4), u32(r, 8), u32(r, 12)]).toEqual([1, 7, 0, 0]);
    });

    it('reject callback with the reject code: canister reject 4, trap 5, no canister 3, no reply 5', async () => {
        expect(u32(replied(await raw(caller, 'go', target('no', callee))), 12)).toBe(4);
        expect(u32(replied(await raw(caller, 'go', target('boom', callee))), 12)).toBe(5);
        const nowhere = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
        expect(u32(replied(await raw(caller, 'go', target('t', nowhere))), 12)).toBe(3);
        expect(u32(replied(await raw(caller, 'go', target('silent', callee))), 12)).toBe(5);
        expect(u32(replied(await raw(caller, 'go', target('missing', callee))), 12)).toBe(5);
    });

    it('msg_reject from ingress: code 4; no reply: IC0506', async () => {
        expect(await raw(callee, 'no')).toMatchObject({ status: 'rejected', rejectCode: 4, rejectMessage: 'callee says no' });
        expect(await raw(callee, 'silent')).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0506' });
        expect(await raw(callee, 'boom')).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0503' });
    });

    it('a trapping callback is rolled back, call_on_cleanup runs and is kept, earlier changes kept', async () => {
        const o = await raw(caller, 'go_trap', target('t', callee));
        expect(o).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0502' });
        expect(o.status === 'rejected' && o.rejectMessage).toContain('unreachable');
        const r = replied(await query(caller, 'read'));
        expect([u32(r, 0), u32(r, 4), u32(r, 8)]).toEqual([1, 0, 9]);
    });

    it('a trap after call_perform in the same message discards the call', async () => {
        const o = await raw(caller, 'go_then_trap', target('t', callee));
        expect(o).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
        expect(pic.ic.queueLength).toBe(0);
        const r = replied(await query(caller, 'read'));
        expect(u32(r, 0)).toBe(0);
    });

    it('stable memory: grow returns the old size; a trap undoes grow and writes', async () => {
        expect(u64(replied(await raw(misc, 'grow')))).toBe(0n);
        expect(u64(replied(await raw(misc, 'grow')))).toBe(1n);
        await raw(misc, 'write');
        expect(new TextDecoder().decode(replied(await query(misc, 'read')))).toBe('0123456789abcdef');
        expect(await raw(misc, 'grow_write_trap')).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
        expect(u64(replied(await query(misc, 'size')))).toBe(2n);
        expect(new TextDecoder().decode(replied(await query(misc, 'read')))).toBe('0123456789abcdef');
        const oob = await raw(misc, 'write_oob');
        expect(oob.status === 'rejected' && oob.rejectMessage).toContain('stable memory out of bounds');
    });

    it('a trap after memory.grow restores the memory size, content and mutable globals', async () => {
        expect(u64(replied(await raw(misc, 'g_inc')))).toBe(1n);
        const pages = u64(replied(await query(misc, 'pages')));
        expect(await raw(misc, 'g_inc_grow_trap')).toMatchObject({ status: 'rejected' });
        expect(u64(replied(await query(misc, 'pages')))).toBe(pages);
        expect(u64(replied(await query(misc, 'mem5000')))).toBe(0n);
        expect(u64(replied(await query(misc, 'g')))).toBe(1n);
        expect(u64(replied(await raw(misc, 'g_inc')))).toBe(2n);
    });

    it('system API restrictions: accept_message only in inspect, call_new not in queries', async () => {
        const a = await raw(misc, 'accept');
        expect(a.status === 'rejected' && a.rejectMessage).toContain('accept_message');
        const q = await query(misc, 'call_in_query');
        expect(q.status === 'rejected' && q.rejectMessage).toContain('call_new');
    });

    it('the global timer fires when time passes its deadline, once', async () => {
        await raw(misc, 'arm');
        await pic.tick();
        expect(u64(replied(await query(misc, 'g')))).toBe(0n);
        await pic.advanceTime(1_000);
        await pic.tick();
        await pic.tick();
        expect(u64(replied(await query(misc, 'g')))).toBe(100n);
    });

    it('cycles_burn128 burns from the balance', async () => {
        const before = await pic.getCyclesBalance(misc);
        const r = replied(await raw(misc, 'burn'));
        expect(u64(r, 0)).toBe(1000n);
        expect(await pic.getCyclesBalance(misc)).toBe(before - 1000n);
    });

    it('performance_counter and the instruction limit', async () => {
        const n = u64(replied(await raw(misc, 'count')));
        if (metering) {
            expect(n).toBeGreaterThan(100_000n);
            expect(pic.lastInstructions).toBeGreaterThanOrEqual(n);
            const o = await pic.updateCallRaw({ canisterId: misc, method: 'count' });
            expect(o.instructions).toBeGreaterThan(100_000n);
        } else {
            expect(n).toBe(0n);
        }
    });
});

describe('heartbeat', () => {
    it('canister_heartbeat runs once per tick', async () => {
        const wasm = wat(`(module
          (import "ic0" "msg_reply_data_append" (func $append (param i32 i32)))
          (import "ic0" "msg_reply" (func $reply))
          (memory (export "memory") 1)
          (global $n (mut i64) (i64.const 0))
          (func (export "canister_heartbeat") (global.set $n (i64.add (global.get $n) (i64.const 1))))
          (func (export "canister_query n") (i64.store (i32.const 0) (global.get $n)) (call $append (i32.const 0) (i32.const 8)) (call $reply)))`);
        const pic = await LocalPocketIc.create();
        const id = await pic.createCanister();
        await pic.installCode({ canisterId: id, wasm });
        const before = u64(replied(await pic.queryCallRaw({ canisterId: id, method: 'n' })));
        await pic.tick(3);
        expect(u64(replied(await pic.queryCallRaw({ canisterId: id, method: 'n' })))).toBe(before + 3n);
    });
});

describe('instruction limit on a tight loop', () => {
    it('traps with IC0522 at the (configurable) limit, state rolled back', async () => {
        const pic = await LocalPocketIc.create({ instructionLimits: { update: 50_000_000n } });
        const id = await pic.createCanister();
        await pic.installCode({ canisterId: id, wasm: MISC });
        const o = await pic.updateCallRaw({ canisterId: id, method: 'spin' });
        expect(o).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0522' });
        expect(o.status === 'rejected' && o.rejectMessage).toContain(
            'Canister exceeded the limit of 50000000 instructions for single message execution.'
        );
        expect(o.instructions).toBeGreaterThanOrEqual(50_000_000n);
        expect(u64(replied(await pic.updateCallRaw({ canisterId: id, method: 'g_inc' })))).toBe(1n);
    });
});
