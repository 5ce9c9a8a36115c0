import { VerificationError } from '../verify/errors.js';

/** A request the relay refuses, with a reason that is safe to show the caller. */
export class HttpRequestError extends Error {
    override readonly name = 'HttpRequestError';
    constructor(
        readonly status: number,
        readonly reason: string,
        detail: string
    ) {
        super(detail);
    }
}

export function badRequest(detail: string, reason = 'malformed_body'): HttpRequestError {
    return new HttpRequestError(400, reason, detail);
}

export function toHttpError(e: unknown): HttpRequestError | null {
    if (e instanceof HttpRequestError) return e;
    if (e instanceof VerificationError) {
        const status = e.reason === 'malformed_header' || e.reason === 'malformed_body' ? 400 : e.reason === 'busy' ? 429 : 401;
        return new HttpRequestError(status, e.reason, e.message);
    }
    return null;
}
