import { describe, expect, it } from 'vitest';

import { configCodec, contractCodec, jsFrameText, providerCodec, unframeText } from '../../src/platform/codec';
import { RecordTooNew, recordLayout, split } from '../../src/kernel/record';

type Point = { x: number; y: number };
// Version 1 stored [x]; version 2 added y (0 for what version 1 wrote).
const point = recordLayout<Point>('point', 2, (p) => [p.x, p.y], (a, v) => ({ x: a[0], y: v >= 2 ? a[1] : 0 }));

describe('versioned record layouts', () => {
    it('writes the version at the head, except version 1 whose text is plain JSON', () => {
        expect(point.write({ x: 1, y: 2 })).toBe('v2:[1,2]');
        expect(recordLayout<number[]>('plain', 1, (a) => a, (a) => a).write([1])).toBe('[1]');
    });

    it('reads text without a head as version 1 and upgrades it while decoding', () => {
        expect(point.read('[5]')).toEqual({ x: 5, y: 0 });
        expect(point.read('v2:[5,6]')).toEqual({ x: 5, y: 6 });
        // JSON that begins with a digit or a quote is version 1 too (values such as scores are numbers).
        expect(split('73')).toEqual({ found: 1, json: '73' });
        expect(split('"text"')).toEqual({ found: 1, json: '"text"' });
    });

    it('refuses a version newer than the build knows, naming the record', () => {
        expect(() => point.read('v3:[5,6,7]')).toThrow(RecordTooNew);
        expect(() => point.read('v3:[5,6,7]')).toThrow(/point record has layout version 3; this build reads up to version 2/);
        expect(() => point.read('vx:[1]')).toThrow(/malformed/);
        expect(() => point.read('v1:[1]')).toThrow(/malformed/);
    });

    it('the config is version 3; a version 1 config (relays only, from before the reporter list) is still read, with the default listing fee', () => {
        const legacy = jsFrameText(JSON.stringify([[['ICP', 'ryjl3-tyaaa-aaaaa-aaaba-cai', 8, '10000']], '3600000000000', 25, ['aaaaa-aa'], null, 0]));
        const c = configCodec.fromBytes(legacy);
        expect(c.reporters).toEqual([{ principal: 'aaaaa-aa', roles: ['relay'], addedAt: 0n, addedBy: '' }]);
        expect(c.feeBps).toBe(25);
        // Written before listing fees: one unit of the first token.
        expect(c.listingFee).toEqual({ token: 'ICP', amount: 100_000_000n });
        expect(unframeText(configCodec.toBytes(c))).toMatch(/^v3:\[/);
        expect(configCodec.fromBytes(configCodec.toBytes(c))).toEqual(c);
        expect(configCodec.layout.version).toBe(3);
    });

    it('a version 1 provider (registered before listing fees) reads as listed since its registration, for 0', () => {
        const legacy = jsFrameText(JSON.stringify(['p-1', 'Acme', '', '', [], ['p-1', ''], '5', '7']));
        const p = providerCodec.fromBytes(legacy);
        expect(p.listing).toEqual({ listedAt: 5n, token: '', amount: 0n, block: null, pull: null });
        const paying = { ...p, listing: { listedAt: null, token: 'ICP', amount: 0n, block: null, pull: { amount: 9n, createdAtTime: 3n, memo: Uint8Array.of(6, 0), uncertain: true, token: 'ICP', to: { owner: 'fees', subaccount: null } } } };
        expect(unframeText(providerCodec.toBytes(paying))).toMatch(/^v2:\[/);
        expect(providerCodec.fromBytes(providerCodec.toBytes(paying))).toEqual(paying);
    });
});
