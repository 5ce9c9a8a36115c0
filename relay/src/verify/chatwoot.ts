import type { IncomingHttpHeaders } from 'node:http';
import { VerificationError } from './errors.js';
import { header, requireHeader } from './headers.js';
import { hmacSha256Hex, safeEqualHex } from './hmac.js';
import { checkTimestamp } from './timestamp.js';

export interface ChatwootDelivery {
    deliveryId: string;
    timestamp: number;
    /** Which secret verified it (account webhook, agent bot, API inbox). */
    verifiedBy: string;
}

export interface NamedSecret {
    name: string;
    secret: string;
}

/** Chatwoot signs only objects that have a secret, and only from these versions on. */
export const CHATWOOT_SIGNING_SINCE = 'Chatwoot 4.11.2 for account webhooks, 4.13.0 for agent bots and API inboxes';

/**
 * `X-Chatwoot-Signature: sha256=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`,
 * `X-Chatwoot-Timestamp: <unix s>`, `X-Chatwoot-Delivery: <uuid>` (stable across retries, not signed).
 * Each account webhook, agent bot and API inbox has its own secret: every configured one is tried.
 */
export function verifyChatwoot(headers: IncomingHttpHeaders, rawBody: Buffer, secrets: readonly NamedSecret[], nowMs: number, toleranceSec: number): ChatwootDelivery {
    if (header(headers, 'x-chatwoot-signature') === undefined) {
        throw new VerificationError('unsigned', `unsigned delivery: signing needs ${CHATWOOT_SIGNING_SINCE}, with a secret set on the sending object`);
    }
    const signature = requireHeader(headers, 'x-chatwoot-signature');
    const tsRaw = requireHeader(headers, 'x-chatwoot-timestamp');
    const deliveryId = requireHeader(headers, 'x-chatwoot-delivery');
    if (!/^[\w-]{1,128}$/.test(deliveryId)) throw new VerificationError('malformed_header', 'bad X-Chatwoot-Delivery');
    const match = /^sha256=([0-9a-f]{64})$/i.exec(signature.trim());
    if (!match?.[1]) throw new VerificationError('malformed_header', 'X-Chatwoot-Signature is not sha256=<hex>');
    const signed = Buffer.concat([Buffer.from(`${tsRaw}.`), rawBody]);
    // Compare against every secret so the time taken does not tell which one matched.
    let verifiedBy: string | null = null;
    for (const s of secrets) {
        if (safeEqualHex(hmacSha256Hex(s.secret, signed), match[1]) && verifiedBy === null) verifiedBy = s.name;
    }
    if (verifiedBy === null) throw new VerificationError('bad_signature', 'signature does not match any configured Chatwoot secret');
    const timestamp = checkTimestamp(tsRaw, nowMs, toleranceSec);
    return { deliveryId, timestamp, verifiedBy };
}

export function signChatwoot(secret: string, timestamp: number, rawBody: string): string {
    return `sha256=${hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}
