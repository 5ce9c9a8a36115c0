// derivationOrigin as Internet Identity validates it: another origin's principals only when that
// origin lists the requesting origin in /.well-known/ii-alternative-origins (at most 10 entries).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ed25519KeyIdentity } from '@dfinity/identity';
import { LocalIcImpl } from '../../src/ic/local_ic.js';
import { LocalCertifier } from '../../src/crypto/certificate.js';
import { deriveDevKeys } from '../../src/crypto/root_key.js';
import { startLocalnetServer, type LocalnetServer } from '../../src/server/server.js';
import { userKey } from '../../src/identity_provider/keys.js';
import { validateDerivationOrigin } from '../../src/identity_provider/derivation_origin.js';

const APP = 'http://localhost:5173';
let server: LocalnetServer;
let site: Server;
let siteOrigin = '';
/** What the derivation origin serves at /.well-known/ii-alternative-origins. */
let served: { status: number; body: string; headers?: Record<string, string> } = { status: 200, body: '' };
const fetched: string[] = [];

beforeAll(async () => {
    const keys = deriveDevKeys();
    server = await startLocalnetServer({ ic: new LocalIcImpl({ certifier: new LocalCertifier(keys) }), keys, port: 0, tickIntervalMs: 0 });
    site = createServer((req, res) => {
        fetched.push(`${req.url} cookie=${req.headers.cookie ?? ''}`);
        if (req.url !== '/.well-known/ii-alternative-origins') return void res.writeHead(404).end();
        res.writeHead(served.status, { 'Content-Type': 'application/json', ...served.headers }).end(served.body);
    });
    await new Promise<void>(r => site.listen(0, '127.0.0.1', () => r()));
    siteOrigin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
});
afterAll(async () => {
    await server?.close();
    await new Promise(r => site?.close(r));
});

async function signIn(derivationOrigin: string | undefined, origin = APP): Promise<{ status: number; text: string }> {
    const res = await fetch(`${server.url}/identity/api/delegation`, {
        method: 'POST',
        body: JSON.stringify({ user: 'alice', origin, derivationOrigin, sessionPublicKey: Buffer.from(Ed25519KeyIdentity.generate().getPublicKey().toDer()).toString('hex') })
    });
    return { status: res.status, text: await res.text() };
}

const list = (origins: string[]): string => JSON.stringify({ alternativeOrigins: origins });

describe('derivationOrigin', () => {
    it("gives the derivation origin's principal when it lists the requesting origin", async () => {
        served = { status: 200, body: list(['https://other.example', APP]) };
        const r = await signIn(siteOrigin);
        expect(r.status, r.text).toBe(200);
        const { principal } = JSON.parse(r.text) as { principal: string };
        expect(principal).toBe(userKey('alice', siteOrigin).principal.toText());
        expect(principal).not.toBe(userKey('alice', APP).principal.toText());
        expect(fetched.at(-1)).toBe('/.well-known/ii-alternative-origins cookie=');
    });

    it('needs no look-up when absent or equal to the requesting origin', async () => {
        const before = fetched.length;
        expect((await signIn(undefined)).status).toBe(200);
        expect(JSON.parse((await signIn(APP)).text)).toMatchObject({ principal: userKey('alice', APP).principal.toText() });
        expect(fetched.length).toBe(before);
    });

    it('refuses an origin that is not listed, a missing or malformed file, too many entries and redirects', async () => {
        const cases: [string, typeof served, RegExp][] = [
            ['not listed', { status: 200, body: list(['https://other.example']) }, /is not listed in the list of allowed alternative origins/],
            ['404', { status: 404, body: '' }, /returned invalid status: 404/],
            ['no list', { status: 200, body: JSON.stringify({ origins: [APP] }) }, /has invalid format/],
            ['not JSON', { status: 200, body: '<html>' }, /An error occurred while validating/],
            ['11 entries', { status: 200, body: list([APP, ...Array.from({ length: 10 }, (_, i) => `https://a${i}.example`)]) }, /at most 10 alternative origins/],
            ['too large', { status: 200, body: list([APP, 'x'.repeat(70_000)]) }, /larger than 65536 bytes/],
            ['redirect', { status: 302, body: '', headers: { Location: `${APP}/.well-known/ii-alternative-origins` } }, /An error occurred while validating/]
        ];
        for (const [what, s, reason] of cases) {
            served = s;
            const r = await signIn(siteOrigin);
            expect(r.status, what).toBe(400);
            expect(r.text, what).toMatch(/^Invalid derivation origin: /);
            expect(r.text, what).toMatch(reason);
        }
    });

    it('refuses a derivation origin or requesting origin that is not an origin', async () => {
        expect(await validateDerivationOrigin(APP, `${siteOrigin}/path`)).toMatchObject({ result: 'invalid' });
        expect((await signIn('javascript:alert(1)')).status).toBe(400);
        expect((await signIn(undefined, 'http://localhost:5173/page')).text).toMatch(/origin must be the origin/);
    });

});
