/** Helpers for Candid's shapes: `opt T` is `[] | [T]`, variants are one-key objects. */
export function fromOpt<T>(o: [] | [T] | undefined | null): T | undefined {
    return o === undefined || o === null || o.length === 0 ? undefined : o[0];
}

export function toOpt<T>(v: T | undefined | null): [] | [T] {
    return v === undefined || v === null ? [] : [v];
}

/** The names of a Candid variant type (`{A: null} | {B: null}` → `'A' | 'B'`). */
export type VariantName<V> = V extends unknown ? Extract<keyof V, string> : never;

/** The name of a Candid variant value (`{Active: null}` → `"Active"`). Strings pass through. */
export function variantName(v: unknown): string {
    if (typeof v === 'string') return v;
    if (v !== null && typeof v === 'object') return Object.keys(v)[0] ?? 'Unknown';
    return 'Unknown';
}

export function variantPayload<T = unknown>(v: unknown): T | undefined {
    if (v !== null && typeof v === 'object') {
        const k = Object.keys(v)[0];
        return k === undefined ? undefined : ((v as Record<string, T>)[k] as T);
    }
    return undefined;
}
