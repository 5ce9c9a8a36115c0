// The asset model of DFINITY's asset canister (ic-certified-assets state_machine): an asset is a
// key with a content type, optional max-age and headers, and one content per encoding (chunks and
// the sha256 of the whole). What it serves: the headers upstream builds (content-type,
// cache-control from max_age, content-encoding unless identity, the asset's own headers lower-cased,
// the certificate expression), aliases (`/x` → `/x.html`, `/x/index.html`; `/` → `/index.html`).
import { certificateExpression, type HeaderField } from './certification';

export interface Encoding {
    /** Hex sha256 of the whole encoded content. */
    sha256: string;
    length: number;
    chunks: number;
    modifiedNs: bigint;
}

export interface Asset {
    key: string;
    contentType: string;
    maxAge: bigint | null;
    headers: HeaderField[] | null;
    isAliased: boolean | null;
    allowRawAccess: boolean | null;
    encodings: Record<string, Encoding>;
}

/** Upstream's certification order; other encodings come after, in insertion order. */
export const ENCODING_ORDER = ['identity', 'gzip', 'compress', 'deflate', 'br'];

/** The response headers of one encoding, the expression header last (all of them certified). */
export function servedHeaders(asset: Asset, encoding: string): HeaderField[] {
    const headers = new Map<string, string>([['content-type', asset.contentType]]);
    if (asset.maxAge !== null) headers.set('cache-control', `max-age=${asset.maxAge}`);
    if (encoding !== 'identity') headers.set('content-encoding', encoding);
    for (const [k, v] of asset.headers ?? []) headers.set(k.toLowerCase(), v);
    const list = [...headers.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)) as HeaderField[];
    return [...list, ['ic-certificateexpression', certificateExpression(list.map(([k]) => k))]];
}

export const isHtmlKey = (key: string): boolean => key.endsWith('.html');

/** Keys a request for `key` may be served from when aliasing is on (upstream's aliases_of). */
export function aliasesOf(key: string): string[] {
    if (key.endsWith('/')) return [`${key}index.html`];
    if (!isHtmlKey(key)) return [`${key}.html`, `${key}/index.html`];
    return [];
}

/** Request keys an asset also answers (upstream's aliased_by): `/a/index.html` → `/a/index`, `/a/`, `/a`. */
export function aliasedBy(key: string): string[] {
    if (key === '/index.html') return ['/index', '/'];
    if (key.endsWith('/index.html')) return [key.slice(0, -5), key.slice(0, -10), key.slice(0, -11)];
    if (isHtmlKey(key)) return [key.slice(0, -5)];
    return [];
}

/** The asset serving `key`: itself, else an alias when that asset allows aliasing (default on). */
export function resolveKey(key: string, has: (k: string) => Asset | undefined): Asset | undefined {
    const direct = has(key);
    if (direct !== undefined) return direct;
    for (const alias of aliasesOf(key)) {
        const a = has(alias);
        if (a !== undefined) return (a.isAliased ?? true) ? a : undefined;
    }
    return undefined;
}

/** The encoding to serve: the first of the client's accepted ones the asset has, else identity (upstream's order otherwise). */
export function chooseEncoding(asset: Asset, acceptEncoding: string | undefined): string | undefined {
    const accepted = (acceptEncoding ?? '')
        .split(',')
        .map((e) => e.split(';')[0]!.trim().toLowerCase())
        .filter((e) => e !== '');
    for (const name of ['br', 'gzip', ...accepted]) if (accepted.includes(name) && asset.encodings[name] !== undefined) return name;
    if (asset.encodings.identity !== undefined) return 'identity';
    return ENCODING_ORDER.find((e) => asset.encodings[e] !== undefined) ?? Object.keys(asset.encodings)[0];
}

/** Decodes %xx in a URL path (upstream url_decode); undefined when malformed. */
export function decodePath(url: string): string | undefined {
    const path = url.split('?')[0]!.split('#')[0]!;
    try {
        return decodeURIComponent(path);
    } catch {
        return undefined;
    }
}
