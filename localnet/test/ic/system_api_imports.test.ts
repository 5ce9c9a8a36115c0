// The whole System API import list links; the deprecated 32-bit stable memory calls, root key,
// subnet, deadline and environment variables behave as the interface spec says; a module that
// does not validate or link is refused at once with IC0505.
import binaryen from 'binaryen';
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';

import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { SYSTEM_API } from '../../src/ic/system_api_imports.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';
import type { CallOutcome } from '../../src/types.js';

export function wat(text: string, features?: number): Uint8Array<ArrayBuffer> {
    const m = binaryen.parseText(text);
    if (features !== undefined) m.setFeatures(features);
    if (!m.validate()) throw new Error('invalid wat');
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
}

/** `(import "ic0" ...)` of every System API call, named `$<name>`. */
function importAll(width: 'i32' | 'i64' = 'i32'): string {
    const t = (x: string): string => (x === 'I' ? width : x);
    return Object.entries(SYSTEM_API)
        .map(([name, s]) => {
            const params = s.params.length ? ` (param ${s.params.map(t).join(' ')})` : '';
            const results = s.results.length ? ` (result ${s.results.map(t).join(' ')})` : '';
            return `(import "ic0" "${name}" (func $${name}${params}${results}))`;
        })
        .join('\n');
}

const ALL = wat(`(module
  ${importAll()}
  (memory (export "memory") 1)
  (data (i32.const 3000) "FOO")
  (func $reply_i64 (param $v i64) (i64.store (i32.const 0) (local.get $v)) (call $msg_reply_data_append (i32.const 0) (i32.const 8)) (call $msg_reply))
  (func $reply_i32 (param $v i32) (call $reply_i64 (i64.extend_i32_s (local.get $v))))
  (func (export "canister_update grow32") (call $reply_i32 (call $stable_grow (i32.const 1))))
  (func (export "canister_update grow32_max") (call $reply_i32 (call $stable_grow (i32.const 65536))))
  (func (export "canister_update grow64_past_4g") (call $reply_i64 (call $stable64_grow (i64.const 65537))))
  (func (export "canister_query size32") (call $reply_i32 (call $stable_size)))
  (func (export "canister_update write32") (call $stable_write (i32.const 10) (i32.const 3000) (i32.const 3)) (call $msg_reply))
  (func (export "canister_update write32_oob") (call $stable_write (i32.const 65534) (i32.const 3000) (i32.const 3)) (call $msg_reply))
  (func (export "canister_query read32") (call $stable_read (i32.const 100) (i32.const 10) (i32.const 3)) (call $msg_reply_data_append (i32.const 100) (i32.const 3)) (call $msg_reply))
  (func (export "canister_query root_key")
    (call $root_key_copy (i32.const 100) (i32.const 0) (call $root_key_size))
    (call $msg_reply_data_append (i32.const 100) (call $root_key_size)) (call $msg_reply))
  (func (export "canister_query subnet")
    (call $subnet_self_copy (i32.const 100) (i32.const 0) (call $subnet_self_size))
    (call $msg_reply_data_append (i32.const 100) (call $subnet_self_size)) (call $msg_reply))
  (func (export "canister_update deadline") (call $reply_i64 (call $msg_deadline)))
  (func (export "canister_query env_count") (call $reply_i32 (call $env_var_count)))
  (func (export "canister_query env_first_name")
    (call $env_var_name_copy (i32.const 0) (i32.const 100) (i32.const 0) (call $env_var_name_size (i32.const 0)))
    (call $msg_reply_data_append (i32.const 100) (call $env_var_name_size (i32.const 0))) (call $msg_reply))
  (func (export "canister_query env_foo")
    (if (i32.eqz (call $env_var_name_exists (i32.const 3000) (i32.const 3))) (then (call $msg_reply) (return)))
    (call $env_var_value_copy (i32.const 3000) (i32.const 3) (i32.const 100) (i32.const 0) (call $env_var_value_size (i32.const 3000) (i32.const 3)))
    (call $msg_reply_data_append (i32.const 100) (call $env_var_value_size (i32.const 3000) (i32.const 3))) (call $msg_reply))
  (func (export "canister_query env_index_oob") (drop (call $env_var_name_size (i32.const 5))) (call $msg_reply))
  (func (export "canister_update mint") (call $mint_cycles128 (i64.const 0) (i64.const 5) (i32.const 0)) (call $msg_reply))
  (func (export "canister_query cost_create") (call $cost_create_canister (i32.const 0)) (call $msg_reply_data_append (i32.const 0) (i32.const 16)) (call $msg_reply))
)`);

function replied(o: CallOutcome): Uint8Array {
    if (o.status !== 'replied') throw new Error(`${o.errorCode} ${o.rejectMessage}`);
    return o.reply;
}
const i64 = (b: Uint8Array): bigint => new DataView(b.buffer, b.byteOffset).getBigInt64(0, true);
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

describe('the System API import list', () => {
    let pic: LocalPocketIc;
    let id: Principal;
    const update = (method: string): Promise<CallOutcome> => pic.updateCallRaw({ canisterId: id, method, arg: new Uint8Array(0) });
    const query = (method: string): Promise<CallOutcome> => pic.queryCallRaw({ canisterId: id, method, arg: new Uint8Array(0) });

    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        id = await pic.createCanister();
        await pic.installCode({ canisterId: id, wasm: ALL });
    });

    it('links a module that imports every call of the specification', () => {
        expect(pic.ic.canisterInfo(id)?.moduleHash).not.toBeNull();
    });

    it('32-bit stable memory: grow, write, read, size; out of bounds traps; at most 4 GiB', async () => {
        expect(i64(replied(await update('grow32')))).toBe(0n);
        expect(i64(replied(await query('size32')))).toBe(1n);
        replied(await update('write32'));
        expect(text(replied(await query('read32')))).toBe('FOO');
        expect(await update('write32_oob')).toMatchObject({ status: 'rejected', errorCode: 'IC0502' });
        expect(i64(replied(await update('grow32_max')))).toBe(-1n); // 1 + 65536 pages > 4 GiB
        expect(i64(replied(await query('size32')))).toBe(1n);
        expect(i64(replied(await update('grow64_past_4g')))).toBe(1n);
        const o = await query('size32');
        expect(o).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0504' });
        expect(o.status === 'rejected' && o.rejectMessage).toContain('4 GiB');
    });

    it('root key (DER) and subnet id are those the HTTP interface reports', async () => {
        const keys = deriveDevKeys();
        expect(Buffer.from(replied(await query('root_key'))).equals(Buffer.from(keys.rootKeyDer))).toBe(true);
        expect(Principal.fromUint8Array(replied(await query('subnet'))).toText()).toBe(keys.subnetId.toText());
    });

    it('msg_deadline is 0 for ingress (guaranteed response)', async () => {
        expect(i64(replied(await update('deadline')))).toBe(0n);
    });

    it('environment variables come from the settings, sorted by name; a bad index traps', async () => {
        expect(i64(replied(await query('env_count')))).toBe(0n);
        expect(replied(await query('env_foo')).length).toBe(0);
        await pic.updateCanisterSettings({
            canisterId: id,
            environmentVariables: [
                { name: 'ZED', value: 'last' },
                { name: 'FOO', value: 'bar' }
            ]
        });
        expect(i64(replied(await query('env_count')))).toBe(2n);
        expect(text(replied(await query('env_first_name')))).toBe('FOO');
        expect(text(replied(await query('env_foo')))).toBe('bar');
        const o = await query('env_index_oob');
        expect(o).toMatchObject({ status: 'rejected', errorCode: 'IC0504' });
        expect(o.status === 'rejected' && o.rejectMessage).toContain('Variable index out of bounds');
    });

    it('mint_cycles128 traps outside the Cycles Minting Canister; cost_create_canister is the mainnet fee', async () => {
        expect(await update('mint')).toMatchObject({ status: 'rejected', errorCode: 'IC0504' });
        const fee = replied(await query('cost_create'));
        expect(new DataView(fee.buffer, fee.byteOffset).getBigUint64(0, true)).toBe(500_000_000_000n);
    });
});

describe('modules that do not validate or link', () => {
    const UNKNOWN_IMPORT = wat(`(module (import "ic0" "no_such_call" (func (param i32))) (memory (export "memory") 1))`);
    const WRONG_SIGNATURE = wat(`(module (import "ic0" "msg_reply" (func (param i32))) (memory (export "memory") 1))`);
    const OTHER_MODULE = wat(`(module (import "env" "abort" (func)) (memory (export "memory") 1))`);

    it.each([
        ['an unknown ic0 import', UNKNOWN_IMPORT, "Module imports function 'no_such_call' from 'ic0' that is not exported by the runtime"],
        ['a wrong signature', WRONG_SIGNATURE, "Expected input params [] for 'msg_reply', got [i32]"],
        ['an import from another module', OTHER_MODULE, "Module imports function 'abort' from 'env'"],
        ['bytes that are not Wasm', new Uint8Array([1, 2, 3, 4]), 'not valid']
    ])('%s: install_code rejects with IC0505 and the reason; the canister stays empty', async (_what, wasm, reason) => {
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        const e = (await pic.installCode({ canisterId, wasm }).catch((err: unknown) => err)) as Error;
        expect(e).toBeInstanceOf(Error);
        expect(e.message).toContain('IC0505');
        expect(e.message).toContain(reason);
        expect(pic.ic.canisterInfo(canisterId)?.moduleHash).toBeNull();
        expect(pic.ic.pendingIngress).toBe(0);
    });

    it('an upgrade to a module that does not link keeps the old module running', async () => {
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        await pic.installCode({ canisterId, wasm: ALL });
        const before = pic.ic.canisterInfo(canisterId)?.moduleHash;
        await expect(pic.upgradeCanister({ canisterId, wasm: UNKNOWN_IMPORT })).rejects.toThrow(/IC0505/);
        expect(pic.ic.canisterInfo(canisterId)?.moduleHash).toEqual(before);
        expect(replied(await pic.queryCallRaw({ canisterId, method: 'size32', arg: new Uint8Array(0) })).length).toBe(8);
    });
});
