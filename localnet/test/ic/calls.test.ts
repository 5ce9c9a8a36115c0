import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Actor } from '../../src/testing/actor.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';
import { probeIdl, probeWasm, type Probe } from './probe.js';

let wasm: Uint8Array;
beforeAll(() => {
    wasm = probeWasm();
});

describe('inter-canister calls', () => {
    let pic: LocalPocketIc;
    let a: Actor<Probe>;
    let b: Actor<Probe>;
    let aId: Principal;
    let bId: Principal;

    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        ({ actor: a, canisterId: aId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm }));
        ({ actor: b, canisterId: bId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm }));
    });

    it('calls another canister and gets the reply', async () => {
        expect(await a.callInc(bId, 'inc')).toEqual({ Ok: '1' });
        expect(await a.callInc(bId, 'inc')).toEqual({ Ok: '2' });
        expect(await b.getCounter()).toBe(2n);
        expect(await a.getCounter()).toBe(0n);
    });

    it('self-calls work', async () => {
        expect(await a.selfCall()).toBe(1n);
        expect(await a.getCounter()).toBe(1n);
    });

    it('calls a query method as an update (replicated query): changes discarded', async () => {
        expect(await a.callInc(bId, 'incInQuery')).toEqual({ Ok: '1' });
        expect(await b.getCounter()).toBe(0n);
    });

    it('a trap in the callee rejects the call with code 5 and the trap message', async () => {
        const r = await a.callInc(bId, 'incThenTrap');
        expect(r).toMatchObject({ Err: { code: 5 } });
        expect('Err' in r && r.Err.message).toContain('incThenTrap');
        expect(await b.getCounter()).toBe(0n);
    });

    it('unknown canister → DestinationInvalid (3); unknown method → CanisterError (5)', async () => {
        const missing = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
        expect(await a.callInc(missing, 'inc')).toMatchObject({ Err: { code: 3 } });
        const r = await a.callInc(bId, 'nope');
        expect(r).toMatchObject({ Err: { code: 5 } });
        expect('Err' in r && r.Err.message).toContain("has no update method 'nope'");
    });

    it('a trap in the callback after await keeps the changes made before the await', async () => {
        await expect(a.callThenTrap(bId)).rejects.toThrow(/trap after await/);
        expect(await b.getCounter()).toBe(1n); // the callee ran
        expect(await a.stat('beforeAwait')).toBe(1n);
        expect(await a.stat('afterAwait')).toBe(0n);
        expect(await a.getCounter()).toBe(1n); // +1 before await kept, +100 after rolled back
        // the canister keeps working
        expect(await a.inc()).toBe(2n);
    });

    it('interleaves submitted calls', async () => {
        const deferred = pic.createDeferredActor<Probe>(probeIdl, aId);
        const first = await deferred.callInc(bId, 'inc');
        const second = await deferred.inc();
        expect(pic.ic.queueLength).toBe(2);
        await pic.tick();
        expect(await first()).toEqual({ Ok: '1' });
        expect(await second()).toBe(1n);
        const h = pic.submitCall({ canisterId: bId, method: 'inc' });
        expect(h.peek()).toBeUndefined();
        await pic.tick();
        expect(h.peek()?.status).toBe('replied');
        await h.result();
    });

    it('stop_canister waits for open call contexts, which still get their responses', async () => {
        const deferred = pic.createDeferredActor<Probe>(probeIdl, aId);
        const call = await deferred.callInc(bId, 'inc');
        const stop = pic.submitCall({
            canisterId: Principal.managementCanister(),
            method: 'stop_canister',
            arg: new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: aId }]))
        });
        await pic.tick();
        expect(await call()).toEqual({ Ok: '1' });
        await stop.result();
        expect(pic.ic.canisterInfo(aId)!.status).toBe('stopped');
        await expect(a.inc()).rejects.toThrow(/IC0508/);
    });

    it('transfers cycles: attach, accept half, refund the rest', async () => {
        const aBefore = await pic.getCyclesBalance(aId);
        const bBefore = await pic.getCyclesBalance(bId);
        expect(await a.sendCycles(bId, 1_000_000n)).toEqual({ Ok: '500000:500000' });
        expect(await pic.getCyclesBalance(bId)).toBe(bBefore + 500_000n);
        expect(await pic.getCyclesBalance(aId)).toBe(aBefore - 500_000n);
        expect(await b.balance()).toBe(bBefore + 500_000n);
        // more than the balance: the call is not made (trap in call_cycles_add)
        const r = await a.sendCycles(bId, aBefore * 2n).catch((e: Error) => e);
        expect(String(r instanceof Error ? r.message : JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? v.toString() : v)))).toMatch(
            /insufficient|cycles|Err/i
        );
    });

    it('canister_inspect_message refuses ingress but not inter-canister calls', async () => {
        await expect(a.refusedByInspect()).rejects.toThrow(/IC0406/);
        const o = await pic.updateCallRaw({ canisterId: aId, method: 'refusedByInspect' });
        expect(o).toMatchObject({ status: 'rejected', rejectCode: 4, errorCode: 'IC0406' });
        // inter-canister: no inspection; the method runs (callInc then fails to decode null as nat64)
        const r = await b.callInc(aId, 'refusedByInspect').catch((e: Error) => e.message);
        expect(JSON.stringify(r)).not.toMatch(/IC0406|rejected the message/);
    });

    it('ingress accepts no cycles', async () => {
        expect(await a.acceptCycles()).toBe(0n);
    });
});
