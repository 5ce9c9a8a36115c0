// Reading ICRC-3 generic Values as the small wire decoder returns them: a variant is `{ Tag: v }`,
// a Map entry the tuple record `{ 0: key, 1: value }`, a Blob its bytes.
export type Value =
    | { Blob: Uint8Array }
    | { Text: string }
    | { Nat: bigint }
    | { Int: bigint }
    | { Array: Value[] }
    | { Map: { 0: string; 1: Value }[] };

export function entry(v: Value | undefined, key: string): Value | undefined {
    if (v === undefined || !('Map' in v)) return undefined;
    for (const e of v.Map) if (e[0] === key) return e[1];
    return undefined;
}

export const text = (v: Value | undefined): string | undefined => (v !== undefined && 'Text' in v ? v.Text : undefined);
export const nat = (v: Value | undefined): bigint | undefined => (v !== undefined && 'Nat' in v ? v.Nat : undefined);
export const blob = (v: Value | undefined): Uint8Array | undefined => (v !== undefined && 'Blob' in v ? v.Blob : undefined);

/** The time the ledger wrote the block (its top-level `ts`), 0 when missing. */
export const blockTime = (block: Value): bigint => nat(entry(block, 'ts')) ?? 0n;

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
    return true;
}
