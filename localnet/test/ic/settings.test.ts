// update_settings and canister_status with the current canister_settings record: every field is
// kept and reported; a bad field is refused (IC0408) and changes nothing.
import { Principal } from '@dfinity/principal';
import { beforeEach, describe, expect, it } from 'vitest';

import { LocalPocketIc } from '../../src/testing/pocket.js';

const alice = Principal.fromText('2vxsx-fae');
const bob = Principal.fromUint8Array(new Uint8Array([7, 7, 7]));

describe('canister settings', () => {
    let pic: LocalPocketIc;
    let canisterId: Principal;
    beforeEach(async () => {
        pic = await LocalPocketIc.create();
        canisterId = await pic.createCanister();
    });

    it('reports the IC defaults', async () => {
        const { settings } = await pic.canisterStatus({ canisterId });
        expect(settings).toMatchObject({
            compute_allocation: 0n,
            memory_allocation: 0n,
            freezing_threshold: 2_592_000n,
            reserved_cycles_limit: 5_000_000_000_000n,
            log_visibility: { controllers: null },
            snapshot_visibility: { controllers: null },
            wasm_memory_limit: 3n * 1024n ** 3n,
            wasm_memory_threshold: 0n,
            environment_variables: []
        });
        expect(settings.controllers.map((p) => p.toText())).toEqual([alice.toText()]);
    });

    it('update_settings changes only the fields given', async () => {
        await pic.updateCanisterSettings({
            canisterId,
            computeAllocation: 10n,
            memoryAllocation: 1n << 30n,
            freezingThreshold: 100n,
            reservedCyclesLimit: 0n,
            logVisibility: { allowed_viewers: [bob] },
            wasmMemoryLimit: 1n << 31n,
            wasmMemoryThreshold: 1n << 20n,
            environmentVariables: [{ name: 'B', value: '2' }, { name: 'A', value: '1' }]
        });
        await pic.updateCanisterSettings({ canisterId, freezingThreshold: 200n });
        const { settings } = await pic.canisterStatus({ canisterId });
        expect(settings).toMatchObject({
            compute_allocation: 10n,
            memory_allocation: 1n << 30n,
            freezing_threshold: 200n,
            reserved_cycles_limit: 0n,
            wasm_memory_limit: 1n << 31n,
            wasm_memory_threshold: 1n << 20n,
            environment_variables: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }]
        });
        expect('allowed_viewers' in settings.log_visibility && settings.log_visibility.allowed_viewers[0]?.toText()).toBe(bob.toText());
    });

    it.each([
        ['compute_allocation above 100', { computeAllocation: 101n }],
        ['more than 20 environment variables', { environmentVariables: Array.from({ length: 21 }, (_, i) => ({ name: `V${i}`, value: '' })) }],
        ['a duplicate environment variable', { environmentVariables: [{ name: 'X', value: '1' }, { name: 'X', value: '2' }] }],
        ['an environment variable value over 128 bytes', { environmentVariables: [{ name: 'X', value: 'x'.repeat(129) }] }],
        ['more than 10 controllers', { controllers: Array.from({ length: 11 }, () => alice) }]
    ])('refuses %s (IC0408) and changes nothing', async (_what, bad) => {
        const before = await pic.canisterStatus({ canisterId });
        await expect(pic.updateCanisterSettings({ canisterId, freezingThreshold: 1n, ...bad })).rejects.toThrow(/IC0408/);
        expect((await pic.canisterStatus({ canisterId })).settings).toEqual(before.settings);
    });

    it('only controllers change settings (IC0512)', async () => {
        await expect(pic.updateCanisterSettings({ canisterId, freezingThreshold: 1n, sender: bob })).rejects.toThrow(/IC0512/);
    });

    it('create_canister applies the settings given, and refuses bad ones without creating', async () => {
        const id = await pic.createCanister({ controllers: [bob], environmentVariables: [{ name: 'K', value: 'v' }] });
        const { settings } = await pic.canisterStatus({ canisterId: id, sender: bob });
        expect(settings.environment_variables).toEqual([{ name: 'K', value: 'v' }]);
        const count = pic.ic.canisterIds().length;
        await expect(pic.createCanister({ computeAllocation: 1000n })).rejects.toThrow(/IC0408/);
        expect(pic.ic.canisterIds().length).toBe(count);
    });
});
