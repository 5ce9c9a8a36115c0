import type { IncomingHttpHeaders } from 'node:http';
import { VerificationError } from './errors.js';

export function header(headers: IncomingHttpHeaders, name: string): string | undefined {
    const v = headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}

export function requireHeader(headers: IncomingHttpHeaders, name: string): string {
    const v = header(headers, name);
    if (v === undefined || v === '') throw new VerificationError('missing_header', `missing ${name}`);
    return v;
}
