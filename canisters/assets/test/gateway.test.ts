// The asset canister uploaded by @dfinity/assets (through sync/upload.ts, as `npm start` does) and
// served by localnet's HTTP gateway with response verification: headers from .ic-assets.json5,
// SPA fallback, gzip, streaming of a multi-chunk asset, permissions, and tampered answers refused.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { createHash, randomBytes } from 'node:crypto';
import { IDL } from '@dfinity/candid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import type { Principal } from '@dfinity/principal';
import { buildAzleCanisterCached, deriveDevKeys, HttpGateway, hostTarget, LocalCertifier, LocalIcImpl, startLocalnetServer, type LocalnetServer } from '@trustcloud/localnet';
import { idlFactory, type _SERVICE, type BatchOperationKind } from '../declarations';
import { installAssets } from '../sync/deploy';
import { syncDirectory } from '../sync/upload';

const StoreArg = IDL.Record({ key: IDL.Text, content_type: IDL.Text, content_encoding: IDL.Text, content: IDL.Vec(IDL.Nat8), sha256: IDL.Opt(IDL.Vec(IDL.Nat8)) });
const ROOT = resolve(import.meta.dirname, '../../..');
const keys = deriveDevKeys();
const owner = Ed25519KeyIdentity.generate();
const stranger = Ed25519KeyIdentity.generate();
const CSP = "default-src 'none'; script-src 'self'";
const big = randomBytes(150_000);
let ic: LocalIcImpl;
let server: LocalnetServer;
let canisterId: Principal;
let dir: string;
let wasm: Uint8Array;

const agentOf = (identity = owner) => HttpAgent.create({ host: server.url, identity, shouldFetchRootKey: true });
const actorOf = async (identity = owner) => Actor.createActor<_SERVICE>(idlFactory, { agent: await agentOf(identity), canisterId });

function get(path: string, headers: Record<string, string> = {}, host = `${canisterId.toText()}.localhost`): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
    return new Promise((ok, fail) => {
        const req = request({ host: '127.0.0.1', port: server.port, path, headers: { host, ...headers } }, (res) => {
            const parts: Buffer[] = [];
            res.on('data', (d: Buffer) => parts.push(d));
            res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(parts) }));
        });
        req.on('error', fail);
        req.end();
    });
}

beforeAll(async () => {
    wasm = new Uint8Array(readFileSync(buildAzleCanisterCached(ROOT, 'assets').wasm));
    ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 20, identityProvider: false });
    canisterId = await installAssets(await agentOf(), wasm);
    dir = mkdtempSync(join(tmpdir(), 'assets-'));
    mkdirSync(join(dir, 'assets'));
    mkdirSync(join(dir, '.well-known'));
    writeFileSync(join(dir, 'index.html'), `<!doctype html><title>app</title>${'<p>hello</p>'.repeat(200)}`);
    writeFileSync(join(dir, 'assets', 'app.js'), 'console.log("app");'.repeat(500));
    writeFileSync(join(dir, 'assets', 'blob.bin'), big);
    writeFileSync(join(dir, '.well-known', 'ii-alternative-origins'), '{"alternativeOrigins":[]}');
    writeFileSync(join(dir, '.secret'), 'not for upload');
    writeFileSync(
        join(dir, '.ic-assets.json5'),
        `[ { match: "**/*", headers: { "Content-Security-Policy": "${CSP}", "X-Frame-Options": "DENY" } },
           { match: "assets/**/*", headers: { "Cache-Control": "public, max-age=31536000, immutable" } },
           { match: ".well-known", ignore: false, headers: { "Access-Control-Allow-Origin": "https://id.ai" } } ]`
    );
    const r = await syncDirectory({ agent: await agentOf(), canisterId, dir, maxChunkSize: 64 * 1024 });
    expect(r.stored.sort()).toEqual(['/.well-known/ii-alternative-origins', '/assets/app.js', '/assets/blob.bin', '/index.html']);
}, 120_000);
afterAll(async () => server?.close());

describe('asset canister through the HTTP gateway', () => {
    it('serves index.html at / with the .ic-assets.json5 headers, verified', async () => {
        const r = await get('/');
        expect(r.status).toBe(200);
        expect(r.body.toString()).toContain('<title>app</title>');
        expect(r.headers['content-security-policy']).toBe(CSP);
        expect(r.headers['x-frame-options']).toBe('DENY');
        expect(r.headers['content-type']).toBe('text/html');
        expect(String(r.headers['ic-certificate'])).toMatch(/version=2/);
    });

    it('answers app routes with index.html (the certified SPA fallback) and dotfiles only when a rule admits them', async () => {
        const r = await get('/contracts/42');
        expect(r.status).toBe(200);
        expect(r.body.toString()).toContain('<title>app</title>');
        const wk = await get('/.well-known/ii-alternative-origins');
        expect(wk.headers['access-control-allow-origin']).toBe('https://id.ai');
        expect(wk.body.toString()).toBe('{"alternativeOrigins":[]}');
        expect((await get('/.secret')).body.toString()).toContain('<title>app</title>');
    });

    it('serves gzip when the client accepts it, identity otherwise', async () => {
        const gz = await get('/assets/app.js', { 'accept-encoding': 'gzip, deflate, br' });
        expect(gz.status).toBe(200);
        expect(gz.headers['content-encoding']).toBe('gzip');
        expect(gz.headers['cache-control']).toBe('public, max-age=31536000, immutable');
        expect(gunzipSync(gz.body).toString()).toBe('console.log("app");'.repeat(500));
        const plain = await get('/assets/app.js');
        expect(plain.headers['content-encoding']).toBeUndefined();
        expect(plain.body.length).toBe('console.log("app");'.length * 500);
    });

    it('streams a multi-chunk asset through the callback and verifies the whole body', async () => {
        const r = await get('/assets/blob.bin');
        expect(r.status).toBe(200);
        expect(Buffer.compare(r.body, big)).toBe(0);
    });

    it('serves ?canisterId= on the server host too', async () => {
        const r = await get(`/?canisterId=${canisterId.toText()}`, {}, `127.0.0.1:${server.port}`);
        expect(r.status).toBe(200);
        expect(r.body.toString()).toContain('<title>app</title>');
    });

    it('refuses a tampered body or a dropped certified header with 503 and the reason', () => {
        const lying = (tamper: ConstructorParameters<typeof HttpGateway>[0]['tamper']) => new HttpGateway({ ic, rootKeyDer: keys.rootKeyDer, tamper });
        const target = hostTarget(`${canisterId.toText()}.localhost`, '/')!;
        const req = { method: 'GET', headers: [] as [string, string][], body: new Uint8Array() };
        const honest = lying((r) => r).handle(target, req);
        expect(honest.status).toBe(200);
        const body = lying((r) => ({ ...r, body: new TextEncoder().encode('<script>evil()</script>') })).handle(target, req);
        expect(body.status).toBe(503);
        expect(new TextDecoder().decode(body.body)).toMatch(/Response verification failed/);
        const csp = lying((r) => ({ ...r, headers: r.headers.filter(([k]) => k.toLowerCase() !== 'content-security-policy') })).handle(target, req);
        expect(csp.status).toBe(503);
        const uncertified = lying((r) => ({ ...r, headers: r.headers.filter(([k]) => k.toLowerCase() !== 'ic-certificate') })).handle(target, req);
        expect(uncertified.status).toBe(503);
    });

    it('only principals with Commit may upload; authorize admits one', async () => {
        const s = await actorOf(stranger);
        await expect(s.create_batch({})).rejects.toThrow(/does not have Prepare permission/);
        await expect(s.store({ key: '/x', content_type: 'text/plain', content_encoding: 'identity', content: new Uint8Array([1]), sha256: [] })).rejects.toThrow(/Commit permission/);
        await expect(s.authorize(stranger.getPrincipal())).rejects.toThrow(/ManagePermissions/);
        await (await actorOf()).authorize(stranger.getPrincipal());
        const { batch_id } = await s.create_batch({});
        await s.delete_batch({ batch_id });
        expect((await s.list_authorized()).map((p) => p.toText())).toContain(stranger.getPrincipal().toText());
    });

    it('a batch fails whole (a chunk that is gone); a wrong sha256 is stored but never served as certified', async () => {
        const a = await actorOf();
        const other = await a.create_batch({});
        const { chunk_id: foreign } = await a.create_chunk({ batch_id: other.batch_id, content: new TextEncoder().encode('x') });
        await a.delete_batch({ batch_id: other.batch_id });
        const { batch_id } = await a.create_batch({});
        const { chunk_id } = await a.create_chunk({ batch_id, content: new TextEncoder().encode('new') });
        const create: BatchOperationKind = { CreateAsset: { key: '/n.txt', content_type: 'text/plain', max_age: [], headers: [], enable_aliasing: [], allow_raw_access: [] } };
        await expect(
            a.commit_batch({ batch_id, operations: [{ DeleteAsset: { key: '/index.html' } }, create, { SetAssetContent: { key: '/n.txt', content_encoding: 'identity', chunk_ids: [foreign], last_chunk: [], sha256: [] } }] })
        ).rejects.toThrow(/chunk not found/);
        expect((await get('/')).status).toBe(200);
        // dfx and icp-cli commit in stages under batch id 0, then delete the real batch.
        await a.commit_batch({ batch_id: 0n, operations: [create, { SetAssetContent: { key: '/n.txt', content_encoding: 'identity', chunk_ids: [chunk_id], last_chunk: [], sha256: [new Uint8Array(32)] } }] });
        await a.commit_batch({ batch_id, operations: [] });
        await expect(a.create_chunk({ batch_id, content: new Uint8Array([1]) })).rejects.toThrow(/batch not found/);
        const lied = await get('/n.txt');
        expect(lied.status).toBe(503);
        expect(lied.body.toString()).toMatch(/Response verification failed/);
        await a.store({ key: '/n.txt', content_type: 'text/plain', content_encoding: 'identity', content: new TextEncoder().encode('new'), sha256: [] });
        const storeCost = (content: Uint8Array, sha256: [] | [Uint8Array]) => {
            const arg = new Uint8Array(IDL.encode([StoreArg], [{ key: '/h.bin', content_type: 'application/octet-stream', content_encoding: 'identity', content, sha256 }]));
            const o = ic.update({ sender: owner.getPrincipal(), canisterId, methodName: 'store', arg });
            expect(o.status).toBe('replied');
            return o.instructions;
        };
        const hashed = storeCost(new Uint8Array(64 * 1024), []);
        const given = storeCost(new Uint8Array(64 * 1024), [createHash('sha256').update(new Uint8Array(64 * 1024)).digest()]);
        console.log(`store of 64 KiB: ${hashed} instructions hashing in the canister, ${given} with the hash given`);
        await a.delete_asset({ key: '/h.bin' });
        expect((await get('/n.txt')).body.toString()).toBe('new');
        await a.delete_asset({ key: '/n.txt' });
    });

    it('a re-sync of the same files changes nothing', async () => {
        const again = await syncDirectory({ agent: await agentOf(), canisterId, dir, maxChunkSize: 64 * 1024 });
        expect(again.stored).toEqual([]);
        expect(again.unchanged.length).toBe(4);
    });

    it('keeps assets and their certification across an upgrade', async () => {
        await installAssets(await agentOf(), wasm, { canisterId, mode: 'upgrade' });
        const r = await get('/assets/blob.bin');
        expect(r.status).toBe(200);
        expect(Buffer.compare(r.body, big)).toBe(0);
    });
});
