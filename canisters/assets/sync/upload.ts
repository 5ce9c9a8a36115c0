// Syncs a directory into an asset canister with @dfinity/assets as the uploader, the way dfx's
// asset sync does: each file's `.ic-assets.json5` headers stored with the asset at commit, an
// identity and (for text types, when smaller) a gzip encoding, unchanged assets left alone,
// assets no longer in the directory deleted, all in one batch (committed whole or not at all).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { createHash } from 'node:crypto';
import { Actor, type HttpAgent } from '@dfinity/agent';
import { AssetManager } from '@dfinity/assets';
import type { Principal } from '@dfinity/principal';
import { idlFactory, type _SERVICE } from '../declarations';
import { configFor, CONFIG_FILE, readRules, type AssetRule } from './ic_assets';

export interface SyncOptions {
    agent: HttpAgent;
    canisterId: Principal | string;
    dir: string;
    /** Chunk size of the uploads (default: the uploader's 1.9 MB). */
    maxChunkSize?: number;
    log?: (line: string) => void;
}

export interface SyncResult {
    stored: string[];
    unchanged: string[];
    deleted: string[];
}

const COMPRESSIBLE = /^(text\/|application\/(javascript|json|xml|manifest\+json|wasm)|image\/svg\+xml)/;

function walk(dir: string): string[] {
    return readdirSync(dir).flatMap((name) => {
        const p = join(dir, name);
        return statSync(p).isDirectory() ? walk(p) : [p];
    });
}

const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
const headerKey = (h: [string, string][]): string => JSON.stringify([...h].map(([k, v]) => [k.toLowerCase(), v]).sort());

export async function syncDirectory(o: SyncOptions): Promise<SyncResult> {
    const rulesPath = join(o.dir, CONFIG_FILE);
    let rules: AssetRule[] = [];
    try {
        rules = readRules(rulesPath);
    } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    const manager = new AssetManager({ agent: o.agent, canisterId: o.canisterId, ...(o.maxChunkSize ? { maxChunkSize: o.maxChunkSize } : {}) });
    // The uploader's own IDL of `list` predates headers: read the listing with the full interface.
    const canister = Actor.createActor<_SERVICE>(idlFactory, { agent: o.agent, canisterId: o.canisterId });
    const listed = new Map((await canister.list({ start: [], length: [] })).map((a) => [a.key, a]));
    const batch = manager.batch();
    const result: SyncResult = { stored: [], unchanged: [], deleted: [] };
    const seen = new Set<string>();
    for (const file of walk(o.dir)) {
        const rel = relative(o.dir, file).split('\\').join('/');
        if (rel === CONFIG_FILE) continue;
        const config = configFor(rules, rel);
        if (config.ignore) continue;
        const key = `/${rel}`;
        seen.add(key);
        const bytes = new Uint8Array(readFileSync(file));
        const contentType = (await AssetManager.toReadable(bytes, { fileName: rel.split('/').pop()! })).contentType;
        const headers = config.maxAge !== null && !config.headers.some(([k]) => k.toLowerCase() === 'cache-control') ? [...config.headers, ['cache-control', `max-age=${config.maxAge}`] as [string, string]] : config.headers;
        const encodings: [string, Uint8Array][] = [['identity', bytes]];
        if (COMPRESSIBLE.test(contentType)) {
            const gz = new Uint8Array(gzipSync(bytes, { level: 9 }));
            if (gz.length < bytes.length) encodings.push(['gzip', gz]);
        }
        const old = listed.get(key);
        const same =
            old !== undefined &&
            old.content_type === contentType &&
            headerKey(old.headers[0] ?? []) === headerKey(headers) &&
            old.encodings.length === encodings.length &&
            encodings.every(([name, b]) => old.encodings.some((e) => e.content_encoding === name && e.sha256[0] !== undefined && Buffer.from(e.sha256[0]).toString('hex') === hex(b)));
        if (same) {
            result.unchanged.push(key);
            continue;
        }
        if (old !== undefined) batch.delete(key);
        const path = key.slice(0, key.lastIndexOf('/'));
        const fileName = key.slice(key.lastIndexOf('/') + 1);
        for (const [name, b] of encodings) {
            // The uploader hashes per key: with two encodings of one key, pass each one's hash.
            const sha256 = new Uint8Array(createHash('sha256').update(b).digest());
            await batch.store(b, { fileName, path, contentType, headers, sha256, contentEncoding: name as 'identity' | 'gzip' });
        }
        result.stored.push(key);
    }
    for (const key of listed.keys()) {
        if (!seen.has(key)) {
            batch.delete(key);
            result.deleted.push(key);
        }
    }
    if (result.stored.length + result.deleted.length > 0) await batch.commit();
    o.log?.(`assets: ${result.stored.length} stored, ${result.unchanged.length} unchanged, ${result.deleted.length} deleted`);
    return result;
}
