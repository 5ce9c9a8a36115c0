import { describe, expect, it } from 'vitest';
import { EMPTY_OFFERING, validateOffering, valuesOf } from './offering-limits';

const ok = { ...EMPTY_OFFERING, name: 'Box', price: '12.5' };

describe('offering limits', () => {
    it('accepts a real offering and keeps the price exact', () => {
        const r = validateOffering(ok, 8, 'TCY');
        expect('input' in r && r.input.pricePerMonth).toBe(1_250_000_000n);
    });
    it('refuses a price of 99,999,999,999,999 a month, saying why', () => {
        const r = validateOffering({ ...ok, price: '99999999999999' }, 8, 'TCY');
        expect('errors' in r && r.errors.price).toMatch(/At most 1,000,000 TCY a month/);
    });
    it('refuses absurd specs and fractional whole numbers', () => {
        const r = validateOffering({ ...ok, cpuCores: '100000', ramGb: '0', stock: '1.5', maxHours: '1000000', uptimeTarget: '12' }, 8, 'TCY');
        expect('errors' in r && Object.keys(r.errors).sort()).toEqual(['cpuCores', 'maxHours', 'ramGb', 'stock', 'uptimeTarget']);
    });
    it('round-trips an existing offering through the form values (edit, duplicate)', () => {
        const r = validateOffering(ok, 8, 'TCY');
        if (!('input' in r)) throw new Error('invalid');
        const again = validateOffering(valuesOf(r.input, 8), 8, 'TCY');
        expect(again).toEqual(r);
    });
});
