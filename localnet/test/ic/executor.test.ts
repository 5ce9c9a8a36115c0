import { Principal } from '@dfinity/principal';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { CallRejectedError } from '../../src/testing/actor.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';
import type { Actor } from '../../src/testing/actor.js';
import { probeIdl, probeWasm, type Probe } from './probe.js';

let wasm: Uint8Array;
beforeAll(() => {
    wasm = probeWasm();
});

describe('executor: updates, queries, traps', () => {
    let pic: LocalPocketIc;
    let actor: Actor<Probe>;
    let canisterId: Principal;

    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        ({ actor, canisterId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm }));
    });

    it('runs updates and queries', async () => {
        expect(await actor.inc()).toBe(1n);
        expect(await actor.inc()).toBe(2n);
        expect(await actor.getCounter()).toBe(2n);
        await actor.put('a', 'b');
        expect(await actor.get('a')).toEqual(['b']);
        expect(await actor.get('zz')).toEqual([]);
        expect((await actor.self()).toText()).toBe(canisterId.toText());
        expect(await actor.stat('inits')).toBe(1n);
    });

    it('rolls back the heap on a trap', async () => {
        await actor.inc();
        await expect(actor.incThenTrap()).rejects.toThrow(/IC0503/);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.inc()).toBe(2n);
    });

    it('rolls back stable memory on a trap (StableBTreeMap insert)', async () => {
        await actor.put('keep', '1');
        await expect(actor.putThenTrap('gone', '2')).rejects.toThrow(/putThenTrap/);
        expect(await actor.get('gone')).toEqual([]);
        expect(await actor.get('keep')).toEqual(['1']);
        expect(await actor.len()).toBe(1n);
        // many pages written, then trap
        await expect(actor.putManyThenTrap(200, 2000)).rejects.toThrow(/IC0503/);
        expect(await actor.len()).toBe(1n);
        await actor.putMany(200, 2000);
        expect(await actor.len()).toBe(201n);
    });

    it('rolls back a heap that grew during the trapping message', async () => {
        const before = pic.ic.canister(canisterId)!.runtime!.heapSize;
        await actor.inc();
        await expect(actor.growHeapThenTrap(40)).rejects.toThrow(/growHeapThenTrap/);
        const after = pic.ic.canister(canisterId)!.runtime!.heapSize;
        expect(after).toBeLessThan(before + 40 * 1024 * 1024);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.inc()).toBe(2n);
        await actor.put('x', 'y');
        expect(await actor.get('x')).toEqual(['y']);
    });

    it('trap errors carry reject code 5 and the message', async () => {
        const err = await actor.incThenTrap().catch((e: unknown) => e);
        expect(err).toBeInstanceOf(CallRejectedError);
        const e = err as CallRejectedError;
        expect(e.rejectCode).toBe(5);
        expect(e.errorCode).toBe('IC0503');
        expect(e.rejectMessage).toContain('incThenTrap');
        expect(e.message).toContain('IC0503');
    });

    it("discards a query's changes", async () => {
        await actor.inc();
        expect(await actor.incInQuery()).toBe(2n);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.get('query')).toEqual([]);
    });

    it('in_replicated_execution is 1 in updates, 0 in queries', async () => {
        expect(await actor.replicatedUpdate()).toBe(true);
        expect(await actor.replicatedQuery()).toBe(false);
    });

    it('reports the caller and switches identities', async () => {
        expect((await actor.whoami()).toText()).toBe(Principal.anonymous().toText());
        const alice = Principal.fromUint8Array(new Uint8Array([1, 2, 3, 4, 5]));
        actor.setPrincipal(alice);
        expect((await actor.whoami()).toText()).toBe(alice.toText());
        expect((await actor.whoamiUpdate()).toText()).toBe(alice.toText());
        expect(await actor.callerIsController()).toBe(false);
        actor.setPrincipal(Principal.anonymous());
        expect(await actor.callerIsController()).toBe(true); // setupCanister's sender is the controller
    });

    it('rejects unknown methods with IC0536 and unknown canisters with code 3', async () => {
        const o = await pic.updateCallRaw({ canisterId, method: 'nope' });
        expect(o).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0536' });
        const q = await pic.queryCallRaw({ canisterId, method: 'nope' });
        expect(q).toMatchObject({ status: 'rejected', rejectCode: 5, errorCode: 'IC0536' });
        const missing = Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai');
        const u = await pic.updateCallRaw({ canisterId: missing, method: 'inc' });
        expect(u).toMatchObject({ status: 'rejected', rejectCode: 3, errorCode: 'IC0301' });
    });

    it('time is controllable', async () => {
        const t0 = await pic.getTime();
        expect(await actor.now()).toBe(BigInt(t0) * 1_000_000n);
        await pic.advanceTime(5_000);
        expect(await actor.now()).toBe(BigInt(t0 + 5_000) * 1_000_000n);
        await pic.setTime(new Date('2030-01-01T00:00:00Z'));
        expect(await actor.now()).toBe(BigInt(Date.parse('2030-01-01T00:00:00Z')) * 1_000_000n);
        await expect(pic.setTime(0)).rejects.toThrow(/backwards/);
    });

    it('keeps a trapped update in the canister log, numbered, and not a trapped query', async () => {
        expect(pic.logs(canisterId)).toEqual([]);
        await expect(actor.incThenTrap()).rejects.toThrow(/IC0503/);
        await expect(actor.incThenTrap()).rejects.toThrow(/IC0503/);
        const logs = pic.logs(canisterId);
        expect(logs.map((l) => l.idx)).toEqual([0n, 1n]);
        expect(logs[0]!.message).toMatch(/^\[TRAP\]: .*incThenTrap/);
        expect(logs[0]!.timeNs).toBe(BigInt(await pic.getTime()) * 1_000_000n);
        await expect(pic.queryCallRaw({ canisterId, method: 'incThenTrap' })).resolves.toMatchObject({ status: 'rejected' });
        expect(pic.logs(canisterId)).toHaveLength(2);
    });
});
