import type { IncomingHttpHeaders } from 'node:http';
import { VerificationError } from './errors.js';
import { requireHeader } from './headers.js';
import { hmacSha256Hex, safeEqualHex, safeEqualSecret } from './hmac.js';

export function verifySharedSecret(headers: IncomingHttpHeaders, headerName: string, secret: string): void {
    const given = requireHeader(headers, headerName);
    if (!safeEqualSecret(secret, given)) throw new VerificationError('bad_signature', `${headerName} does not match`);
}

/** Push-heartbeat tokens are derived from the contract id, so no table of tokens is needed. */
export function pushToken(secret: string, contractId: string): string {
    return hmacSha256Hex(secret, `push:${contractId}`).slice(0, 32);
}

export function verifyPushToken(secret: string, contractId: string, token: string): void {
    if (!safeEqualHex(pushToken(secret, contractId), token)) throw new VerificationError('bad_signature', 'push token does not match');
}
