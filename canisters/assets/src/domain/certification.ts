// HTTP certification v2 as DFINITY's asset canister does it (ic-certified-assets, certification.rs
// and http.rs): each served response (status 200, its certified headers, its body) is a leaf at
// http_expr/<path segments>/<$>/<expression hash>/""/<response hash>; the SPA fallback sits at
// http_expr/<*>/…; the response carries `IC-Certificate` (certificate, witness, expr_path) and
// `IC-CertificateExpression`. Pure functions.
import { concat } from '../../../common/hash_tree';
import { sha256 } from '../../../common/sha256';
import { utf8 } from '../../../common/utf8';

export type HeaderField = [string, string];

export const EXACT = '<$>';
export const WILDCARD = '<*>';
export const FALLBACK_KEY = '/index.html';

const EXPRESSION =
    'default_certification(ValidationArgs{certification: Certification{no_request_certification: Empty{}, response_certification: ResponseCertification{certified_response_headers: ResponseHeaderList{headers: ["content-type"{headers}]}}}})';

/** The certified headers list of a response: every header name but content-type (already listed). */
export function certificateExpression(headerNames: string[]): string {
    const names = headerNames.filter((h) => h !== 'content-type' && h !== 'ic-certificateexpression');
    return EXPRESSION.replace('{headers}', names.map((h) => `, "${h}"`).join(''));
}

function leb128(n: number): Uint8Array {
    const out: number[] = [];
    do {
        let b = n & 0x7f;
        n = Math.floor(n / 128);
        if (n > 0) b |= 0x80;
        out.push(b);
    } while (n > 0);
    return Uint8Array.from(out);
}

function compareBytes(a: Uint8Array, b: Uint8Array): number {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
    return a.length - b.length;
}

/** The interface spec's representation-independent hash of a map of strings and numbers. */
export function representationIndependentHash(entries: [string, string | number][]): Uint8Array {
    const pairs = entries
        .map(([k, v]) => concat(sha256(utf8(k)), sha256(typeof v === 'number' ? leb128(v) : utf8(v))))
        .sort(compareBytes);
    return sha256(concat(...pairs));
}

/** Response hash over lower-case certified headers (the expression header included), status and body hash. */
export function responseHash(headers: HeaderField[], status: number, bodyHash: Uint8Array): Uint8Array {
    const entries: [string, string | number][] = headers.map(([k, v]) => [k.toLowerCase(), v]);
    entries.push([':ic-cert-status', status]);
    return sha256(concat(representationIndependentHash(entries), bodyHash));
}

/** "/a/b.js" → ["a", "b.js"]; "/" → [""] (as upstream's AssetPath). */
export function keySegments(key: string): string[] {
    return (key.startsWith('/') ? key.slice(1) : key).split('/');
}

/** The tree path of an exact asset response, or of the fallback when `key` is null. */
export function responsePath(key: string | null, expressionHash: Uint8Array, responseHash: Uint8Array): Uint8Array[] {
    const head = key === null ? ['http_expr', WILDCARD] : ['http_expr', ...keySegments(key), EXACT];
    return [...head.map(utf8), expressionHash, new Uint8Array(0), responseHash];
}

/**
 * Paths the verifier may look up for a request path: the exact one, and every wildcard from the
 * most specific to the root (with and without a trailing empty segment). A witness over these
 * proves the chosen one present and all more specific ones absent.
 */
export function requestPaths(requestPath: string): Uint8Array[][] {
    const segments = requestPath.split('/').filter((s) => s !== '');
    if (requestPath.endsWith('/')) segments.push('');
    const out: string[][] = [['http_expr', ...segments, EXACT]];
    for (let k = segments.length; k >= 0; k--) {
        out.push(['http_expr', ...segments.slice(0, k), WILDCARD]);
        out.push(['http_expr', ...segments.slice(0, k), '', WILDCARD]);
    }
    return out.map((p) => p.map(utf8));
}

const b64 = (bytes: Uint8Array): string => {
    const A = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
    let out = '';
    for (let i = 0; i < bytes.length; i += 3) {
        const n = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
        out += A[(n >> 18) & 63]! + A[(n >> 12) & 63]! + (i + 1 < bytes.length ? A[(n >> 6) & 63]! : '=') + (i + 2 < bytes.length ? A[n & 63]! : '=');
    }
    return out;
};

/** CBOR (self-described) of the expression path as text strings, as upstream's expr_path. */
export function exprPathCbor(path: string[]): Uint8Array {
    const head = (major: number, n: number): Uint8Array =>
        n < 24 ? Uint8Array.of((major << 5) | n) : n < 256 ? Uint8Array.of((major << 5) | 24, n) : Uint8Array.of((major << 5) | 25, n >> 8, n & 0xff);
    return concat(Uint8Array.of(0xd9, 0xd9, 0xf7), head(4, path.length), ...path.map((s) => concat(head(3, utf8(s).length), utf8(s))));
}

export function certificateHeader(certificate: Uint8Array, tree: Uint8Array, exprPath: string[]): HeaderField {
    return ['IC-Certificate', `certificate=:${b64(certificate)}:, tree=:${b64(tree)}:, expr_path=:${b64(exprPathCbor(exprPath))}:, version=2`];
}
