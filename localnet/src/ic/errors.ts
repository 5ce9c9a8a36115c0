import { RejectCode } from '../types.js';
import type { Response } from './state.js';

/** A reject produced by the system (not by canister code): code, IC error code, message. */
export class RejectError extends Error {
    constructor(
        readonly code: RejectCode,
        readonly errorCode: string,
        message: string
    ) {
        super(message);
    }
    toResponse(): Response {
        return { kind: 'reject', code: this.code, errorCode: this.errorCode, message: this.message };
    }
}

export function reject(code: RejectCode, errorCode: string, message: string): Response {
    return { kind: 'reject', code, errorCode, message };
}
