import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { IDL } from '@dfinity/candid';
import { Principal } from '@dfinity/principal';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';

import type { Actor } from '../../src/testing/actor.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';
import type { Certifier } from '../../src/types.js';
import { probeIdl, probeWasm, type Probe } from './probe.js';

let wasm: Uint8Array;
beforeAll(() => {
    wasm = probeWasm();
});

const admin = Principal.fromUint8Array(new Uint8Array([0xad, 0x01]));
const mallory = Principal.fromUint8Array(new Uint8Array([0x66, 0x02]));

describe('timers', () => {
    let pic: LocalPocketIc;
    let actor: Actor<Probe>;
    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        ({ actor } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm }));
    });

    it('setTimer fires after advanceTime + tick, not before', async () => {
        await actor.scheduleTimer(60);
        await pic.tick();
        expect(await actor.stat('timer')).toBe(0n);
        await pic.advanceTime(59_000);
        await pic.tick();
        expect(await actor.stat('timer')).toBe(0n);
        await pic.advanceTime(1_000);
        await pic.tick();
        expect(await actor.stat('timer')).toBe(1n);
        await pic.advanceTime(600_000);
        await pic.tick(3);
        expect(await actor.stat('timer')).toBe(1n);
    });

    it('setTimerInterval repeats', async () => {
        await actor.scheduleInterval(10);
        for (let i = 0; i < 5; i++) {
            await pic.advanceTime(10_000);
            await pic.tick();
        }
        expect(await actor.stat('ticks')).toBe(5n);
    });

    it('timers are re-armed in postUpgrade', async () => {
        const canisterId = (await pic.ic.canisterIds())[0]!;
        await actor.scheduleInterval(10);
        await pic.advanceTime(10_000);
        await pic.tick();
        expect(await actor.stat('ticks')).toBe(1n);
        await pic.upgradeCanister({ canisterId, wasm });
        await pic.advanceTime(10_000);
        await pic.tick();
        expect(await actor.stat('ticks')).toBe(2n);
        expect(await actor.stat('upgrades')).toBe(1n);
    });

    it('runUntilIdle runs due timers', async () => {
        await actor.scheduleTimer(1);
        await pic.advanceTime(1_000);
        await pic.runUntilIdle();
        expect(await actor.stat('timer')).toBe(1n);
    });
});

describe('upgrade, reinstall, management canister', () => {
    let pic: LocalPocketIc;
    let actor: Actor<Probe>;
    let canisterId: Principal;
    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        ({ actor, canisterId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm, sender: admin }));
    });

    it('upgrade keeps stable memory and resets the heap', async () => {
        await actor.inc();
        await actor.put('k', 'v');
        await pic.upgradeCanister({ canisterId, wasm, sender: admin });
        expect(await actor.getCounter()).toBe(0n);
        expect(await actor.get('k')).toEqual(['v']);
        expect(await actor.stat('upgrades')).toBe(1n);
        expect(await actor.stat('inits')).toBe(1n);
    });

    it('reinstall wipes stable memory', async () => {
        await actor.put('k', 'v');
        await pic.reinstallCode({ canisterId, wasm, sender: admin });
        expect(await actor.get('k')).toEqual([]);
        expect(await actor.stat('inits')).toBe(1n);
    });

    it('only controllers may install, upgrade, stop, read status or change settings', async () => {
        await expect(pic.upgradeCanister({ canisterId, wasm, sender: mallory })).rejects.toThrow(/IC0512/);
        await expect(pic.reinstallCode({ canisterId, wasm, sender: mallory })).rejects.toThrow(/Only controllers of canister/);
        await expect(pic.stopCanister({ canisterId, sender: mallory })).rejects.toThrow(/IC0512/);
        await expect(pic.canisterStatus({ canisterId, sender: mallory })).rejects.toThrow(/IC0512/);
        await expect(pic.updateCanisterSettings({ canisterId, controllers: [mallory], sender: mallory })).rejects.toThrow(/IC0512/);
        await pic.updateCanisterSettings({ canisterId, controllers: [admin, mallory], sender: admin });
        expect((await pic.getControllers(canisterId)).map((p) => p.toText()).sort()).toEqual([admin.toText(), mallory.toText()].sort());
        await pic.upgradeCanister({ canisterId, wasm, sender: mallory });
    });

    it('canister_status reports module hash, controllers, cycles, status', async () => {
        const status = (await pic.canisterStatus({ canisterId, sender: admin })) as {
            status: Record<string, null>;
            module_hash: [Uint8Array] | [];
            settings: { controllers: Principal[] };
            cycles: bigint;
            memory_size: bigint;
        };
        expect(Object.keys(status.status)).toEqual(['running']);
        expect(status.module_hash[0]).toEqual(pic.ic.canisterInfo(canisterId)!.moduleHash);
        expect(status.settings.controllers.map((p) => p.toText())).toEqual([admin.toText()]);
        expect(status.cycles).toBeGreaterThan(0n);
        expect(status.memory_size).toBeGreaterThan(0n);
    });

    it('stop, start, delete', async () => {
        await pic.stopCanister({ canisterId, sender: admin });
        await expect(actor.inc()).rejects.toThrow(/IC0508/);
        await expect(actor.getCounter()).rejects.toThrow(/IC0508/);
        await pic.startCanister({ canisterId, sender: admin });
        expect(await actor.inc()).toBe(1n);
        const del = (sender: Principal) =>
            pic.updateCall({
                canisterId: Principal.managementCanister(),
                method: 'delete_canister',
                arg: new Uint8Array(IDL.encode([IDL.Record({ canister_id: IDL.Principal })], [{ canister_id: canisterId }])),
                sender
            });
        await expect(del(admin)).rejects.toThrow(/must be stopped/);
        await pic.stopCanister({ canisterId, sender: admin });
        await del(admin);
        await expect(actor.inc()).rejects.toThrow(/IC0301/);
    });

    it('canisters call the management canister (controller check applies to canister callers)', async () => {
        const { actor: other, canisterId: otherId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        const r = await other.statusOf(canisterId);
        expect(r).toMatchObject({ Err: { code: 5 } });
        expect('Err' in r && r.Err.message).toContain('Only controllers');
        await pic.updateCanisterSettings({ canisterId, controllers: [admin, otherId], sender: admin });
        const ok = await other.statusOf(canisterId);
        expect('Ok' in ok && BigInt(ok.Ok)).toBeGreaterThan(0n);
        const rand = await other.rawRand();
        expect(rand.length).toBe(32);
    });

    it('installs a module uploaded in chunks (upload_chunk + install_chunked_code)', async () => {
        const mgmt = Principal.managementCanister();
        const id = await pic.createCanister({ sender: admin });
        const ChunkHash = IDL.Record({ hash: IDL.Vec(IDL.Nat8) });
        const hashes: Uint8Array[] = [];
        for (let off = 0; off < wasm.length; off += 1_000_000) {
            const reply = await pic.updateCall({
                canisterId: mgmt,
                method: 'upload_chunk',
                sender: admin,
                arg: new Uint8Array(
                    IDL.encode([IDL.Record({ canister_id: IDL.Principal, chunk: IDL.Vec(IDL.Nat8) })], [
                        { canister_id: id, chunk: wasm.subarray(off, off + 1_000_000) }
                    ])
                )
            });
            hashes.push(Uint8Array.from((IDL.decode([ChunkHash], reply)[0] as unknown as { hash: Uint8Array }).hash));
        }
        const { createHash } = await import('node:crypto');
        const InstallChunked = IDL.Record({
            arg: IDL.Vec(IDL.Nat8),
            wasm_module_hash: IDL.Vec(IDL.Nat8),
            mode: IDL.Variant({ install: IDL.Null, reinstall: IDL.Null }),
            chunk_hashes_list: IDL.Vec(ChunkHash),
            target_canister: IDL.Principal,
            store_canister: IDL.Opt(IDL.Principal),
            sender_canister_version: IDL.Opt(IDL.Nat64)
        });
        const args = {
            arg: new Uint8Array(IDL.encode([], [])),
            wasm_module_hash: new Uint8Array(createHash('sha256').update(wasm).digest()),
            mode: { install: null },
            chunk_hashes_list: hashes.map((hash) => ({ hash })),
            target_canister: id,
            store_canister: [],
            sender_canister_version: []
        };
        await expect(
            pic.updateCall({ canisterId: mgmt, method: 'install_chunked_code', sender: mallory, arg: new Uint8Array(IDL.encode([InstallChunked], [args])) })
        ).rejects.toThrow(/IC0512/);
        await pic.updateCall({ canisterId: mgmt, method: 'install_chunked_code', sender: admin, arg: new Uint8Array(IDL.encode([InstallChunked], [args])) });
        expect(await pic.createActor<Probe>(probeIdl, id).inc()).toBe(1n);
        expect(pic.ic.canisterInfo(id)!.moduleHash).toEqual(args.wasm_module_hash);
    });

    it('an invalid module is refused and the canister is unchanged', async () => {
        await actor.put('k', 'v');
        await actor.inc();
        const bad = new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 0xff]);
        await expect(pic.upgradeCanister({ canisterId, wasm: bad, sender: admin })).rejects.toThrow(/IC0505/);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.get('k')).toEqual(['v']);
    });

    it('a trap in post_upgrade rolls the whole upgrade back (heap, stable memory, pre_upgrade)', async () => {
        await actor.put('k', 'v');
        await actor.inc();
        await actor.setStat('failPostUpgrade', 1n);
        await expect(pic.upgradeCanister({ canisterId, wasm, sender: admin })).rejects.toThrow(/post_upgrade refuses/);
        expect(await actor.getCounter()).toBe(1n); // old heap still there
        expect(await actor.stat('upgrades')).toBe(0n);
        expect(await actor.stat('preUpgrades')).toBe(0n);
        await actor.setStat('failPostUpgrade', 0n);
        await pic.upgradeCanister({ canisterId, wasm, sender: admin });
        expect(await actor.stat('upgrades')).toBe(1n);
        expect(await actor.stat('preUpgrades')).toBe(1n);
        expect(await actor.get('k')).toEqual(['v']);
    });

    it('a trap in pre_upgrade fails the upgrade; skip_pre_upgrade bypasses it', async () => {
        await actor.inc();
        await actor.setStat('failPreUpgrade', 1n);
        await expect(pic.upgradeCanister({ canisterId, wasm, sender: admin })).rejects.toThrow(/pre_upgrade refuses/);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.stat('preUpgrades')).toBe(0n);
        await pic.upgradeCanister({ canisterId, wasm, sender: admin, upgradeModeOptions: { skip_pre_upgrade: [true] } });
        expect(await actor.getCounter()).toBe(0n);
        expect(await actor.stat('upgrades')).toBe(1n);
    });
});

describe('instruction limits', () => {
    it('a message looping forever traps with IC0522 and is rolled back', async () => {
        const pic = await LocalPocketIc.create();
        const { actor } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        await actor.inc();
        await expect(actor.loopForeverQuery()).rejects.toThrow(/IC0522.*|exceeded the limit of 5000000000 instructions/);
        await expect(actor.loopForever()).rejects.toThrow(/exceeded the limit of 40000000000 instructions/);
        expect(pic.lastInstructions).toBeGreaterThanOrEqual(40_000_000_000n);
        expect(await actor.getCounter()).toBe(1n);
        expect(await actor.get('loop')).toEqual([]);
        expect(await actor.inc()).toBe(2n);
    }, 600_000);

    it('counts instructions per call', async () => {
        const pic = await LocalPocketIc.create();
        const { actor } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        const small = await actor.work(10);
        const smallTotal = pic.lastInstructions;
        const big = await actor.work(100_000);
        expect(big).toBeGreaterThan(small);
        expect(pic.lastInstructions).toBeGreaterThan(smallTotal);
        expect(smallTotal).toBeGreaterThanOrEqual(small);
        expect(await actor.instructionsQuery()).toBeGreaterThan(0n);
    });

    it('tells observers of every execution with its instructions, until they stop observing', async () => {
        const pic = await LocalPocketIc.create();
        const { actor, canisterId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        const seen: { id: string; kind: string; instructions: bigint }[] = [];
        const stop = pic.ic.observeExecutions((x) => seen.push({ id: x.canisterId.toText(), kind: x.kind, instructions: x.instructions }));
        await actor.work(100_000);
        const updates = seen.filter((x) => x.id === canisterId.toText() && x.kind === 'update');
        // The call's own execution, among the timer's, the inspection's and the replies' of the round.
        expect(updates.map((x) => x.instructions)).toContain(pic.lastInstructions);
        expect(seen.some((x) => x.kind === 'inspect')).toBe(true);
        const count = seen.length;
        stop();
        await actor.work(10);
        expect(seen).toHaveLength(count);
    });
});

describe('certified data', () => {
    it('is readable in a query through the data certificate, not in updates', async () => {
        const seen: { data: string; time: bigint }[] = [];
        const certifier: Certifier = {
            dataCertificate(canisterId, data, timeNs) {
                seen.push({ data: Buffer.from(data).toString('hex'), time: timeNs });
                return new TextEncoder().encode(`cert:${canisterId.toText()}:${Buffer.from(data).toString('hex')}`);
            }
        };
        const pic = await LocalPocketIc.create({ certifier });
        const { actor, canisterId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        await actor.setCertified(new Uint8Array([1, 2, 3]));
        const [cert] = await actor.certificate();
        expect(new TextDecoder().decode(cert)).toBe(`cert:${canisterId.toText()}:010203`);
        expect(await actor.certificateInUpdate()).toBe(false);
        expect(pic.ic.canisterInfo(canisterId)!.certifiedData).toEqual(new Uint8Array([1, 2, 3]));
    });

    it('no certificate without a certifier', async () => {
        const pic = await LocalPocketIc.create();
        const { actor } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm });
        expect(await actor.certificate()).toEqual([]);
    });
});

describe('persistence', () => {
    it('saves and loads canisters with heap, stable memory, timers, time and ids', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'localnet-state-'));
        try {
            const pic = await LocalPocketIc.create();
            const { actor, canisterId } = await pic.setupCanister<Probe>({ idlFactory: probeIdl, wasm, sender: admin });
            await actor.inc();
            await actor.inc();
            await actor.put('k', 'v');
            await actor.setCertified(new Uint8Array([9]));
            await actor.scheduleTimer(30);
            await pic.saveState(dir);
            await actor.inc(); // after save: lost
            const t = await pic.getTime();

            const pic2 = await LocalPocketIc.loadState(dir);
            const actor2 = pic2.createActor<Probe>(probeIdl, canisterId);
            expect(await pic2.getTime()).toBe(t);
            expect(await actor2.getCounter()).toBe(2n);
            expect(await actor2.get('k')).toEqual(['v']);
            expect(pic2.ic.canisterInfo(canisterId)!.certifiedData).toEqual(new Uint8Array([9]));
            expect((await pic2.getControllers(canisterId)).map((p) => p.toText())).toEqual([admin.toText()]);
            await pic2.advanceTime(30_000);
            await pic2.tick();
            expect(await actor2.stat('timer')).toBe(1n);
            const next = await pic2.createCanister();
            expect(next.toText()).not.toBe(canisterId.toText());
            // incremental save: only changed canisters are rewritten
            expect(await actor2.inc()).toBe(3n);
            await pic2.saveState(dir);
            const pic3 = await LocalPocketIc.loadState(dir);
            expect(await pic3.createActor<Probe>(probeIdl, canisterId).getCounter()).toBe(3n);
            expect(pic3.ic.canisterIds().length).toBe(2);
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });
});
