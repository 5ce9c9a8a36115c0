/**
 * Canister `Err` variants become a typed error: `.type` is the variant name, `.details` its payload.
 * Callers match on `.type` (e.g. `err.type === 'InsufficientFunds'`).
 */
export class CanisterError<T extends string = string> extends Error {
    override name = 'CanisterError';
    constructor(
        public readonly type: T,
        public readonly details: unknown,
        public readonly method?: string
    ) {
        super(describeVariant(type, details));
    }
}

function describeVariant(type: string, details: unknown): string {
    const human = type.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
    if (details === null || details === undefined) return human;
    if (typeof details === 'string') return `${human}: ${details}`;
    try {
        return `${human}: ${JSON.stringify(details, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}`;
    } catch {
        return human;
    }
}

/** Converts an Err payload (a Candid variant `{Name: payload}`, a text, or anything) to an error. */
export function toCanisterError(err: unknown, method?: string): CanisterError {
    if (typeof err === 'string') return new CanisterError('Message', err, method);
    if (err !== null && typeof err === 'object') {
        const keys = Object.keys(err);
        if (keys.length === 1) {
            const k = keys[0]!;
            return new CanisterError(k, (err as Record<string, unknown>)[k], method);
        }
    }
    return new CanisterError('Unknown', err, method);
}

export type CandidResult<T, E = unknown> = { Ok: T } | { Err: E };

/** Returns `Ok`'s value, throws a `CanisterError` for `Err`. Plain values pass through. */
export function unwrap<T>(result: CandidResult<T> | T, method?: string): T {
    if (result !== null && typeof result === 'object') {
        if ('Ok' in result && Object.keys(result).length === 1) return (result as { Ok: T }).Ok;
        if ('Err' in result && Object.keys(result).length === 1) {
            throw toCanisterError((result as { Err: unknown }).Err, method);
        }
    }
    return result as T;
}

export function isCanisterError(e: unknown, type?: string): e is CanisterError {
    return e instanceof CanisterError && (type === undefined || e.type === type);
}

/** A message fit for a person, for any error the app shows. */
export function errorMessage(e: unknown): string {
    if (e instanceof CanisterError) return e.message;
    if (e instanceof Error) {
        // Agent errors carry long multi-line diagnostics; the first line and the reject text suffice.
        const m = /Reject (?:text|message): (.*)/i.exec(e.message);
        if (m?.[1]) return m[1];
        return e.message.split('\n')[0] ?? e.message;
    }
    return String(e);
}
