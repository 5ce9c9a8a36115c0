import type { IncomingHttpHeaders } from 'node:http';
import { VerificationError } from './errors.js';
import { requireHeader } from './headers.js';
import { hmacSha256Hex, safeEqualHex } from './hmac.js';
import { checkTimestamp } from './timestamp.js';

export type IcpaySignatureForm = 'timestamped' | 'plain';

/**
 * `X-ICPay-Signature: t=<unix>,v1=<hex>` with v1 = HMAC-SHA256(secret, "<t>." + rawBody),
 * or the older plain form: the header is hex HMAC-SHA256(secret, rawBody) (optionally `sha256=`).
 * The plain form carries no timestamp, so staleness is judged by the envelope's `created` field
 * by the caller.
 */
export function verifyIcpay(
    headers: IncomingHttpHeaders,
    rawBody: Buffer,
    secret: string,
    nowMs: number,
    toleranceSec: number
): IcpaySignatureForm {
    const value = requireHeader(headers, 'x-icpay-signature').trim();
    if (value.includes('=') && value.includes('t=')) {
        verifyTimestamped(value, rawBody, secret, nowMs, toleranceSec);
        return 'timestamped';
    }
    const hex = value.replace(/^sha256=/i, '');
    if (!/^[0-9a-f]{64}$/i.test(hex)) throw new VerificationError('malformed_header', 'X-ICPay-Signature is not recognised');
    if (!safeEqualHex(hmacSha256Hex(secret, rawBody), hex)) throw new VerificationError('bad_signature', 'signature does not match');
    return 'plain';
}

function verifyTimestamped(value: string, rawBody: Buffer, secret: string, nowMs: number, toleranceSec: number): void {
    const parts = parseParts(value);
    const t = parts.get('t')?.[0];
    const candidates = parts.get('v1') ?? [];
    if (!t || candidates.length === 0) throw new VerificationError('malformed_header', 'X-ICPay-Signature needs t= and v1=');
    const expected = hmacSha256Hex(secret, Buffer.concat([Buffer.from(`${t}.`), rawBody]));
    // Several v1 values are allowed during secret rotation; every one is compared.
    let ok = false;
    for (const c of candidates) ok = safeEqualHex(expected, c) || ok;
    if (!ok) throw new VerificationError('bad_signature', 'signature does not match');
    checkTimestamp(t, nowMs, toleranceSec);
}

function parseParts(value: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    for (const piece of value.split(',')) {
        const i = piece.indexOf('=');
        if (i <= 0) continue;
        const k = piece.slice(0, i).trim();
        out.set(k, [...(out.get(k) ?? []), piece.slice(i + 1).trim()]);
    }
    return out;
}

export function signIcpay(secret: string, timestamp: number, rawBody: string): string {
    return `t=${timestamp},v1=${hmacSha256Hex(secret, `${timestamp}.${rawBody}`)}`;
}

export function signIcpayPlain(secret: string, rawBody: string): string {
    return hmacSha256Hex(secret, rawBody);
}
