export class WasmFormatError extends Error {
    override name = 'WasmFormatError';
}

/** Cursor over a Wasm binary; LEB128 values are read as JS numbers (indices and sizes fit in u32). */
export class ByteReader {
    pos: number;

    constructor(
        readonly bytes: Uint8Array,
        start = 0,
        readonly end = bytes.length
    ) {
        this.pos = start;
    }

    get done(): boolean {
        return this.pos >= this.end;
    }

    u8(): number {
        if (this.pos >= this.end) throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
        return this.bytes[this.pos++]!;
    }

    peek(): number {
        if (this.pos >= this.end) throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
        return this.bytes[this.pos]!;
    }

    u32(): number {
        let result = 0;
        let shift = 0;
        for (;;) {
            const b = this.u8();
            result += (b & 0x7f) * 2 ** shift;
            if (b < 0x80) return result;
            shift += 7;
            if (shift > 28) throw new WasmFormatError(`LEB128 u32 too long at byte ${this.pos}`);
        }
    }

    /** Skips any LEB128 number (signed or unsigned, any width). */
    skipLeb(): void {
        const limit = Math.min(this.end, this.pos + 10);
        while (this.pos < limit) {
            if (this.bytes[this.pos++]! < 0x80) return;
        }
        throw new WasmFormatError(`bad LEB128 at byte ${this.pos}`);
    }

    skip(n: number): void {
        if (this.pos + n > this.end) throw new WasmFormatError(`unexpected end of data at byte ${this.pos}`);
        this.pos += n;
    }

    name(): string {
        const len = this.u32();
        const start = this.pos;
        this.skip(len);
        return new TextDecoder().decode(this.bytes.subarray(start, start + len));
    }
}

/** Growable output buffer with LEB128 encoders. */
export class ByteWriter {
    private buf: Uint8Array<ArrayBuffer>;
    length = 0;

    constructor(capacity = 256) {
        this.buf = new Uint8Array(capacity);
    }

    private reserve(n: number): void {
        const need = this.length + n;
        if (need <= this.buf.length) return;
        const next = new Uint8Array(Math.max(need, this.buf.length * 2));
        next.set(this.buf.subarray(0, this.length));
        this.buf = next;
    }

    byte(b: number): this {
        this.reserve(1);
        this.buf[this.length++] = b;
        return this;
    }

    bytes(src: Uint8Array, start = 0, end = src.length): this {
        const n = end - start;
        this.reserve(n);
        if (n < 64) {
            // most copies are a few bytes between edits: a loop beats creating a subarray view
            const buf = this.buf;
            let at = this.length;
            for (let i = start; i < end; i++) buf[at++] = src[i]!;
        } else {
            this.buf.set(src.subarray(start, end), this.length);
        }
        this.length += n;
        return this;
    }

    u32(value: number): this {
        let v = value;
        do {
            let b = v % 128;
            v = Math.floor(v / 128);
            if (v !== 0) b |= 0x80;
            this.byte(b);
        } while (v !== 0);
        return this;
    }

    /** Signed LEB128 of a non-negative safe integer. */
    sNonNegative(value: number): this {
        let v = value;
        for (;;) {
            const b = v % 128;
            v = Math.floor(v / 128);
            if (v === 0 && (b & 0x40) === 0) return this.byte(b);
            this.byte(b | 0x80);
        }
    }

    name(s: string): this {
        const encoded = new TextEncoder().encode(s);
        return this.u32(encoded.length).bytes(encoded);
    }

    /** Appends `content` prefixed by its size (sections, subsections, function bodies). */
    sized(content: ByteWriter): this {
        this.u32(content.length);
        return this.bytes(content.buf, 0, content.length);
    }

    clear(): this {
        this.length = 0;
        return this;
    }

    toBytes(): Uint8Array<ArrayBuffer> {
        return this.buf.slice(0, this.length);
    }
}

export function encodeU32(value: number): Uint8Array {
    return new ByteWriter(5).u32(value).toBytes();
}
