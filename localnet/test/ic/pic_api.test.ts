// The pic-js API surface beyond calls: default effective canister id, topology, subnet key and
// certified time, with pic-js's names and shapes.
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';

import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { LocalPocketIc } from '../../src/testing/pocket.js';

describe('pic-js topology and time API', () => {
    it('the default effective canister id lies in the one subnet range, and is where ids start', async () => {
        const pic = await LocalPocketIc.create();
        const id = await pic.getDefaultEffectiveCanisterId();
        expect(id).toBeInstanceOf(Principal);
        expect((await pic.getDefaultEffectiveCanisterId()).toText()).toBe(id.toText());
        const topology = await pic.getTopology();
        expect(topology).toHaveLength(1);
        expect(topology[0]).toMatchObject({ type: 'Application', id: deriveDevKeys().subnetId });
        expect(topology.some((s) => s.canisterRanges.some((r) => id.gtEq(r.start) && id.ltEq(r.end)))).toBe(true);
        expect((await pic.createCanister()).toText()).toBe(id.toText());
    });

    it('canister subnet and subnet public key', async () => {
        const pic = await LocalPocketIc.create();
        const id = await pic.createCanister();
        const subnet = await pic.getCanisterSubnetId(id);
        expect(subnet?.toText()).toBe(deriveDevKeys().subnetId.toText());
        expect(await pic.getCanisterSubnetId(Principal.fromText('ryjl3-tyaaa-aaaaa-aaaba-cai'))).toBeNull();
        expect(Buffer.from(await pic.getPubKey(subnet!)).equals(Buffer.from(deriveDevKeys().rootPublicKey))).toBe(true);
        await expect(pic.getPubKey(Principal.anonymous())).rejects.toThrow(/not found/);
    });

    it('certified time moves like time; resetTime goes to the wall clock, never backwards', async () => {
        const pic = await LocalPocketIc.create();
        const start = await pic.getTime();
        await pic.setCertifiedTime(start + 1000);
        expect(await pic.getTime()).toBe(start + 1000);
        await pic.advanceCertifiedTime(500);
        expect(await pic.getTime()).toBe(start + 1500);
        await pic.advanceCertifiedTime(0);
        expect(await pic.getTime()).toBe(start + 1500);
        await pic.resetTime();
        expect(Math.abs((await pic.getTime()) - Date.now())).toBeLessThan(5000);
        await pic.setTime(Date.now() + 86_400_000);
        const ahead = await pic.getTime();
        await pic.resetCertifiedTime();
        expect(await pic.getTime()).toBe(ahead);
        await expect(pic.setTime(new Date('2000-01-01'))).rejects.toThrow(/backwards/);
    });
});
