// The same suite on localnet and (when POCKET_IC_BIN is set) on PocketIC.
import { Principal } from '@dfinity/principal';
import { beforeAll, expect, it } from 'vitest';

import { forEachTestEnv } from '../../src/testing/vitest.js';
import { probeIdl, probeWasm, type Probe } from './probe.js';

let wasm: Uint8Array;
beforeAll(() => {
    wasm = probeWasm();
});

forEachTestEnv('probe canister', (getEnv) => {
    it('updates, queries, trap rollback', async () => {
        const env = getEnv();
        const { actor } = await env.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        expect(await actor.inc()).toBe(1n);
        await expect(actor.incThenTrap()).rejects.toThrow(/IC0503/);
        expect(await actor.getCounter()).toBe(1n);
        await actor.put('a', 'b');
        await expect(actor.putThenTrap('c', 'd')).rejects.toThrow(/putThenTrap/);
        expect(await actor.get('c')).toEqual([]);
        expect(await actor.incInQuery()).toBe(2n);
        expect(await actor.getCounter()).toBe(1n);
    });

    it('timers fire after advanceTime and a tick', async () => {
        const env = getEnv();
        const { actor } = await env.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        await actor.scheduleTimer(10);
        await env.advanceTime(5_000);
        await env.tick(2);
        expect(await actor.stat('timer')).toBe(0n);
        await env.advanceTime(5_000);
        await env.tick(2);
        expect(await actor.stat('timer')).toBe(1n);
    });

    it('upgrade keeps stable memory; only controllers upgrade', async () => {
        const env = getEnv();
        const admin = Principal.fromUint8Array(new Uint8Array([7, 7]));
        const { actor, canisterId } = await env.setupCanister<Probe>({ idlFactory: probeIdl, wasm, sender: admin });
        await actor.put('k', 'v');
        await actor.inc();
        await expect(env.upgradeCanister({ canisterId, wasm, sender: Principal.anonymous() })).rejects.toThrow(/IC0512|controller/i);
        await env.upgradeCanister({ canisterId, wasm, sender: admin });
        expect(await actor.get('k')).toEqual(['v']);
        expect(await actor.getCounter()).toBe(0n);
    });

    it('identity switching and time', async () => {
        const env = getEnv();
        const { actor } = await env.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        const alice = Principal.fromUint8Array(new Uint8Array([0xa1]));
        actor.setPrincipal(alice);
        expect((await actor.whoami()).toText()).toBe(alice.toText());
        const t = await env.getTime();
        await env.setTime(t + 3_600_000);
        const now = await actor.now();
        expect(now).toBeGreaterThanOrEqual(BigInt(t + 3_600_000) * 1_000_000n);
        expect(now).toBeLessThan(BigInt(t + 3_601_000) * 1_000_000n);
    });
});
