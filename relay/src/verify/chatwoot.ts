import type { IncomingHttpHeaders } from 'node:http';
import { VerificationError } from './errors.js';
import { requireHeader } from './headers.js';
import { hmacSha256Hex, safeEqualHex } from './hmac.js';
import { checkTimestamp } from './timestamp.js';

export interface ChatwootDelivery {
    deliveryId: string;
    timestamp: number;
}

/**
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`,
 * `X-Chatwoot-Timestamp: <unix s>`, `X-Chatwoot-Delivery: <uuid>` (stable across retries).
 */
export function verifyChatwoot(
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
    secret: string,
    nowMs: number,
    toleranceSec: number
): ChatwootDelivery {
    const signature = requireHeader(headers, 'x-chatwoot-signature');
    const tsRaw = requireHeader(headers, 'x-chatwoot-timestamp');
    const deliveryId = requireHeader(headers, 'x-chatwoot-delivery');
    if (!/^[\w-]{1,128}$/.test(deliveryId)) throw new VerificationError('malformed_header', 'bad X-Chatwoot-Delivery');
    const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
    if (!match?.[1]) throw new VerificationError('malformed_header', 'X-Chatwoot-Signature is not sha256=<hex>');
    const expected = hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${tsRaw}.`), rawBody]));
    if (!safeEqualHex(expected, match[1])) throw new VerificationError('bad_signature', 'signature does not match');
    const timestamp = checkTimestamp(tsRaw, nowMs, toleranceSec);
    return { deliveryId, timestamp };
}

export function signChatwoot(secret: string, timestamp: number, rawBody: string): string {
    return `sha256=${hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}
