// getProviders: the providers of one page by principal, so that a page of offerings names its
// providers without listing every provider ever registered (registering is free).
import { Principal } from '@dfinity/principal';
import { describe, expect, it } from 'vitest';
import { anonymous, errKind, ok, profile, provider, stranger, world } from './fixture';

const sybil = (i: number) => Principal.fromUint8Array(new Uint8Array([0x5b, i >> 8, i & 0xff]));

describe('getProviders', () => {
    it('answers in the order asked, none for a principal that is no provider, and costs the same however many are registered', async () => {
        const w = await world();
        ok(await w.as(provider).registerProvider(profile(provider)));
        const anon = w.as(anonymous);
        const page = [stranger, provider, provider];
        const r = ok<any[]>(await anon.getProviders(page));
        expect(r.map((p) => (p.length === 0 ? null : p[0].id.toText()))).toEqual([null, provider.toText(), provider.toText()]);
        expect(r[1][0].name).toBe('Acme Cloud');
        // A stranger does not read the payout account (as with getProvider).
        expect(r[1][0].payout).toEqual([]);
        const small = w.pic.lastInstructions;
        for (let i = 0; i < 60; i++) ok(await w.as(sybil(i)).registerProvider(profile(sybil(i))));
        await anon.getProviders(page);
        const large = w.pic.lastInstructions;
        console.log(`getProviders of 3: ${small} instructions with 1 provider registered, ${large} with 61 (ratio ${(Number(large) / Number(small)).toFixed(2)})`);
        expect(Number(large) / Number(small)).toBeLessThan(1.2);
    });

    it('refuses more than 100 principals a call with a typed error', async () => {
        const w = await world();
        const many = Array.from({ length: 101 }, (_, i) => sybil(i));
        expect(errKind(await w.as(anonymous).getProviders(many))).toBe('InvalidInput');
        expect(ok<any[]>(await w.as(anonymous).getProviders(many.slice(0, 100)))).toHaveLength(100);
    });
});
