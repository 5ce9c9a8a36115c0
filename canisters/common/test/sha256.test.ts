import { sha256 as reference } from '@noble/hashes/sha2';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { sha256 } from '../sha256';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex');
const text = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('sha256 (the canisters’ own)', () => {
    it('gives the FIPS 180-4 example digests', () => {
        expect(hex(sha256(text('')))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
        expect(hex(sha256(text('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
        expect(hex(sha256(text('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')))).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
    });

    it('agrees with @noble/hashes at every padding boundary and beyond', () => {
        for (let n = 0; n <= 200; n++) {
            const b = Uint8Array.from({ length: n }, (_, i) => (i * 31 + n) & 0xff);
            expect(hex(sha256(b)), `length ${n}`).toBe(hex(reference(b)));
        }
        fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (b) => hex(sha256(b)) === hex(reference(b))), { numRuns: 200 });
    });

    it('does not keep state between calls', () => {
        const a = sha256(text('first'));
        sha256(Uint8Array.from({ length: 1000 }, (_, i) => i & 0xff));
        expect(hex(sha256(text('first')))).toBe(hex(a));
    });
});
