// UTF-8 for the canisters' interpreter: ASCII text (nearly all of it) is copied byte by byte; the
// runtime's TextEncoder is a JS polyfill costing about 12k instructions a character, so it is
// used only for text with other characters.
export function utf8(s: string): Uint8Array {
    const n = s.length;
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
        const c = s.charCodeAt(i);
        if (c > 0x7f) return new TextEncoder().encode(s);
        out[i] = c;
    }
    return out;
}
