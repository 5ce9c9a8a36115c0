import { describe, expect, it } from 'vitest';
import { accountKey, makeAccount, sameAccount } from '../../src/domain';

describe('accounts', () => {
    const sub = (last: number, length = 32) => {
        const bytes = new Uint8Array(length);
        bytes[length - 1] = last;
        return bytes;
    };

    it.each([
        ['no subaccount', null],
        ['the all-zero subaccount', new Uint8Array(32)]
    ])('treats %s as the default account', (_, subaccount) => {
        expect(makeAccount('p', subaccount)).toEqual({ Ok: { owner: 'p', subaccount: null } });
    });

    it.each([0, 31, 33])('rejects a %i-byte subaccount', (length) => {
        const result = makeAccount('p', new Uint8Array(length).fill(1));
        expect(result).toEqual({
            Err: { GenericError: { error_code: 1n, message: `subaccount must be 32 bytes, got ${length}` } }
        });
    });

    it('keys subaccounts apart', () => {
        const a = makeAccount('p', sub(1));
        const b = makeAccount('p', sub(2));
        if (!('Ok' in a) || !('Ok' in b)) throw new Error('valid accounts expected');
        expect(accountKey(a.Ok)).toBe(`p.${'00'.repeat(31)}01`);
        expect(sameAccount(a.Ok, b.Ok)).toBe(false);
        expect(sameAccount(a.Ok, a.Ok)).toBe(true);
    });
});
