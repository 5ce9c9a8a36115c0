// 64-bit Wasm (memory64, which current Motoko emits): run where this Node.js can (the System API's
// `I` is then i64), otherwise refused at install with an IC-style reject naming the limit.
import binaryen from 'binaryen';
import { describe, expect, it } from 'vitest';

import { SUPPORTS } from '../../src/ic/module.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';

function wat64(text: string): Uint8Array {
    const m = binaryen.parseText(text);
    m.setFeatures(binaryen.Features.MVP | binaryen.Features.Memory64 | binaryen.Features.MutableGlobals | binaryen.Features.SignExt);
    if (!m.validate()) throw new Error('invalid wat');
    const bytes = new Uint8Array(m.emitBinary());
    m.dispose();
    return bytes;
}

const ECHO64 = wat64(`(module
  (import "ic0" "msg_arg_data_size" (func $size (result i64)))
  (import "ic0" "msg_arg_data_copy" (func $copy (param i64 i64 i64)))
  (import "ic0" "msg_reply_data_append" (func $append (param i64 i64)))
  (import "ic0" "msg_reply" (func $reply))
  (memory (export "memory") i64 1)
  (func (export "canister_update echo")
    (call $copy (i64.const 100) (i64.const 0) (call $size))
    (call $append (i64.const 100) (call $size))
    (call $reply))
)`);

const WRONG_WIDTH = wat64(`(module
  (import "ic0" "msg_reply_data_append" (func (param i32 i32)))
  (memory (export "memory") i64 1)
)`);

describe('memory64 modules', () => {
    it.runIf(!SUPPORTS.memory64)('are refused at install with IC0505 naming the Node.js limit (this Node.js has no memory64)', async () => {
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        const e = (await pic.installCode({ canisterId, wasm: ECHO64 }).catch((err: unknown) => err)) as Error;
        expect(e.message).toContain('IC0505');
        expect(e.message).toContain('memory64');
        expect(e.message).toContain(`Node.js ${process.version}`);
        expect(e.message).toContain('Node.js 24 or later');
        expect(pic.ic.canisterInfo(canisterId)?.moduleHash).toBeNull();
    });

    it.runIf(SUPPORTS.memory64)('run, with 64-bit System API addresses and sizes', async () => {
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        await pic.installCode({ canisterId, wasm: ECHO64 });
        const reply = await pic.updateCall({ canisterId, method: 'echo', arg: new Uint8Array([1, 2, 3]) });
        expect([...reply]).toEqual([1, 2, 3]);
    });

    it('a 64-bit module importing the 32-bit signatures is refused (IC0505)', async () => {
        const pic = await LocalPocketIc.create();
        const canisterId = await pic.createCanister();
        await expect(pic.installCode({ canisterId, wasm: WRONG_WIDTH })).rejects.toThrow(/Expected input params \[i64, i64\] for .msg_reply_data_append.*IC0505/);
    });
});
