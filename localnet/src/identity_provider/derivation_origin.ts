// `derivationOrigin`, checked as Internet Identity checks it (src/frontend/src/utils/
// validateDerivationOrigin.ts): an application may ask for the principals of another origin only
// when that origin lists it in `/.well-known/ii-alternative-origins` ({"alternativeOrigins": [...]},
// at most 10). II fetches the file through the canister-id URL of the derivation origin; locally
// frontends are not served by canisters, so it is fetched from the derivation origin itself.

export const MAX_ALTERNATIVE_ORIGINS = 10;
export const ALTERNATIVE_ORIGINS_PATH = '/.well-known/ii-alternative-origins';
const MAX_BYTES = 64 * 1024;

export type DerivationOriginResult = { result: 'valid' } | { result: 'invalid'; message: string };

export function isOrigin(s: string): boolean {
    try {
        const u = new URL(s);
        return (u.protocol === 'http:' || u.protocol === 'https:') && u.origin === s;
    } catch {
        return false;
    }
}

export async function validateDerivationOrigin(
    requestOrigin: string,
    derivationOrigin: string | undefined,
    fetchFn: typeof fetch = fetch
): Promise<DerivationOriginResult> {
    if (derivationOrigin === undefined || derivationOrigin === requestOrigin) return { result: 'valid' };
    if (!isOrigin(derivationOrigin)) return { result: 'invalid', message: `derivationOrigin "${derivationOrigin}" is not an origin` };
    const url = `${derivationOrigin}${ALTERNATIVE_ORIGINS_PATH}`;
    try {
        const res = await fetchFn(url, { redirect: 'error', headers: { Accept: 'application/json' }, credentials: 'omit', signal: AbortSignal.timeout(5_000) });
        if (res.status !== 200) return { result: 'invalid', message: `resource ${url} returned invalid status: ${res.status}` };
        const text = await readCapped(res);
        if (text === null) return { result: 'invalid', message: `resource ${url} is larger than ${MAX_BYTES} bytes` };
        const body = JSON.parse(text) as { alternativeOrigins?: unknown } | null;
        const list = body?.alternativeOrigins;
        if (!Array.isArray(list)) return { result: 'invalid', message: `resource ${url} has invalid format: no alternativeOrigins list` };
        if (list.length > MAX_ALTERNATIVE_ORIGINS) {
            return { result: 'invalid', message: `Resource ${url} has too many entries: To prevent misuse at most ${MAX_ALTERNATIVE_ORIGINS} alternative origins are allowed.` };
        }
        if (!list.includes(requestOrigin)) {
            return { result: 'invalid', message: `"${requestOrigin}" is not listed in the list of allowed alternative origins. Allowed alternative origins: ${list.join(',')}` };
        }
    } catch (e) {
        return { result: 'invalid', message: `An error occurred while validating the derivationOrigin "${derivationOrigin}": ${(e as Error).message}` };
    }
    return { result: 'valid' };
}

/** The body as text, or null past MAX_BYTES (read no further: the URL is the caller's choice). */
async function readCapped(res: Response): Promise<string | null> {
    const reader = res.body?.getReader();
    if (reader === undefined) return '';
    const chunks: Uint8Array[] = [];
    let size = 0;
    for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        size += value.length;
        if (size > MAX_BYTES) {
            await reader.cancel();
            return null;
        }
        chunks.push(value);
    }
    return Buffer.concat(chunks).toString('utf8');
}
