// localnet's HTTP gateway with a canister that is not an asset canister: the upgrade to
// `http_request_update` when the canister asks for it (an update: state changes, no response
// certification needed), and an uncertified query answer refused with 503. The asset canister's
// verified answers, streaming and tampering are in canisters/assets/test/gateway.test.ts.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { request } from 'node:http';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Actor, HttpAgent } from '@dfinity/agent';
import { Principal } from '@dfinity/principal';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { managementIdlFactory } from '../../src/management_client_idl.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { azleBuild } from '../../src/testing/build.js';

const DIR = join(dirname(fileURLToPath(import.meta.url)), 'canister');
const keys = deriveDevKeys();
let server: LocalnetServer;
let canisterId: Principal;

function build(): Uint8Array {
    const wasm = join(DIR, '.azle', 'gateway_probe', 'gateway_probe.wasm');
    if (!existsSync(wasm) || statSync(wasm).mtimeMs < statSync(join(DIR, 'src', 'index.ts')).mtimeMs) azleBuild(DIR, 'gateway_probe');
    return new Uint8Array(readFileSync(wasm));
}

function send(method: string, path: string, host: string, body = ''): Promise<{ status: number; body: string }> {
    return new Promise((ok, fail) => {
        const req = request({ host: '127.0.0.1', port: server.port, method, path, headers: { host } }, (res) => {
            let out = '';
            res.on('data', (d: Buffer) => (out += d.toString()));
            res.on('end', () => ok({ status: res.statusCode ?? 0, body: out }));
        });
        req.on('error', fail);
        req.end(body);
    });
}

beforeAll(async () => {
    const ic = new LocalIcImpl({ certifier: new LocalCertifier(keys) });
    server = await startLocalnetServer({ ic, keys, port: 0, tickIntervalMs: 20, identityProvider: false });
    const agent = await HttpAgent.create({ host: server.url, shouldFetchRootKey: true });
    const mgmt = (effective: Principal) => Actor.createActor(managementIdlFactory, { agent, canisterId: Principal.managementCanister(), effectiveCanisterId: effective }) as unknown as {
        provisional_create_canister_with_cycles(a: unknown): Promise<{ canister_id: Principal }>;
        install_code(a: unknown): Promise<void>;
    };
    ({ canister_id: canisterId } = await mgmt(Principal.fromText('rwlgt-iiaaa-aaaaa-aaaaa-cai')).provisional_create_canister_with_cycles({ settings: [], specified_id: [], amount: [], sender_canister_version: [] }));
    await mgmt(canisterId).install_code({ arg: new Uint8Array(), wasm_module: new Uint8Array(gzipSync(build())), mode: { install: null }, canister_id: canisterId, sender_canister_version: [] });
}, 120_000);
afterAll(async () => server?.close());

describe('HTTP gateway', () => {
    it('upgrades to http_request_update when the canister asks, and the update changes state', async () => {
        const host = `${canisterId.toText()}.localhost:${server.port}`;
        expect(await send('POST', '/update/x?y=1', host, 'hi')).toEqual({ status: 201, body: 'POST /update/x?y=1 update 1 body hi' });
        expect((await send('POST', '/update/x', host)).body).toBe('POST /update/x update 2 body ');
    });

    it('refuses an answer without a certificate with 503 and the reason', async () => {
        const r = await send('GET', '/plain', `${canisterId.toText()}.localhost`);
        expect(r.status).toBe(503);
        expect(r.body).toMatch(/^Response verification failed: .*[Cc]ertif/);
    });

    it('serves ?canisterId= on the server host, strips it from the URL, 404s an unknown canister, 400s a host that names none', async () => {
        expect((await send('POST', `/update/q?canisterId=${canisterId.toText()}`, `127.0.0.1:${server.port}`)).body).toMatch(/^POST \/update\/q update \d+ body $/);
        const unknown = await send('GET', '/', 'aaaaa-aa.localhost');
        expect(unknown.status).toBe(404);
        expect(unknown.body).toMatch(/canister not found/);
        expect(await send('GET', '/', 'not-a-principal.localhost')).toEqual({ status: 400, body: 'not a canister id: not-a-principal.localhost' });
    });

    it('keeps the IC API on a canister host (the app calls /api on its own origin)', async () => {
        const r = await send('GET', '/api/v2/status', `${canisterId.toText()}.localhost`);
        expect(r.status).toBe(200);
    });
});
