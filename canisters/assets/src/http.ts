// http_request as DFINITY's asset canister answers it with certification v2: the asset (or its
// alias, or /index.html as the SPA fallback) in the best encoding the client accepts, the first
// chunk in the body and a streaming callback token for the rest, the certificate header proving
// the response, an uncertified-path 404 otherwise (certified as absent-with-no-fallback).
import { encodeTree, fromHex, toHex } from '../../common/hash_tree';
import { chooseEncoding, decodePath, resolveKey, servedHeaders, type Asset } from './domain/assets';
import { hashes, type CertifiedAssets } from './domain/certified';
import { certificateHeader, EXACT, FALLBACK_KEY, keySegments, requestPaths, responsePath, WILDCARD, type HeaderField } from './domain/certification';

export interface HttpRequestIn {
    method: string;
    url: string;
    headers: HeaderField[];
}

export interface Token {
    key: string;
    content_encoding: string;
    index: bigint;
    sha256: [] | [Uint8Array];
}

export interface HttpResponseOut {
    status_code: number;
    headers: HeaderField[];
    body: Uint8Array;
    token: Token | null;
}

export interface ServeContext {
    asset(key: string): Asset | undefined;
    chunk(key: string, encoding: string, index: number): Uint8Array | undefined;
    certified: CertifiedAssets;
    /** The data certificate (only present in a non-replicated query). */
    certificate: Uint8Array | null;
}

const text = (status: number, message: string): HttpResponseOut => ({
    status_code: status,
    headers: [['content-type', 'text/plain']],
    body: new TextEncoder().encode(message),
    token: null
});

const header = (headers: HeaderField[], name: string): string | undefined => headers.find(([k]) => k.toLowerCase() === name)?.[1];

export function serve(req: HttpRequestIn, ctx: ServeContext): HttpResponseOut {
    if (req.method !== 'GET' && req.method !== 'HEAD') return text(405, 'method not allowed');
    const path = decodePath(req.url);
    if (path === undefined) return text(400, 'failed to decode the URL path');
    const direct = resolveKey(path, (k) => ctx.asset(k));
    const fallback = direct === undefined ? ctx.asset(FALLBACK_KEY) : undefined;
    const asset = direct ?? fallback;
    if (asset === undefined) return text(404, 'not found');
    const encoding = chooseEncoding(asset, header(req.headers, 'accept-encoding'));
    if (encoding === undefined) return text(404, 'not found');
    const enc = asset.encodings[encoding]!;
    const headers = servedHeaders(asset, encoding);
    if (ctx.certificate !== null) {
        const { exprHash, respHash } = hashes(asset, encoding, fromHex(enc.sha256));
        const servedKey = direct === undefined ? null : certifiedKeyFor(path, asset);
        const leaf = responsePath(servedKey, exprHash, respHash);
        const tree = encodeTree(ctx.certified.witnessFor(leaf, requestPaths(path)));
        const exprPath = servedKey === null ? ['http_expr', WILDCARD] : ['http_expr', ...keySegments(servedKey), EXACT];
        headers.push(certificateHeader(ctx.certificate, tree, exprPath));
    }
    const body = ctx.chunk(asset.key, encoding, 0) ?? new Uint8Array(0);
    const token = enc.chunks > 1 ? { key: asset.key, content_encoding: encoding, index: 1n, sha256: [fromHex(enc.sha256)] as [Uint8Array] } : null;
    return { status_code: 200, headers, body, token };
}

/** The key whose exact path certifies this answer: the request path itself (asset key or alias). */
function certifiedKeyFor(path: string, asset: Asset): string {
    return path === asset.key || (asset.isAliased ?? true) ? path : asset.key;
}

/** The next chunk for a streaming token; the token must name the content it started with. */
export function streamChunk(token: Token, ctx: ServeContext): { body: Uint8Array; token: Token | null } | null {
    const asset = ctx.asset(token.key);
    const enc = asset?.encodings[token.content_encoding];
    if (asset === undefined || enc === undefined) return null;
    if (token.sha256.length === 1 && toHex(token.sha256[0]) !== enc.sha256) return null;
    const index = Number(token.index);
    const body = ctx.chunk(asset.key, token.content_encoding, index);
    if (body === undefined) return null;
    const next = index + 1 < enc.chunks ? { ...token, index: BigInt(index + 1) } : null;
    return { body, token: next };
}
