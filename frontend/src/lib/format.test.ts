import { describe, expect, it } from 'vitest';
import { formatBaseUnits, formatTokenAmount, parseTokenAmount, formatDuration, plainTokenAmount } from './format';
import { CanisterError, unwrap } from './canister-error';

describe('token amounts', () => {
    it('formats base units with their decimals', () => {
        expect(formatTokenAmount(123_456_789n, 8, 'TCY')).toBe('1.23456789 TCY');
        expect(formatTokenAmount(100_000_000n, 8)).toBe('1.00');
        expect(formatTokenAmount(1_500_000n, 6, 'USDC')).toBe('1.50 USDC');
        expect(formatTokenAmount(0n, 8)).toBe('0.00');
        // Never rounded: 1.3999 stays 1.3999, 1.59944 stays 1.59944.
        expect(formatTokenAmount(139_990_000n, 8, 'TCY')).toBe('1.3999 TCY');
        expect(formatTokenAmount(159_944_000n, 8)).toBe('1.59944');
        expect(formatBaseUnits(139_990_000n)).toBe('139,990,000 base units');
        expect(plainTokenAmount(139_990_000n, 8)).toBe('1.39990000');
        expect(plainTokenAmount(-5n, 8)).toBe('-0.00000005');
    });
    it('parses text into base units exactly', () => {
        expect(parseTokenAmount('1.5', 8)).toBe(150_000_000n);
        expect(parseTokenAmount('0.00000001', 8)).toBe(1n);
        expect(() => parseTokenAmount('0.000000001', 8)).toThrow(/decimal places/);
        expect(() => parseTokenAmount('abc', 8)).toThrow();
    });
    it('formats durations', () => {
        expect(formatDuration(90)).toBe('2 min');
        expect(formatDuration(3 * 3600)).toBe('3 h');
        expect(formatDuration(26 * 3600)).toBe('1 d 2 h');
    });
});

describe('unwrap', () => {
    it('turns an Err variant into a CanisterError with the variant name', () => {
        expect(unwrap({ Ok: 5n })).toBe(5n);
        try {
            unwrap({ Err: { NotFound: { what: 'contract', id: '9' } } }, 'get_contract');
            throw new Error('unreachable');
        } catch (e) {
            expect(e).toBeInstanceOf(CanisterError);
            expect((e as CanisterError).type).toBe('NotFound');
            expect((e as CanisterError).method).toBe('get_contract');
        }
    });
});

describe('times', () => {
    it('formats in the user time zone with its name', async () => {
        const { formatDateTime } = await import('./format');
        const text = formatDateTime(1_700_000_000_000_000_000n);
        expect(text).toMatch(/2023/);
        expect(text).toMatch(/UTC|GMT|[A-Z]{2,5}/);
    });
});
