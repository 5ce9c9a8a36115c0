import { createHmac, timingSafeEqual } from 'node:crypto';

export function hmacSha256Hex(key: string | Buffer, message: string | Buffer): string {
    return createHmac('sha256', key).update(message).digest('hex');
}

/** Constant-time comparison of two hex strings; false on any length or format difference. */
export function safeEqualHex(expectedHex: string, givenHex: string): boolean {
    if (!/^[0-9a-f]*$/i.test(givenHex)) return false;
    const a = Buffer.from(expectedHex.toLowerCase(), 'hex');
    const b = Buffer.from(givenHex.toLowerCase(), 'hex');
    return a.length === b.length && a.length > 0 && timingSafeEqual(a, b);
}

/** Constant-time comparison of two secrets of any form (hashing first hides the length). */
export function safeEqualSecret(expected: string, given: string): boolean {
    const a = createHmac('sha256', 'cmp').update(expected).digest();
    const b = createHmac('sha256', 'cmp').update(given).digest();
    return timingSafeEqual(a, b) && expected.length > 0;
}
