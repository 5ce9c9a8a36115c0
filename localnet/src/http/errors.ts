// Typed errors of the HTTP interface. `HttpError` becomes a plain-text HTTP answer (as the
// replica answers 4xx); canister-level failures are never thrown: they become reject bodies.

export class HttpError extends Error {
    constructor(
        readonly status: number,
        message: string
    ) {
        super(message);
        this.name = 'HttpError';
    }
}

export class BadRequest extends HttpError {
    constructor(message: string) {
        super(400, message);
        this.name = 'BadRequest';
    }
}

/** Signature, delegation or sender check failed (the replica answers 400 for these). */
export class AuthError extends HttpError {
    constructor(message: string) {
        super(400, message);
        this.name = 'AuthError';
    }
}

export class Forbidden extends HttpError {
    constructor(message: string) {
        super(403, message);
        this.name = 'Forbidden';
    }
}

export class NotFound extends HttpError {
    constructor(message: string) {
        super(404, message);
        this.name = 'NotFound';
    }
}

export class PayloadTooLarge extends HttpError {
    constructor(limit: number) {
        super(413, `Request body too large: the limit is ${limit} bytes`);
        this.name = 'PayloadTooLarge';
    }
}
