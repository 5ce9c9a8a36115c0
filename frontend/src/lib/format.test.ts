import { describe, expect, it } from 'vitest';
import { formatTokenAmount, parseTokenAmount, formatDuration } from './format';
import { CanisterError, unwrap } from './canister-error';

describe('token amounts', () => {
    it('formats base units with their decimals', () => {
        expect(formatTokenAmount(123_456_789n, 8, 'TCY')).toBe('1.23456789 TCY');
        expect(formatTokenAmount(100_000_000n, 8)).toBe('1.00');
        expect(formatTokenAmount(1_500_000n, 6, 'USDC')).toBe('1.50 USDC');
        expect(formatTokenAmount(0n, 8)).toBe('0.00');
        expect(formatTokenAmount(123_456_789n, 8, undefined, { maxFraction: 4 })).toBe('1.2345');
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
