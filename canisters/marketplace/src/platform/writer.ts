// The reply encoder's output buffer: Candid's primitive encodings (LEB128, fixed-width numbers,
// texts, bytes) written into one growing array. Texts above a few characters go through the
// host's Candid encoder (see below): a JS loop over characters is the expensive part here.
import { candidEncode } from 'azle';

export class Writer {
    buf = new Uint8Array(256);
    dv = new DataView(this.buf.buffer);
    n = 0;
    ensure(k: number): void {
        if (this.n + k <= this.buf.length) return;
        let size = this.buf.length * 2;
        while (size < this.n + k) size *= 2;
        const b = new Uint8Array(size);
        b.set(this.buf.subarray(0, this.n));
        this.buf = b;
        this.dv = new DataView(b.buffer);
    }
    byte(x: number): void {
        this.ensure(1);
        this.buf[this.n++] = x;
    }
    bytes(b: Uint8Array): void {
        this.ensure(b.length);
        this.buf.set(b, this.n);
        this.n += b.length;
    }
    leb(x: number | bigint): void {
        // Numbers below 2^53 take the fast path; BigInt arithmetic is costly in the canister's engine.
        let v = typeof x === 'number' ? x : x <= 9007199254740991n ? Number(x) : -1;
        if (v >= 0 && v < 0x80) return this.byte(v);
        if (v >= 0) {
            this.ensure(8);
            while (v >= 0x80) {
                this.buf[this.n++] = (v % 0x80) | 0x80;
                v = Math.floor(v / 0x80);
            }
            this.buf[this.n++] = v;
            return;
        }
        let b = BigInt(x);
        do {
            let byte = Number(b & 0x7fn);
            b >>= 7n;
            if (b !== 0n) byte |= 0x80;
            this.byte(byte);
        } while (b !== 0n);
    }
    sleb(x: bigint): void {
        let v = x;
        for (;;) {
            const b = Number(v & 0x7fn);
            v >>= 7n;
            const done = (v === 0n && (b & 0x40) === 0) || (v === -1n && (b & 0x40) !== 0);
            this.byte(done ? b : b | 0x80);
            if (done) return;
        }
    }
    fixed(x: number | bigint, bytes: number, signed: boolean): void {
        this.ensure(bytes);
        const d = this.dv;
        if (bytes === 8) d.setBigUint64(this.n, BigInt(x), true);
        else if (bytes === 4) signed ? d.setInt32(this.n, Number(x), true) : d.setUint32(this.n, Number(x), true);
        else if (bytes === 2) signed ? d.setInt16(this.n, Number(x), true) : d.setUint16(this.n, Number(x), true);
        else this.buf[this.n] = Number(x) & 0xff;
        this.n += bytes;
    }
    text(s: string): void {
        if (s.length > SHORT_TEXT) {
            const b = nativeText(s);
            if (b !== null) return this.bytes(b);
        }
        let ascii = true;
        for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) { ascii = false; break; }
        if (ascii) {
            this.leb(s.length);
            this.ensure(s.length);
            for (let i = 0; i < s.length; i++) this.buf[this.n++] = s.charCodeAt(i);
            return;
        }
        const b = new TextEncoder().encode(s);
        this.leb(b.length);
        this.bytes(b);
    }
}

// Each character through a JS loop costs ≈ 5k instructions in the canister's engine (TextEncoder is
// a JS polyfill: ≈ 12k); the host's Candid encoder does a 1,000-character text for ≈ 10k in all.
// Above a few characters a text goes through it: a Candid literal `("…")`, whose bytes after the
// 7-byte header (DIDL, no types, one argument, text) are the text's length and UTF-8.
const SHORT_TEXT = 4;
const TEXT_HEADER = 7;
const NEEDS_ESCAPE = /[\\"\u0000-\u001f\u007f]/;

function nativeText(s: string): Uint8Array | null {
    if (NEEDS_ESCAPE.test(s)) s = s.replace(/[\\"\u0000-\u001f\u007f]/g, (c) => `\\u{${c.charCodeAt(0).toString(16)}}`);
    const b = candidEncode(`("${s}")`);
    // Empty outside a canister (Node tests): the JS path encodes there.
    return b.length > TEXT_HEADER && b[TEXT_HEADER - 1] === 0x71 ? b.subarray(TEXT_HEADER) : null;
}
