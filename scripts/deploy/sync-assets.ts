// icp-cli sync step of the `frontend` canister (icp.yaml): uploads frontend/dist plus the rendered
// `/config.json` (app-config.ts) through the asset canister's batch API (create_batch,
// create_chunk, commit_batch), each call made with `icp canister call` (icp-call.ts), so it runs
// as whatever identity icp-cli uses (PEM, keyring, HSM) and against whatever network it targets.
// Env (set by icp-cli): ICP_CLI_ENVIRONMENT, ICP_CLI_NETWORK, ICP_CLI_CID, ICP_CLI_CID_<NAME>.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

import { IDL } from '@dfinity/candid';
import { parse } from 'yaml';

import { idlFactory } from '../../canisters/assets/declarations';
import { CONFIG_FILE, configFor, readRules } from '../../canisters/assets/sync/ic_assets';
import { ALTERNATIVE_ORIGINS_PATH, alternativeOrigins, renderAppConfig, type Deployment } from './app-config';
import { icpCaller } from './icp-call';

/** icp-cli runs sync scripts in the canister's directory: the project root (icp.yaml). */
const root = process.cwd();
const env = process.env;
const CHUNK = 1_900_000;
/** Per commit_batch (its cost grows with what it certifies): measured on localnet's asset canister. */
const ASSETS_PER_BATCH = 12;
const BYTES_PER_BATCH = 400_000;
const TYPES: Record<string, string> = {
    '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json', '.svg': 'image/svg+xml',
    '.png': 'image/png', '.ico': 'image/x-icon', '.woff2': 'font/woff2', '.txt': 'text/plain', '.webmanifest': 'application/manifest+json'
};
const call = icpCaller(process.env.ICP_CLI_CID ?? 'frontend', idlFactory);

function files(dir: string): string[] {
    return readdirSync(dir).flatMap((f) => (statSync(join(dir, f)).isDirectory() ? files(join(dir, f)) : [join(dir, f)]));
}

function deployment(): Deployment {
    const ids: Record<string, string> = {};
    for (const [k, v] of Object.entries(env)) if (k.startsWith('ICP_CLI_CID_') && v) ids[k.slice('ICP_CLI_CID_'.length).toLowerCase()] = v;
    const networkName = env.ICP_CLI_NETWORK ?? 'local';
    if (networkName === 'ic') return { network: 'ic', canisterIds: ids, customDomain: env.APP_CUSTOM_DOMAIN, relayUrl: env.APP_RELAY_URL };
    const project = parse(readFileSync(join(root, 'icp.yaml'), 'utf8')) as { networks?: { name: string; url?: string }[] };
    const url = env.APP_IC_HOST ?? project.networks?.find((n) => n.name === networkName)?.url ?? '';
    return { network: 'local', canisterIds: ids, icHost: url.replace(/\/$/, ''), relayUrl: env.APP_RELAY_URL };
}

function main(): void {
    const dist = join(root, 'frontend/dist');
    if (!existsSync(join(dist, 'index.html'))) throw new Error('frontend/dist/index.html missing: npm run build --workspace frontend');
    const rules = readRules(join(dist, CONFIG_FILE));
    const assets = new Map<string, Uint8Array>(files(dist).map((f) => [`/${relative(dist, f).split('\\').join('/')}`, new Uint8Array(readFileSync(f))]));
    const d = deployment();
    assets.set('/config.json', new TextEncoder().encode(JSON.stringify(renderAppConfig(d))));
    if (d.customDomain) assets.set(`/${ALTERNATIVE_ORIGINS_PATH}`, new TextEncoder().encode(JSON.stringify(alternativeOrigins(d.customDomain))));
    for (const key of [...assets.keys()]) if (configFor(rules, key.slice(1)).ignore) assets.delete(key);
    // As dfx's sync: unchanged assets are left alone, changed ones replaced, vanished ones deleted;
    // a few assets per batch, so that no commit_batch nears the 40B-instruction limit.
    const [listed] = call('list', [{ start: [], length: [] }]) as [{ key: string; content_type: string; headers: [] | [[string, string][]]; encodings: { content_encoding: string; sha256: [] | [Uint8Array] }[] }[]];
    const existing = new Map(listed.map((a) => [a.key, a]));
    const opt = <T>(v: T | null): [] | [T] => (v === null ? [] : [v]);
    const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');
    const groups: { key: string; content: Uint8Array }[][] = [];
    let unchanged = 0;
    for (const [key, content] of assets) {
        const old = existing.get(key);
        const encodings = encodingsOf(key, content);
        const c = configFor(rules, key.slice(1));
        const same = old !== undefined && JSON.stringify(old.headers[0] ?? []) === JSON.stringify(c.headers) && old.encodings.length === encodings.length &&
            encodings.every(([name, b]) => old.encodings.some((e) => e.content_encoding === name && e.sha256[0] !== undefined && Buffer.from(e.sha256[0]).toString('hex') === hex(b)));
        if (same) unchanged++;
        else {
            const last = groups[groups.length - 1];
            const bytes = last?.reduce((n, a) => n + a.content.length, 0) ?? 0;
            if (last === undefined || last.length >= ASSETS_PER_BATCH || bytes + content.length > BYTES_PER_BATCH) groups.push([{ key, content }]);
            else last.push({ key, content });
        }
    }
    const vanished = [...existing.keys()].filter((k) => !assets.has(k));
    if (vanished.length > 0) groups.push([]);
    for (const [i, group] of groups.entries()) {
        const [{ batch_id }] = call('create_batch', [{}]) as [{ batch_id: bigint }];
        const operations: unknown[] = i === groups.length - 1 ? vanished.map((key) => ({ DeleteAsset: { key } })) : [];
        for (const { key, content } of group) {
            const c = configFor(rules, key.slice(1)); // .ic-assets.json5, as dfx's sync applies it
            const type = key.endsWith(ALTERNATIVE_ORIGINS_PATH) ? 'application/json' : (TYPES[extname(key)] ?? 'application/octet-stream');
            if (existing.has(key)) operations.push({ DeleteAsset: { key } });
            operations.push({ CreateAsset: { key, content_type: type, max_age: opt(c.maxAge === null ? null : BigInt(c.maxAge)), headers: [c.headers], enable_aliasing: opt(c.enableAliasing), allow_raw_access: opt(c.allowRawAccess) } });
            for (const [encoding, bytes] of encodingsOf(key, content)) {
                const chunk_ids: bigint[] = [];
                for (let p = 0; p === 0 || p < bytes.length; p += CHUNK) {
                    const [{ chunk_id }] = call('create_chunk', [{ batch_id, content: bytes.subarray(p, p + CHUNK) }]) as [{ chunk_id: bigint }];
                    chunk_ids.push(chunk_id);
                }
                operations.push({ SetAssetContent: { key, content_encoding: encoding, chunk_ids, sha256: [createHash('sha256').update(bytes).digest()], last_chunk: [] } });
            }
        }
        call('commit_batch', [{ batch_id, operations }]);
    }
    console.log(`synced ${assets.size} assets (${unchanged} unchanged, ${vanished.length} deleted, with /config.json) to ${env.ICP_CLI_CID} on ${env.ICP_CLI_NETWORK}`);
}

/** The identity encoding, and gzip for text when it is smaller. */
function encodingsOf(key: string, content: Uint8Array): [string, Uint8Array][] {
    const encodings: [string, Uint8Array][] = [['identity', content]];
    if (/\.(html|js|css|json|svg|txt)$/.test(key)) {
        const gz = new Uint8Array(gzipSync(content, { level: 9 }));
        if (gz.length < content.length) encodings.push(['gzip', gz]);
    }
    return encodings;
}

main();
